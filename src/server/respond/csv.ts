// The CSV export as ODS writes it: `;` by default, a BOM unless with_bom=false, field names (or
// labels) as header, CRLF line ends, minimal quoting (or every string with quote_all), values as
// text.ts formats them, text cells that would start a formula prefixed with ' (neutralise_formulas). Streams one string per batch; never holds more than a batch. Where every
// column's type allows, the engine writes the lines itself (csv-engine.ts) with the same text.
import type { ResultColumn } from '../../core/request.ts';
import { registerRenderer, type ExportOptions, type RenderContext, type Renderer } from './renderer.ts';
import { exportColumns } from './columns.ts';
import { neutraliseFormula, toText, type TextOptions } from './text.ts';
import { formatDatetime } from './values.ts';
import { engineCsvLines, UNQUOTED_TYPES } from './csv-engine.ts';


export function csvCell(text: string, delimiter: string, forceQuote: boolean): string {
  if (forceQuote || text.includes(delimiter) || /["\r\n]/.test(text)) return '"' + text.replace(/"/g, '""') + '"';
  return text;
}

/** Types whose text never holds a quote, a line break or one of the accepted delimiters. */
const NEVER_QUOTED_TEXT = new Set(['int', 'double', 'boolean', 'date', 'datetime']);

/** One formatter per column, chosen once per export (the loop below runs millions of times). */
function cellWriter(type: ResultColumn['type'], forceQuote: boolean, delimiter: string, textOptions: TextOptions, neutralise: boolean): (value: unknown) => string {
  // Only text fields: -3 in a number field is a number, not a formula.
  const textOf = neutralise && type === 'text' ? (v: unknown) => neutraliseFormula(toText(v, type, textOptions)) : (v: unknown) => toText(v, type, textOptions);
  if (forceQuote) return (v) => '"' + textOf(v).replace(/"/g, '""') + '"';
  if (NEVER_QUOTED_TEXT.has(type)) {
    if (type === 'int') return (v) => (typeof v === 'number' ? String(v) : csvCell(toText(v, type, textOptions), delimiter, false));
    if (type === 'datetime') return (v) => (v instanceof Date ? formatDatetime(v, textOptions.timezone) : csvCell(toText(v, type, textOptions), delimiter, false));
    return (v) => (Array.isArray(v) ? csvCell(toText(v, type, textOptions), delimiter, false) : toText(v, type, textOptions));
  }
  const special = new RegExp(`["\\r\\n${delimiter.replace(/[\\\]^-]/g, '\\$&')}]`);
  return (v) => {
    const text = textOf(v);
    return special.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  };
}

export function csvHeader(columns: ResultColumn[], options: ExportOptions): string {
  return columns
    .map((c) => csvCell(options.use_labels ? c.label ?? c.name : c.name, options.delimiter, options.quote_all))
    .join(options.delimiter) + '\r\n';
}

async function* renderCsv(ctx: RenderContext): AsyncIterable<string | Buffer> {
  const { options } = ctx;
  const columns = exportColumns(ctx.columns);
  const textOptions: TextOptions = { timezone: options.timezone, listSeparator: options.list_separator };
  const names = columns.map((c) => c.name);
  const write = columns.map((c) => cellWriter(c.type, options.quote_all && !UNQUOTED_TYPES.has(c.type), options.delimiter, textOptions, options.neutralise_formulas));
  const d = options.delimiter;
  const n = columns.length;
  const header = (options.with_bom ? '\uFEFF' : '') + csvHeader(columns, options);
  const engine = await engineCsvLines(ctx);
  if (engine) {
    try {
      yield header;
      yield* engine.lines;
    } finally {
      await engine.close();
    }
    return;
  }
  yield header;
  for await (const batch of ctx.rows) {
    let out = '';
    for (const row of batch) {
      for (let i = 0; i < n; i++) {
        if (i > 0) out += d;
        const value = row[names[i]!];
        if (value !== null && value !== undefined) out += write[i]!(value);
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
