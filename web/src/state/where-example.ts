// The example under the advanced (ODSQL where) filter, written with the dataset's own fields and
// values: a numeric measure above its median (else a date field from its middle), and a text value.
import { odsqlField, odsqlString } from './odsql.ts';

export interface ExampleHints {
  /** A numeric measure and its median, when known. */
  number?: { field: string; median: number };
  /** A date field and its first and last days (YYYY-MM-DD), when known. */
  date?: { field: string; min: string; max: string };
  /** A text field and its most frequent value, when known. */
  text?: { field: string; value: string };
}

/** Two significant digits, enough for an example ("15.6" → 16, 1234 → 1200, 0.37 stays). */
export function exampleNumber(x: number): number {
  if (x === 0 || !Number.isFinite(x)) return 0;
  const unit = 10 ** (Math.floor(Math.log10(Math.abs(x))) - 1);
  return Number((Math.round(x / unit) * unit).toPrecision(12));
}

/** The middle of the period, on a 1 January when it spans two years or more, else on a 1st of the month. */
export function exampleDate(min: string, max: string): string {
  const a = Date.parse(`${min.slice(0, 10)}T00:00:00Z`);
  const b = Date.parse(`${max.slice(0, 10)}T00:00:00Z`);
  const mid = new Date((a + b) / 2);
  const years = (b - a) / (365.25 * 86_400_000);
  const y = mid.getUTCFullYear();
  if (years >= 2) return `${y}-01-01`;
  return `${y}-${String(mid.getUTCMonth() + 1).padStart(2, '0')}-01`;
}

/** An ODSQL where for these hints, or null when there is nothing real to show. */
export function whereExample(h: ExampleHints): string | null {
  const clauses: string[] = [];
  if (h.number) clauses.push(`${odsqlField(h.number.field)} > ${exampleNumber(h.number.median)}`);
  else if (h.date) clauses.push(`${odsqlField(h.date.field)} >= date'${exampleDate(h.date.min, h.date.max)}'`);
  if (h.text) clauses.push(`${odsqlField(h.text.field)} = ${odsqlString(h.text.value)}`);
  return clauses.length ? clauses.join(' AND ') : null;
}
