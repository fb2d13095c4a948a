// The `datapackage` export renderer: a zip holding datapackage.json (Table Schema with constraints
// observed on the very rows exported) and the records as CSV written by the CSV renderer. One
// aggregate over the export's own compiled query comes first; the rows then stream into the zip.
import { PassThrough, Readable } from 'node:stream';
import yazl from 'yazl';
import type { Row } from '../../storage/backend.ts';
import type { FieldType } from '../../core/types.ts';
import { quoteIdent } from '../../sql/quote.ts';
import { getRenderer, registerRenderer, type RenderContext, type Renderer } from '../../server/respond/renderer.ts';
import { exportColumns } from '../../server/respond/columns.ts';
import { csvType, tableSchema, tableValue, type ColumnStats } from './schema.ts';
import { CSV_DIALECT, dataPath, packageDescriptor } from './descriptor.ts';

const RANGED: ReadonlySet<FieldType> = new Set(['int', 'double', 'date', 'datetime']);

/** count(*), count(col) and min/max of ranged columns over the export query (identifiers quoted). */
async function columnStats(ctx: RenderContext): Promise<{ rows: number; stats: Map<string, ColumnStats> }> {
  const cols = exportColumns(ctx.columns);
  const parts = ['count(*) AS n'];
  cols.forEach((c, i) => {
    const q = `t.${quoteIdent(c.name)}`;
    parts.push(`count(${q}) AS c${i}_n`);
    if (RANGED.has(c.type)) parts.push(`min(${q}) AS c${i}_min`, `max(${q}) AS c${i}_max`);
  });
  const [r] = await ctx.backend.query(`SELECT ${parts.join(', ')} FROM (${ctx.query.sql}) AS t`, ctx.query.params);
  const stats = new Map<string, ColumnStats>();
  cols.forEach((c, i) => {
    const row = r ?? {};
    const s: ColumnStats = { nonNull: Number(row[`c${i}_n`] ?? 0) };
    if (RANGED.has(c.type)) {
      // NaN/±Inf bounds would not survive JSON; a number column holding them gets no range.
      const min = row[`c${i}_min`], max = row[`c${i}_max`];
      const finite = (v: unknown) => typeof v !== 'number' || Number.isFinite(v);
      if (finite(min) && finite(max)) { s.min = min; s.max = max; }
    }
    stats.set(c.name, s);
  });
  return { rows: Number(r?.n ?? 0), stats };
}

async function* rewrite(rows: AsyncIterable<Row[]>, cols: { name: string; type: FieldType }[]): AsyncIterable<Row[]> {
  for await (const batch of rows) {
    yield batch.map((row) => {
      const out: Row = {};
      for (const c of cols) out[c.name] = tableValue(row[c.name], c.type);
      return out;
    });
  }
}

async function* renderDataPackage(ctx: RenderContext, portalName: string): AsyncIterable<Buffer> {
  const csv = getRenderer('csv');
  if (!csv) throw new Error('The datapackage export needs the csv renderer');
  const cols = exportColumns(ctx.columns);
  const { rows, stats } = await columnStats(ctx);
  const schema = tableSchema(ctx.dataset, cols, stats, rows);
  const descriptor = packageDescriptor(ctx.dataset, schema, ctx.baseUrl, portalName);
  const zip = new yazl.ZipFile();
  zip.addBuffer(Buffer.from(JSON.stringify(descriptor, null, 2) + '\n'), 'datapackage.json');
  const csvColumns = cols.map((c) => ({ ...c, type: csvType(c.type) }));
  const csvText = csv.render({
    ...ctx, columns: csvColumns, rows: rewrite(ctx.rows, cols),
    options: { ...ctx.options, delimiter: CSV_DIALECT.delimiter, with_bom: false, quote_all: false, use_labels: false, compressed: false, list_separator: ',' },
  });
  const data = new PassThrough();
  Readable.from(csvText).on('error', (e) => data.destroy(e)).pipe(data);
  zip.addReadStream(data, dataPath(ctx.dataset));
  zip.end();
  const out = zip.outputStream as Readable;
  data.on('error', (e) => out.destroy(e));
  for await (const chunk of out) yield chunk as Buffer;
}

export function dataPackageRenderer(portalName: string): Renderer {
  return { format: 'datapackage', contentType: 'application/zip', extension: 'zip', render: (ctx) => renderDataPackage(ctx, portalName) };
}

/** Registers (or re-registers with this portal's name) the renderer in the export registry. */
export function registerDataPackageRenderer(portalName: string): void {
  registerRenderer(dataPackageRenderer(portalName));
}
