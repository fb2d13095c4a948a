// The CSV export as ODS writes it: `;` by default, a BOM unless with_bom=false, field names (or
// labels) as header, CRLF line ends, minimal quoting (or every string with quote_all), values as
// text.ts formats them. Streams one string per batch; never holds more than a batch.
import type { ResultColumn } from '../../core/request.ts';
import { registerRenderer, type ExportOptions, type RenderContext, type Renderer } from './renderer.ts';
import { exportColumns } from './columns.ts';
import { toText } from './text.ts';

/** Types whose cells are "strings" for quote_all (numbers and booleans stay bare, as Python's QUOTE_NONNUMERIC). */
const UNQUOTED_TYPES = new Set(['int', 'double', 'boolean']);

export function csvCell(text: string, delimiter: string, forceQuote: boolean): string {
  if (forceQuote || text.includes(delimiter) || /["\r\n]/.test(text)) return '"' + text.replace(/"/g, '""') + '"';
  return text;
}

export function csvHeader(columns: ResultColumn[], options: ExportOptions): string {
  return columns
    .map((c) => csvCell(options.use_labels ? c.label ?? c.name : c.name, options.delimiter, options.quote_all))
    .join(options.delimiter) + '\r\n';
}

async function* renderCsv(ctx: RenderContext): AsyncIterable<string> {
  const { options } = ctx;
  const columns = exportColumns(ctx.columns);
  const textOptions = { timezone: options.timezone, listSeparator: options.list_separator };
  const quote = columns.map((c) => options.quote_all && !UNQUOTED_TYPES.has(c.type));
  yield (options.with_bom ? '\uFEFF' : '') + csvHeader(columns, options);
  for await (const batch of ctx.rows) {
    let out = '';
    for (const row of batch) {
      for (let i = 0; i < columns.length; i++) {
        const c = columns[i]!;
        const value = row[c.name];
        if (i > 0) out += options.delimiter;
        if (value === null || value === undefined) continue;
        out += csvCell(toText(value, c.type, textOptions), options.delimiter, quote[i]!);
      }
      out += '\r\n';
    }
    if (out) yield out;
  }
}

export const csvRenderer: Renderer = {
  format: 'csv',
  contentType: 'text/csv; charset=utf-8',
  extension: 'csv',
  render: renderCsv,
};

registerRenderer(csvRenderer);
