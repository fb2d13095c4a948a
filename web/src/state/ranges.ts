// Range filters of the dataset page (a date or number field between two bounds): their URL form
// `range.<field>=from..to` (either bound may be empty), validation, and the ODSQL clause they add.
import { odsqlField } from './odsql.ts';

export type RangeKind = 'date' | 'number';

/** Both bounds are included; an empty bound leaves that side open. */
export interface RangeFilter { field: string; kind: RangeKind; from: string; to: string }

export type RangeProblem = 'empty' | 'notDate' | 'notNumber' | 'reversed';

export const RANGE_PREFIX = 'range.';
const SEPARATOR = '..';
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const NUMBER = /^-?(\d+(\.\d+)?|\.\d+)(e[+-]?\d+)?$/i;

export function isDateBound(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

export function isNumberBound(text: string): boolean {
  return NUMBER.test(text) && Number.isFinite(Number(text));
}

const isBound = (kind: RangeKind, text: string) => (kind === 'date' ? isDateBound(text) : isNumberBound(text));

/** Why a range cannot be applied, or null when it can. */
export function rangeProblem(r: RangeFilter): RangeProblem | null {
  const from = r.from.trim();
  const to = r.to.trim();
  if (!from && !to) return 'empty';
  if ((from && !isBound(r.kind, from)) || (to && !isBound(r.kind, to))) return r.kind === 'date' ? 'notDate' : 'notNumber';
  if (from && to && (r.kind === 'date' ? from > to : Number(from) > Number(to))) return 'reversed';
  return null;
}

/** The canonical form of a valid range: trimmed, numbers as JavaScript prints them ("1e3" → "1000"). */
export function normalizeRange(r: RangeFilter): RangeFilter {
  const norm = (b: string) => (b.trim() && r.kind === 'number' ? String(Number(b.trim())) : b.trim());
  return { ...r, from: norm(r.from), to: norm(r.to) };
}

/** Reads one `range.<field>` value; the kind comes from the bounds' shape. Null when malformed. */
export function parseRange(field: string, value: string): RangeFilter | null {
  const i = value.indexOf(SEPARATOR);
  if (!field || i < 0) return null;
  const from = value.slice(0, i).trim();
  const to = value.slice(i + SEPARATOR.length).trim();
  const sample = from || to;
  const kind: RangeKind = DATE.test(sample) ? 'date' : 'number';
  const r: RangeFilter = { field, kind, from, to };
  return rangeProblem(r) ? null : normalizeRange(r);
}

export function formatRange(r: RangeFilter): string {
  return `${r.from}${SEPARATOR}${r.to}`;
}

export function readRanges(sp: URLSearchParams): RangeFilter[] {
  const byField = new Map<string, RangeFilter>();
  for (const [key, value] of sp) {
    if (!key.startsWith(RANGE_PREFIX)) continue;
    const r = parseRange(key.slice(RANGE_PREFIX.length), value);
    if (r) byField.set(r.field, r);
  }
  return [...byField.values()];
}

export function writeRanges(sp: URLSearchParams, ranges: RangeFilter[]): URLSearchParams {
  const out = new URLSearchParams(sp);
  for (const key of [...out.keys()]) if (key.startsWith(RANGE_PREFIX)) out.delete(key);
  for (const r of ranges) if (!rangeProblem(r)) out.set(`${RANGE_PREFIX}${r.field}`, formatRange(normalizeRange(r)));
  return out;
}

function literal(kind: RangeKind, bound: string): string {
  return kind === 'date' ? `date'${bound}'` : String(Number(bound));
}

/** The ODSQL condition of a valid range (bounds included: `>=` and `<=`, a date bound covering its whole day). */
export function rangeClause(r: RangeFilter): string {
  const f = odsqlField(r.field);
  const parts: string[] = [];
  if (r.from.trim()) parts.push(`${f} >= ${literal(r.kind, r.from.trim())}`);
  if (r.to.trim()) parts.push(`${f} <= ${literal(r.kind, r.to.trim())}`);
  return parts.join(' AND ');
}

/** Sets (or, with empty bounds, removes) the range of one field, keeping the others in order. */
export function withRange(ranges: RangeFilter[], next: RangeFilter): RangeFilter[] {
  const empty = !next.from.trim() && !next.to.trim();
  const i = ranges.findIndex((r) => r.field === next.field);
  if (empty) return ranges.filter((r) => r.field !== next.field);
  if (i < 0) return [...ranges, next];
  return ranges.map((r, j) => (j === i ? next : r));
}

export function withoutRange(ranges: RangeFilter[], field: string): RangeFilter[] {
  return ranges.filter((r) => r.field !== field);
}
