// The Parquet export: the engine writes the query's result to a temp file (snappy or zstd, per
// parquet_compression), which is then streamed out and deleted. The row iterator is not read: the
// engine runs ctx.query itself, so the rows never pass through JavaScript.
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { registerRenderer, type RenderContext, type Renderer } from './renderer.ts';
import { withTempDir } from './streams.ts';
import { exportColumns } from './columns.ts';
import { quoteIdent } from '../../sql/quote.ts';

/** The query to hand the engine: as compiled, or re-projected without the hidden record id. */
export function parquetSql(ctx: Pick<RenderContext, 'query' | 'columns'>): string {
  const shown = exportColumns(ctx.columns);
  if (shown.length === ctx.columns.length) return ctx.query.sql;
  return `SELECT ${shown.map((c) => quoteIdent(c.name)).join(', ')} FROM (${ctx.query.sql}) AS export_rows`;
}

function renderParquet(ctx: RenderContext): AsyncIterable<Buffer> {
  return withTempDir('parquet', async function* (dir) {
    const path = join(dir, 'export.parquet');
    await ctx.backend.copyToFile(parquetSql(ctx), ctx.query.params, path, 'parquet', { compression: ctx.options.parquet_compression });
    yield* createReadStream(path, { highWaterMark: 1 << 16 }) as AsyncIterable<Buffer>;
  });
}

export const parquetRenderer: Renderer = {
  format: 'parquet',
  contentType: 'application/vnd.apache.parquet',
  extension: 'parquet',
  render: renderParquet,
};

registerRenderer(parquetRenderer);
