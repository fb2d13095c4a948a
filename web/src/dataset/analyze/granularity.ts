// Picks a date granularity giving 12–60 buckets over a time span (or the closest to that range).
import type { Granularity } from '../../format/format.ts';
import { odsqlString } from '../../state/odsql.ts';

const MS: Record<Granularity, number> = {
  year: 365.25 * 86_400_000,
  month: 30.44 * 86_400_000,
  week: 7 * 86_400_000,
  day: 86_400_000,
  hour: 3_600_000,
};

/** Midnight UTC of the Monday starting the ISO week of d, in ms. */
function mondayOf(d: Date): number {
  const day = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  return day - ((d.getUTCDay() + 6) % 7) * 86_400_000;
}

export function bucketCount(from: Date, to: Date, g: Granularity): number {
  if (g === 'year') return to.getUTCFullYear() - from.getUTCFullYear() + 1;
  if (g === 'month') return (to.getUTCFullYear() - from.getUTCFullYear()) * 12 + to.getUTCMonth() - from.getUTCMonth() + 1;
  if (g === 'week') return Math.floor((mondayOf(to) - mondayOf(from)) / MS.week) + 1;
  return Math.floor((to.getTime() - from.getTime()) / MS[g]) + 1;
}

export function pickGranularity(from: Date, to: Date, allowHour = true): Granularity {
  const options: Granularity[] = allowHour ? ['year', 'month', 'week', 'day', 'hour'] : ['year', 'month', 'week', 'day'];
  let best: Granularity = 'year';
  let bestDistance = Infinity;
  for (const g of options) {
    const n = bucketCount(from, to, g);
    if (n >= 12 && n <= 60) return g;
    const distance = n < 12 ? Math.log(12 / Math.max(n, 1)) : Math.log(n / 60);
    if (distance < bestDistance) { best = g; bestDistance = distance; }
  }
  return best;
}

/** ODSQL group_by expression giving one sortable key per bucket: date_format() for calendar
 *  units, range(…, 1 week) for ISO weeks (Monday first; keys like "[2021-03-01, 2021-03-08[").
 *  `field` is already an ODSQL field reference. */
export function bucketExpr(field: string, g: Granularity): string {
  if (g === 'week') return `range(${field}, 1 week)`;
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
