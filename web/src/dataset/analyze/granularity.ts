// Picks how a time axis is bucketed (a calendar unit, or a multiple such as 5 years or 6 hours)
// so a span gives 12–60 buckets, counts those buckets, and writes their ODSQL group_by expression.
import type { Granularity } from '../../format/format.ts';
import { odsqlString } from '../../state/odsql.ts';

/** A time bucket: `step` units of `gran` (step 1 for plain calendar units). */
export interface Bucketing { gran: Granularity; step: number }

export const MIN_BUCKETS = 12;
export const MAX_BUCKETS = 60;

/** Calendar units, coarse to fine: preferred when one of them gives 12–60 buckets. */
const UNITS: Granularity[] = ['year', 'month', 'week', 'day', 'hour'];
/** Multiples, coarse to fine, for spans no calendar unit cuts well (decades, a week of events…).
 *  With the units, neighbours differ by at most ×5, so every span from 12 hours to 6,000 years fits. */
const MULTIPLES: Bucketing[] = [
  { gran: 'year', step: 100 }, { gran: 'year', step: 50 }, { gran: 'year', step: 10 }, { gran: 'year', step: 5 },
  { gran: 'month', step: 3 }, { gran: 'day', step: 2 }, { gran: 'hour', step: 12 }, { gran: 'hour', step: 6 }, { gran: 'hour', step: 3 },
];

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** Midnight UTC of the Monday starting the ISO week of d, in ms. */
function mondayOf(d: Date): number {
  const day = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  return day - ((d.getUTCDay() + 6) % 7) * DAY;
}

/** Buckets between two instants (both included), aligned as the API aligns them: calendar years
 *  and months (multiples from year 0 / January), ISO weeks, and days and hours from the epoch (UTC). */
export function bucketCount(from: Date, to: Date, g: Granularity, step = 1): number {
  if (!(from.getTime() <= to.getTime())) throw new Error(`bucketCount: invalid span ${String(from)} → ${String(to)}`);
  const span = (a: number, b: number) => Math.floor(b / step) - Math.floor(a / step) + 1;
  if (g === 'year') return span(from.getUTCFullYear(), to.getUTCFullYear());
  if (g === 'month') return span(from.getUTCFullYear() * 12 + from.getUTCMonth(), to.getUTCFullYear() * 12 + to.getUTCMonth());
  if (g === 'week') return Math.round((mondayOf(to) - mondayOf(from)) / (7 * DAY)) + 1;
  const ms = g === 'day' ? DAY : HOUR;
  return span(Math.floor(from.getTime() / ms), Math.floor(to.getTime() / ms));
}

const fits = (n: number) => n >= MIN_BUCKETS && n <= MAX_BUCKETS;

/** The coarsest calendar unit giving 12–60 buckets, else the coarsest multiple that does, else the
 *  candidate closest to that range. Hours only for date-times. */
export function pickBucketing(from: Date, to: Date, allowHour = true): Bucketing {
  const ok = (b: Bucketing) => allowHour || b.gran !== 'hour';
  const candidates = [...UNITS.map((gran) => ({ gran, step: 1 })), ...MULTIPLES].filter(ok);
  const found = candidates.find((b) => fits(bucketCount(from, to, b.gran, b.step)));
  if (found) return found;
  let best = candidates[0];
  let bestDistance = Infinity;
  for (const b of candidates) {
    const n = bucketCount(from, to, b.gran, b.step);
    const distance = n < MIN_BUCKETS ? Math.log(MIN_BUCKETS / n) : Math.log(n / MAX_BUCKETS);
    if (distance < bestDistance) { best = b; bestDistance = distance; }
  }
  return best;
}

/** ODSQL group_by expression giving one sortable key per bucket: date_format() for calendar
 *  units, range(…, 1 week) for ISO weeks (keys like "[2021-03-01, 2021-03-08["), range(…, 1 quarter),
 *  range(…, n day|hour) from the epoch, and the first year of n-year periods as a number.
 *  `field` is already an ODSQL field reference. */
export function bucketExpr(field: string, g: Granularity, step = 1): string {
  if (!Number.isInteger(step) || step < 1) throw new Error(`bucketExpr: step must be a positive integer, got ${step}`);
  if (g === 'week') {
    if (step !== 1) throw new Error('bucketExpr: weeks are bucketed one at a time');
    return `range(${field}, 1 week)`;
  }
  if (step > 1) {
    if (g === 'year') return `floor(year(${field}) / ${step}) * ${step}`;
    if (g === 'month') {
      if (step !== 3) throw new Error(`bucketExpr: months are bucketed by 1 or 3, got ${step}`);
      return `range(${field}, 1 quarter)`;
    }
    return `range(${field}, ${step} ${g})`;
  }
  const pattern = { year: 'yyyy', month: 'yyyy-MM', day: 'yyyy-MM-dd', hour: 'yyyy-MM-dd HH' }[g];
  return `date_format(${field}, ${odsqlString(pattern)})`;
}

/** A "nice" histogram width giving about `target` bins between lo and hi. */
export function niceWidth(lo: number, hi: number, target = 20): number {
  const span = hi - lo;
  if (!(span > 0)) return 1;
  const raw = span / target;
  const p = 10 ** Math.floor(Math.log10(raw));
  const m = raw / p;
  const nice = m <= 1 ? 1 : m <= 2 ? 2 : m <= 2.5 ? 2.5 : m <= 5 ? 5 : 10;
  return nice * p;
}
