// The CSV export's fast path: the engine formats every line in SQL exactly as csv.ts would (same
// quoting, ISO datetimes, CRLF, formula-neutralised text) and writes them itself; rows never become JavaScript objects (~3× faster).
// Only for exports in stored order and column types whose text the SQL reproduces exactly.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { ResultColumn } from '../../core/request.ts';
import type { FieldType } from '../../core/types.ts';
import type { SqlParam } from '../../storage/backend.ts';
import { quoteIdent } from '../../sql/quote.ts';
import type { ExportOptions, RenderContext } from './renderer.ts';
import { exportColumns } from './columns.ts';
import { tailFile, withTempDir } from './streams.ts';

/** Types whose cells are "strings" for quote_all (numbers and booleans stay bare, as Python's
 *  QUOTE_NONNUMERIC); shared with csv.ts's row path. */
export const UNQUOTED_TYPES: ReadonlySet<string> = new Set(['int', 'double', 'boolean']);

/** Engine types (as DuckDB names them) accepted for each ODS type on this path. */
const ENGINE_TYPES: Partial<Record<FieldType, ReadonlySet<string>>> = {
  int: new Set(['TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'UTINYINT', 'USMALLINT', 'UINTEGER', 'UBIGINT', 'HUGEINT']),
  // The engine's shortest round-trip text of a DOUBLE is Python's repr, as formatDouble writes it
  // ("45.0", "1e-07", "1e+16", "nan", "-0.0"); FLOAT and DECIMAL are not, and take the row path.
  double: new Set(['DOUBLE']),
  text: new Set(['VARCHAR']),
  boolean: new Set(['BOOLEAN']),
  date: new Set(['DATE']),
  datetime: new Set(['TIMESTAMP WITH TIME ZONE', 'TIMESTAMP']),
};

/** A year as csv.ts writes it: 4 digits, or ISO's expanded "+10000" / "-000001" outside 0–9999. */
function yearText(y: string): string {
  return `CASE WHEN ${y} BETWEEN 0 AND 9999 THEN lpad(CAST(${y} AS VARCHAR), 4, '0') WHEN ${y} > 9999 THEN '+' || CAST(${y} AS VARCHAR) ELSE '-' || lpad(CAST(abs(${y}) AS VARCHAR), 6, '0') END`;
}

/** SQL giving a value's text as text.ts writes it, NULL for NULL. */
function textSql(col: string, type: FieldType): string {
  switch (type) {
    case 'boolean':
      return `CASE WHEN ${col} THEN 'true' WHEN NOT ${col} THEN 'false' END`;
    case 'date':
      return `${yearText(`year(${col})`)} || strftime(${col}, '-%m-%d')`;
    case 'datetime': {
      // As formatDatetime in UTC: whole seconds of the millisecond instant (micros truncated, as in
      // the JS Date the other path gets), ".mmm" only when not zero, then "+00:00".
      const ms = `epoch_ms(${col})`;
      const wall = `make_timestamp(CAST(floor(${ms} / 1000) AS BIGINT) * 1000000)`;
      const frac = `CAST(${ms} - floor(${ms} / 1000) * 1000 AS BIGINT)`;
      return `${yearText(`year(${wall})`)} || strftime(${wall}, '-%m-%dT%H:%M:%S')`
        + ` || CASE WHEN ${frac} = 0 THEN '' ELSE '.' || lpad(CAST(${frac} AS VARCHAR), 3, '0') END || '+00:00'`;
    }
    default: // int, double, text
      return `CAST(${col} AS VARCHAR)`;
  }
}

/** A text column's value with a leading ' when it starts with = + - @ tab or CR (text.ts's neutraliseFormula). */
function neutralisedSql(col: string): string {
  // prefix() compares code points; left() would take a grapheme ("\r\n", "-" + a combining mark).
  const starts = ["'='", "'+'", "'-'", "'@'", 'chr(9)', 'chr(13)'].map((c) => `prefix(${col}, ${c})`).join(' OR ');
  return `CASE WHEN ${starts} THEN '''' || ${col} ELSE ${col} END`;
}

/** SQL giving one cell (never NULL) as csv.ts's cellWriter does, and the values it binds, in order. */
function cellSql(col: string, type: FieldType, forceQuote: boolean, delimiter: string, neutralise: boolean): { sql: string; params: SqlParam[] } {
  const text = neutralise && type === 'text' ? neutralisedSql(col) : textSql(col, type);
  const quoted = `'"' || replace(${text}, '"', '""') || '"'`;
  if (forceQuote) return { sql: `coalesce(${quoted}, '')`, params: [] };
  // Only text can hold a quote, CR, LF or the delimiter; the other types' text never does.
  if (type !== 'text') return { sql: `coalesce(${text}, '')`, params: [] };
  return {
    sql: `CASE WHEN ${col} IS NULL THEN '' WHEN contains(${col}, '"') OR contains(${col}, chr(13)) OR contains(${col}, chr(10)) OR contains(${col}, ?) THEN ${quoted} ELSE ${text} END`,
    params: [delimiter],
  };
}

/**
 * The SQL writing each row as one CSV line (CR included; the engine adds the LF) over the compiled
 * query, or null when a column's type or the time zone needs csv.ts's formatting.
 */
export function csvLinesSql(columns: ResultColumn[], engineTypes: Map<string, string>, query: { sql: string; params: SqlParam[] }, options: ExportOptions): { sql: string; params: SqlParam[] } | null {
  const shown = exportColumns(columns);
  if (shown.length === 0) return null;
  const cells: string[] = [];
  const params: SqlParam[] = [];
  for (const [i, c] of shown.entries()) {
    if (!ENGINE_TYPES[c.type]?.has(engineTypes.get(c.name) ?? '')) return null;
    if (c.type === 'datetime' && options.timezone !== 'UTC') return null;
    const forceQuote = options.quote_all && !UNQUOTED_TYPES.has(c.type);
    const cell = cellSql(`export_rows.${quoteIdent(c.name)}`, c.type, forceQuote, options.delimiter, options.neutralise_formulas);
    if (i > 0) { cells.push('?'); params.push(options.delimiter); }
    cells.push(cell.sql);
    params.push(...cell.params);
  }
  return { sql: `SELECT ${cells.join(' || ')} || chr(13) AS line FROM (${query.sql}) AS export_rows`, params: [...params, ...query.params] };
}

/** Record ids per engine write: bounds the engine's own buffering (its ordered parallel writer holds
 *  what one write produces) to a few MB, whatever the export's size. */
const IDS_PER_WRITE = 250_000;

/**
 * The CSV body lines written by the engine, one record-id range after another in one read snapshot,
 * each streamed as its file grows; null when the rows are not in stored order or a column needs the
 * row path. The snapshot is taken before the first byte is sent; the caller must close() it.
 */
export async function engineCsvLines(ctx: RenderContext): Promise<{ lines: AsyncIterable<Buffer>; close: () => Promise<void> } | null> {
  const chunks = ctx.chunks?.();
  if (!chunks) return null;
  const types = new Map((await ctx.backend.describe(ctx.query.sql)).map((c) => [c.name, c.type]));
  if (!csvLinesSql(ctx.columns, types, ctx.query, ctx.options)) return null;
  const snapshot = await ctx.backend.openSnapshot();
  let bounds: { lo: number; hi: number } | null;
  try {
    const [row] = await snapshot.query(chunks.bounds.sql, chunks.bounds.params);
    bounds = row?.lo === null || row?.lo === undefined ? null : { lo: Number(row.lo), hi: Number(row.hi) };
  } catch (e) {
    await snapshot.close();
    throw e;
  }
  const lines = withTempDir('csv', async function* (dir) {
    try {
      if (!bounds) return;
      for (let after = bounds.lo - 1, part = 0; after < bounds.hi; after += IDS_PER_WRITE, part++) {
        const range = csvLinesSql(ctx.columns, types, chunks.chunk(after, Math.min(after + IDS_PER_WRITE, bounds.hi)), ctx.options)!;
        const path = join(dir, `lines-${part}.csv`);
        yield* tailFile(path, snapshot.copyLinesToFile(range.sql, range.params, path));
        await rm(path, { force: true });
      }
    } finally {
      await snapshot.close();
    }
  });
  // close() also ends the snapshot when the consumer stops before the lines were ever read.
  return { lines, close: () => snapshot.close() };
}
