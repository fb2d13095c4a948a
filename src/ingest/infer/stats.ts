// Vectorised statistics over a staging table: one aggregate query profiles many columns at once (the
// classes of their values, on a sample or on all rows), or counts the values failing the rule chosen
// for them. Runs on the writer, which alone sees the staging table.
import type { Backend } from '../../storage/backend.ts';
import { quoteIdent } from '../../sql/quote.ts';
import { classSql, type TextRule } from './text-rules.ts';

/** A column's text profile: how many values, which value classes occur (bit k = class k), and whether
 *  some values carry surrounding whitespace (then they are typed and converted trimmed). */
export interface Profile {
  n: number; mask: number; padded: boolean;
  /** Sample profiles only: how many distinct values (raw and trimmed) the column has in the sample. */
  distinct?: number;
}

/** `cols`: SQL over staging alias `s` of each column's raw and trimmed values (NULL when empty). One
 *  CASE and a couple of aggregates per column keep the query small even for wide files. */
export async function profileColumns(backend: Backend, table: string, cols: Array<{ raw: string; trimmed: string }>, sampleRows?: number): Promise<Profile[]> {
  if (cols.length === 0) return [];
  if (sampleRows) return sampleProfiles(backend, table, cols, sampleRows);
  const inner = cols.map((c, i) => `${c.trimmed} AS x${i}, ${c.raw} AS w${i}`).join(', ');
  const aggs = cols.map((_, i) => `count(x${i}) AS n${i}, bit_or(CASE WHEN x${i} IS NOT NULL THEN CAST(1 AS INTEGER) << (${classSql(`x${i}`)}) END) AS m${i}, bool_or(w${i} <> x${i}) AS p${i}`);
  const row = await one(backend, `SELECT ${aggs.join(', ')} FROM (SELECT ${inner} FROM ${quoteIdent(table)} s)`);
  return cols.map((_, i) => ({ n: Number(row[`n${i}`]), mask: Number(row[`m${i}`] ?? 0), padded: row[`p${i}`] === true }));
}

/** The sample is the first rows by rowid (a staging table's rows are numbered from 0 in file order): a
 *  filter the scan can split between threads, where a LIMIT reads on one. Each column's values are
 *  grouped first and the groups of all columns stacked (column number i), so the class CASE is planned
 *  once, not once per column, and runs once per distinct value (sampled columns of real files repeat a
 *  lot: codes, names, coordinates, dates). A group's class and padding are those of its rows, and the
 *  group sizes add up to the count: the profile is the one the rows give. */
async function sampleProfiles(backend: Backend, table: string, cols: Array<{ raw: string; trimmed: string }>, sampleRows: number): Promise<Profile[]> {
  const from = `${quoteIdent(table)} s WHERE s.rowid < ${Math.floor(sampleRows)}`;
  const groups = cols.map((c, i) => `SELECT ${i} AS i, x, w, count(*) AS k FROM (SELECT ${c.trimmed} AS x, ${c.raw} AS w FROM ${from}) GROUP BY x, w`);
  const rows = await backend.write((tx) => tx.query(`SELECT i, CAST(coalesce(sum(k) FILTER (WHERE x IS NOT NULL), 0) AS BIGINT) AS n,
    bit_or(CASE WHEN x IS NOT NULL THEN CAST(1 AS INTEGER) << (${classSql('x')}) END) AS m, bool_or(w <> x) AS p, count(*) AS g
    FROM (${groups.join(' UNION ALL ')}) GROUP BY i`));
  const byCol = new Map(rows.map((r) => [Number(r.i), r]));
  return cols.map((_, i) => {
    const r = byCol.get(i);
    return { n: Number(r?.n ?? 0), mask: Number(r?.m ?? 0), padded: r?.p === true, distinct: Number(r?.g ?? 0) };
  });
}

/** A column and the rule chosen for it: how many values fail, and the first failing row. */
export interface Failure { failing: number; firstRow: number | null; firstValue: string | null }

export async function countFailures(backend: Backend, table: string, cols: Array<{ x: string; rule: TextRule }>, details = false): Promise<Failure[]> {
  if (cols.length === 0) return [];
  const inner = cols.map((c, i) => `${c.x} AS x${i}`).join(', ');
  const aggs = cols.map((c, i) => {
    const bad = `x${i} IS NOT NULL AND NOT ${c.rule.test(`x${i}`)}`;
    if (!details) return `count(*) FILTER (WHERE ${bad}) AS f${i}`;
    return `count(*) FILTER (WHERE ${bad}) AS f${i}, min(r) FILTER (WHERE ${bad}) AS r${i}, arg_min(x${i}, r) FILTER (WHERE ${bad}) AS v${i}`;
  });
  const row = await one(backend, `SELECT ${aggs.join(', ')} FROM (SELECT s.rowid AS r, ${inner} FROM ${quoteIdent(table)} s)`);
  return cols.map((_, i) => ({
    failing: Number(row[`f${i}`]),
    firstRow: row[`r${i}`] == null ? null : Number(row[`r${i}`]),
    firstValue: row[`v${i}`] == null ? null : String(row[`v${i}`]),
  }));
}

/** Whether some value of each column fails the rule chosen for it, over all rows, testing each distinct
 *  value once (a column's values are grouped first): for columns whose values repeat, far cheaper than
 *  a test (or guard) per row. */
export async function failsOnDistinct(backend: Backend, table: string, cols: Array<{ x: string; rule: TextRule }>): Promise<boolean[]> {
  if (cols.length === 0) return [];
  const parts = cols.map((c, i) => `(SELECT count(*) FILTER (WHERE x IS NOT NULL AND NOT ${c.rule.test('x')}) AS f${i}
    FROM (SELECT ${c.x} AS x FROM ${quoteIdent(table)} s GROUP BY x)) q${i}`);
  const row = await one(backend, `SELECT * FROM ${parts.join(', ')}`);
  return cols.map((_, i) => Number(row[`f${i}`]) > 0);
}

export async function one(backend: Backend, sql: string): Promise<Record<string, unknown>> {
  const rows = await backend.write((tx) => tx.query(sql));
  return rows[0] ?? {};
}
