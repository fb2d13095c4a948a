// A pipeline compiled to one DuckDB SELECT over the staged record table, written with CREATE TABLE …
// AS, when EVERY processor has a SQL form (ProcessorDef.toSql) and every field is text, int, double,
// boolean, date or datetime (and none is named rowid, DuckDB's row number); else null and the JS path
// (run.ts) runs. All or nothing, not a leading run in SQL and the
// rest in JS: the JS rest would read and write every record anyway (the cost SQL avoids), and its
// errors must name records by their input position, which a SQL skip before it would have lost.
// Each step is one nested SELECT (DuckDB flattens them); a hidden `_agora_js` column carries, per
// record, "SQL cannot vouch for this one" (a processor would fail on it, skip_on_error or not, or the
// engines part there: see each toSql). One such record, or any engine error, and nothing is written:
// the caller runs JS, which then fails, skips or writes exactly as it always did.
// Parameters are bound ($n), identifiers quoted; nothing is published here.
import { randomUUID } from 'node:crypto';
import { RECORD_ID_COLUMN } from '../../core/physical.ts';
import type { Backend, SqlParam } from '../../storage/backend.ts';
import { quoteIdent } from '../../sql/quote.ts';
import { DUCKDB_TYPE } from '../build.ts';
import { scalarSqlType } from '../../core/physical.ts';
import type { PlannedPipeline } from './plan.ts';
import { processorDef } from './registry.ts';
import type { PField, SqlContext } from './types.ts';

const RID = '_agora_rid';
const JS = '_agora_js';
const SQL_TYPES = new Set(['text', 'int', 'double', 'boolean', 'date', 'datetime']);
const inSql = (f: PField) => SQL_TYPES.has(f.type) && f.name !== 'rowid';

/** `select`: the processed records over `table` (with the hidden columns); `write`: the record-table
 *  columns over a table of them. */
export interface CompiledPipeline { table: string; select: string; write: string; params: SqlParam[] }

const or = (conds: readonly string[]): string => (conds.length ? conds.map((c) => `coalesce(${c}, false)`).join(' OR ') : 'false');

/** What JS does to a stored value on its way in and out that SQL must not pretend to match: integers
 *  past 2^53 (JS rounds them, then refuses them), non-finite doubles, dates and datetimes outside
 *  years 1000-9999 and datetimes finer than a millisecond (JS Date). */
function storedOddity(f: PField): string | null {
  const c = quoteIdent(f.name);
  switch (f.type) {
    case 'int': return `abs(${c}) > 9007199254740991`;
    case 'double': return `NOT isfinite(${c})`;
    case 'date': return `NOT (${c} BETWEEN DATE '1000-01-01' AND DATE '9999-12-31')`;
    case 'datetime': return `(NOT (${c} BETWEEN TIMESTAMPTZ '1000-01-01 00:00:00+00' AND TIMESTAMPTZ '9999-12-31 23:59:59.999+00') OR epoch_us(${c}) % 1000 <> 0)`;
    default: return null;
  }
}

/** The pipeline as one SELECT over `table` (record-table columns), or null when a step has no SQL form. */
export function compilePipeline(p: PlannedPipeline, table: string): CompiledPipeline | null {
  if (!p.input.every(inSql)) return null;
  const params: SqlParam[] = [];
  const bind = (v: SqlParam, type: string) => { params.push(v); return `CAST($${params.length} AS ${type})`; };
  // A number goes as its shortest round-trip text, read back as DOUBLE: bound as a JS number, an integer
  // past 2^31 or 2^63 would be typed by its size, not as the DOUBLE JS computes with.
  const ctx: SqlContext = { text: (v) => bind(v, 'VARCHAR'), number: (v) => `CAST(${bind(String(v), 'VARCHAR')} AS DOUBLE)`, boolean: (v) => bind(v, 'BOOLEAN'), col: quoteIdent };
  let fields = p.input;
  const cols = (fs: readonly PField[]) => fs.map((f) => quoteIdent(f.name)).join(', ');
  const first = or(fields.map(storedOddity).filter((x): x is string => x !== null));
  let rel = `SELECT ${quoteIdent(RECORD_ID_COLUMN)} AS ${RID}${fields.length ? ', ' + cols(fields) : ''}, ${first} AS ${JS} FROM ${quoteIdent(table)}`;
  for (const [i, { config, step }] of p.steps.entries()) {
    const def = processorDef(config.type);
    const form = def.toSql?.(config.params, fields, ctx) ?? null;
    if (!form || !step.fields.every(inSql)) return null;
    const items = step.fields.map((f) => {
      const v = form.values[f.name];
      if (v === undefined && !fields.some((x) => x.name === f.name && x.type === f.type)) {
        throw new Error(`The SQL form of ${config.type} leaves field "${f.name}" (${f.type}) without a value.`);
      }
      return `${v ?? quoteIdent(f.name)} AS ${quoteIdent(f.name)}`;
    });
    const js = `(${JS} OR ${or(form.jsOnly)})`;
    const where = form.keep ? ` WHERE ${js} OR coalesce(${form.keep}, false)` : '';
    rel = `SELECT ${RID}, ${[...items, `${js} AS ${JS}`].join(', ')} FROM (${rel}) AS s${i}${where}`;
    fields = step.fields;
  }
  // Written as the JS path writes: record ids from 1 in input order, -0 as 0 (JSON has no -0).
  const out = fields.map((f) => {
    const c = quoteIdent(f.name);
    const v = f.type === 'double' ? `CASE WHEN ${c} = 0 THEN 0 ELSE ${c} END` : c;
    return `CAST(${v} AS ${DUCKDB_TYPE[scalarSqlType(f.type)]}) AS ${c}`;
  });
  return { table, select: rel, write: [`CAST(rowid + 1 AS BIGINT) AS ${quoteIdent(RECORD_ID_COLUMN)}`, ...out].join(', '), params };
}

/** Writes the compiled pipeline into the new table `out`; its record count, or null when a record
 *  needs the JS path or the engine failed (nothing is left behind then). The records go first to a
 *  temporary table of the writer session, in input order (a plain scan keeps insertion order in
 *  DuckDB, as dialect.ts relies on; sorted explicitly when the input's ids are not its row order), so
 *  that one check finds any record needing JS before anything is written to disk, and the record ids
 *  are the temporary table's row numbers: no sort of the whole rows for a row_number(). */
export async function runCompiled(backend: Backend, c: CompiledPipeline, out: string): Promise<number | null> {
  const rid = quoteIdent(RECORD_ID_COLUMN);
  const STAGE = quoteIdent(`agora_proc_${randomUUID().replace(/-/g, '')}`); // one per run: publishes may interleave
  try {
    // Two transactions: a table's rowid counts from 0 only once its rows are committed (DuckDB numbers
    // rows still local to a transaction past 2^62). The temporary table is the writer session's alone.
    const rows = await backend.write(async (tx) => {
      const [order] = await tx.query(`SELECT count(*) FILTER (WHERE ${rid} <> rowid + 1) AS n FROM ${quoteIdent(c.table)}`);
      await tx.exec(`CREATE OR REPLACE TEMP TABLE ${STAGE} AS ${c.select}${Number(order.n) > 0 ? ` ORDER BY ${RID}` : ''}`, c.params);
      const [n] = await tx.query(`SELECT count(*) AS rows, count(*) FILTER (WHERE ${JS}) AS js FROM ${STAGE}`);
      return Number(n.js) === 0 ? Number(n.rows) : null;
    });
    if (rows !== null) await backend.write((tx) => tx.exec(`CREATE TABLE ${quoteIdent(out)} AS SELECT ${c.write} FROM ${STAGE}`));
    return rows;
  } catch {
    await backend.write((tx) => tx.exec(`DROP TABLE IF EXISTS ${quoteIdent(out)}`)).catch(() => undefined);
    return null;
  } finally {
    await backend.write((tx) => tx.exec(`DROP TABLE IF EXISTS ${STAGE}`)).catch(() => undefined);
  }
}
