// The JSON export (one array of flat records, like ODS's paris-plaques-commemoratives export) and
// the JSON Lines export (one record per line). Records take the Explore API shapes of values.ts.
// Streams one string per batch; never holds more than a batch.
import { registerRenderer, type RenderContext, type Renderer } from './renderer.ts';
import { exportColumns } from './columns.ts';
import { toApiRecord } from './values.ts';

async function* renderJson(ctx: RenderContext): AsyncIterable<string> {
  const { options } = ctx;
  const columns = exportColumns(ctx.columns);
  let first = true;
  yield '[';
  for await (const batch of ctx.rows) {
    let out = '';
    for (const row of batch) {
      out += (first ? '' : ',\n') + JSON.stringify(toApiRecord(row, columns, options.timezone));
      first = false;
    }
    if (out) yield out;
  }
  yield ']';
}

async function* renderJsonLines(ctx: RenderContext): AsyncIterable<string> {
  const { options } = ctx;
  const columns = exportColumns(ctx.columns);
  for await (const batch of ctx.rows) {
    let out = '';
    for (const row of batch) out += JSON.stringify(toApiRecord(row, columns, options.timezone)) + '\n';
    if (out) yield out;
  }
}

export const jsonRenderer: Renderer = {
  format: 'json',
  contentType: 'application/json; charset=utf-8',
  extension: 'json',
  render: renderJson,
};

export const jsonLinesRenderer: Renderer = {
  format: 'jsonl',
  contentType: 'application/jsonl; charset=utf-8',
  extension: 'jsonl',
  render: renderJsonLines,
};

registerRenderer(jsonRenderer);
registerRenderer(jsonLinesRenderer);
