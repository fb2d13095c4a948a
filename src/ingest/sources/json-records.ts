// JSON objects to staging columns: the keys of every object, in first-seen order, each becoming a
// JSON-typed column (c0, c1, …) of a new staging table; JSON null becomes SQL NULL. Keys reach the SQL
// only as bound JSON-pointer parameters.
import type { Backend, SqlParam } from '../../storage/backend.ts';
import { quoteIdent } from '../../sql/quote.ts';
import type { StagedColumn } from '../types.ts';

/** `objects` is SQL over alias `s` of `from` giving each record's JSON object. */
export async function explodeObjects(
  backend: Backend, from: string, objects: string, table: string, extra: Array<{ label: string; expr: string; role?: StagedColumn['role'] }> = [],
): Promise<StagedColumn[]> {
  const keys = await backend.write((tx) => tx.query(
    `SELECT k, min(r * 1000000 + i) AS o FROM (
       SELECT s.rowid AS r, unnest(json_keys(${objects})) AS k, unnest(range(len(json_keys(${objects})))) AS i FROM ${quoteIdent(from)} s
       WHERE json_type(${objects}) = 'OBJECT'
     ) GROUP BY k ORDER BY o`));
  const labels = keys.map((k) => String(k.k));
  const params: SqlParam[] = labels.map(pointer);
  // One json_extract with every path parses each record once (per-key extraction parses it per key).
  const exprs = labels.map((_, i) => `CASE WHEN v[${i + 1}] = 'null' THEN NULL ELSE v[${i + 1}] END AS c${i}`);
  const columns: StagedColumn[] = labels.map((label, i) => ({ col: `c${i}`, label, engineType: 'JSON' }));
  const inner = [labels.length ? `json_extract(${objects}, [${labels.map((_, i) => `$${i + 1}`).join(', ')}]) AS v` : 'NULL AS v'];
  extra.forEach((e, k) => {
    const col = `c${labels.length + k}`;
    inner.push(`${e.expr} AS e${k}`);
    exprs.push(`e${k} AS ${col}`);
    columns.push({ col, label: e.label, engineType: 'JSON', ...(e.role ? { role: e.role } : {}) });
  });
  const select = exprs.length ? exprs.join(', ') : 'NULL::JSON AS c0';
  await backend.write((tx) => tx.exec(
    `CREATE TEMP TABLE ${quoteIdent(table)} AS SELECT ${select} FROM (SELECT s.rowid AS r, ${inner.join(', ')} FROM ${quoteIdent(from)} s) ORDER BY r`, params));
  return columns;
}

/** RFC 6901 JSON pointer to one key ("/" and "~" escaped). */
export function pointer(key: string): string {
  return '/' + key.replace(/~/g, '~0').replace(/\//g, '~1');
}
