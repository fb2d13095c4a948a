// A dataset's temporal coverage (its data period): the earliest and latest value of its date and
// datetime fields, worked out from the record table when a data version is published. SQL with
// quoted identifiers only; the per-caller view under access rules is computed in server/access.ts.
import type { Field, TemporalCoverage } from '../core/types.ts';
import type { WriteTx } from '../storage/backend.ts';
import { quoteIdent } from '../sql/quote.ts';

const TEMPORAL = new Set(['date', 'datetime']);

export function temporalFields(fields: Field[]): Field[] {
  return fields.filter((f) => TEMPORAL.has(f.type));
}

/** A field's value as the API writes it: a date as YYYY-MM-DD, a datetime as an ISO instant (UTC). */
function isoValue(type: string, v: unknown): string | null {
  if (v === null || v === undefined) return null;
  const d = v instanceof Date ? v : new Date(String(v));
  if (Number.isNaN(d.getTime())) return null;
  return type === 'date' ? d.toISOString().slice(0, 10) : d.toISOString().replace('.000Z', 'Z');
}

/** The coverage from each temporal field's min and max (`lo{i}`, `hi{i}` in `row`, fields in order):
 *  the earliest start and latest end over all of them, with the fields that had values; null when none has. */
export function coverageFromRow(fields: Field[], row: Record<string, unknown> | undefined): TemporalCoverage | null {
  let start: { iso: string; t: number } | null = null;
  let end: { iso: string; t: number } | null = null;
  const used: string[] = [];
  fields.forEach((f, i) => {
    const lo = isoValue(f.type, row?.[`lo${i}`]);
    const hi = isoValue(f.type, row?.[`hi${i}`]);
    if (lo === null || hi === null) return;
    used.push(f.name);
    const tl = Date.parse(lo), th = Date.parse(hi);
    if (!start || tl < start.t) start = { iso: lo, t: tl };
    if (!end || th > end.t) end = { iso: hi, t: th };
  });
  if (!start || !end) return null;
  return { start: (start as { iso: string }).iso, end: (end as { iso: string }).iso, fields: used };
}

/** Reads the coverage of `table` inside the publishing transaction (the new rows are visible there). */
export async function computeCoverage(tx: Pick<WriteTx, 'query'>, table: string, fields: Field[]): Promise<TemporalCoverage | null> {
  const temporal = temporalFields(fields);
  if (temporal.length === 0) return null;
  const cols = temporal.map((f, i) => `min(${quoteIdent(f.name)}) AS lo${i}, max(${quoteIdent(f.name)}) AS hi${i}`).join(', ');
  const [row] = await tx.query(`SELECT ${cols} FROM ${quoteIdent(table)}`);
  return coverageFromRow(temporal, row);
}
