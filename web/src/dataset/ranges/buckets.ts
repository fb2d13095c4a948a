// The histogram beside a range filter: bucket width chosen from the field's min and max (years,
// months or days for dates; a 1-2-5 step for numbers), its group_by, and the bars with their bounds.
import type { ApiRecord } from '../../api/types.ts';
import { odsqlField } from '../../state/odsql.ts';

export type DateStep = 'year' | 'month' | 'day';
export type Bucketing = { kind: 'date'; step: DateStep } | { kind: 'number'; width: number };

/** One bar: the range it covers as filter bounds (both included) and how many records fall in it. */
export interface Bar { from: string; to: string; count: number }

export const TARGET_BARS = 24;
const DAY = 86_400_000;

const ymd = (d: Date) => d.toISOString().slice(0, 10);
const utc = (day: string) => new Date(`${day.slice(0, 10)}T00:00:00Z`);

/** Days when the span is two months or less, months up to five years, years beyond. */
export function dateStep(min: string, max: string): DateStep {
  const a = utc(min);
  const b = utc(max);
  const months = (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + b.getUTCMonth() - a.getUTCMonth() + 1;
  if (months > 60) return 'year';
  if ((b.getTime() - a.getTime()) / DAY + 1 > 62) return 'month';
  return 'day';
}

/** A width of 1, 2 or 5 times a power of ten giving about `target` bars; whole for integer fields. */
export function numberWidth(min: number, max: number, integer: boolean, target = TARGET_BARS): number {
  const span = max - min;
  if (!(span > 0)) return 1;
  const raw = span / target;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => Number((m * power).toPrecision(12))).find((w) => w >= raw) ?? 10 * power;
  return integer ? Math.max(1, Math.round(step)) : step;
}

const INTERVAL: Record<DateStep, string> = { year: '1y', month: '1M', day: '1d' };

export function bucketGroupBy(field: string, b: Bucketing): string {
  return `range(${odsqlField(field)}, ${b.kind === 'date' ? INTERVAL[b.step] : b.width})`;
}

function decimals(width: number): number {
  const text = String(width);
  return text.includes('.') ? text.length - text.indexOf('.') - 1 : 0;
}

const roundTo = (x: number, width: number) => String(Number(x.toFixed(decimals(width))));

function nextStart(day: Date, step: DateStep): Date {
  if (step === 'year') return new Date(Date.UTC(day.getUTCFullYear() + 1, 0, 1));
  if (step === 'month') return new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth() + 1, 1));
  return new Date(day.getTime() + DAY);
}

function stepStart(day: Date, step: DateStep): Date {
  if (step === 'year') return new Date(Date.UTC(day.getUTCFullYear(), 0, 1));
  if (step === 'month') return new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), 1));
  return day;
}

/** Every bar from min to max, empty ones included, so the axis stays put while filters change. */
export function emptyBars(min: string | number, max: string | number, b: Bucketing, integer = false): Bar[] {
  const bars: Bar[] = [];
  if (b.kind === 'date') {
    const end = utc(String(max)).getTime();
    for (let d = stepStart(utc(String(min)), b.step); d.getTime() <= end && bars.length < 400; d = nextStart(d, b.step)) {
      bars.push({ from: ymd(d), to: ymd(new Date(nextStart(d, b.step).getTime() - DAY)), count: 0 });
    }
    return bars;
  }
  const w = b.width;
  for (let k = Math.floor(Number(min) / w); k <= Math.floor(Number(max) / w) && bars.length < 400; k++) {
    const lo = k * w;
    bars.push({ from: roundTo(lo, w), to: integer && Number.isInteger(w) ? String(lo + w - 1) : roundTo(lo + w, w), count: 0 });
  }
  return bars;
}

/** The lower bound of a range() key "[lo, hi[" as a bar's `from`. */
export function keyStart(key: string, b: Bucketing): string | null {
  const m = /^\[\s*([^,\s]+)\s*,/.exec(key);
  if (!m) return null;
  if (b.kind === 'date') return /^\d{4}-\d{2}-\d{2}/.test(m[1]) ? m[1].slice(0, 10) : null;
  const lo = Number(m[1]);
  return Number.isFinite(lo) ? roundTo(lo, b.width) : null;
}

/** Fills the bars with the counts of the group_by answer (rows `{b: key, n: count}`). */
export function fillBars(bars: Bar[], rows: ApiRecord[], b: Bucketing): Bar[] {
  const counts = new Map<string, number>();
  for (const row of rows) {
    const start = typeof row.b === 'string' ? keyStart(row.b, b) : null;
    if (start !== null && typeof row.n === 'number') counts.set(start, (counts.get(start) ?? 0) + row.n);
  }
  return bars.map((bar) => ({ ...bar, count: counts.get(bar.from) ?? 0 }));
}

/** Whether a bar lies inside the filter's bounds (open bounds reach the ends). */
export function barInRange(bar: Bar, from: string, to: string, kind: 'date' | 'number'): boolean {
  const le = (a: string, c: string) => (kind === 'date' ? a <= c : Number(a) <= Number(c));
  return (!from || le(from, bar.from)) && (!to || le(bar.to, to));
}
