// The arithmetic of a KPI block: the latest full period of a date field and the one before it
// (UTC calendar days, ISO weeks from Monday, months, years), the change between them, its arrow
// (the direction of the value), whether that change is good for the target, and the target status.
// Pure: no React, no I/O; the block's queries and words live in blocks/KpiBlock.tsx.
import type { KpiPeriod, TargetDirection } from '../api/page-model.ts';

export interface Window { from: Date; to: Date }
export interface Windows { current: Window; previous: Window }

const DAY = 86_400_000;

/** The start (UTC) of the period holding `d`. */
export function periodStart(d: Date, period: KpiPeriod): Date {
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  const day = Date.UTC(y, m, d.getUTCDate());
  switch (period) {
    case 'day': return new Date(day);
    case 'week': return new Date(day - ((d.getUTCDay() + 6) % 7) * DAY);
    case 'month': return new Date(Date.UTC(y, m, 1));
    case 'year': return new Date(Date.UTC(y, 0, 1));
  }
}

/** `start` moved by `n` periods (start must be a period start). */
export function addPeriods(start: Date, period: KpiPeriod, n: number): Date {
  switch (period) {
    case 'day': return new Date(start.getTime() + n * DAY);
    case 'week': return new Date(start.getTime() + 7 * n * DAY);
    case 'month': return new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + n, 1));
    case 'year': return new Date(Date.UTC(start.getUTCFullYear() + n, 0, 1));
  }
}

/** The latest full period and the one before. The period holding the latest record counts as
 *  full when that record falls on its last day; otherwise the data stops inside it and the
 *  period before is the latest full one. Windows are [from, to[. */
export function comparisonWindows(latest: Date, period: KpiPeriod): Windows {
  const start = periodStart(latest, period);
  const end = addPeriods(start, period, 1);
  const latestDay = Date.UTC(latest.getUTCFullYear(), latest.getUTCMonth(), latest.getUTCDate());
  const full = latestDay + DAY >= end.getTime();
  const curFrom = full ? start : addPeriods(start, period, -1);
  const curTo = full ? end : start;
  return { current: { from: curFrom, to: curTo }, previous: { from: addPeriods(curFrom, period, -1), to: curFrom } };
}

/** The period holding `d` and the one before it. */
export function periodWindows(d: Date, period: KpiPeriod): Windows {
  const from = periodStart(d, period);
  return { current: { from, to: addPeriods(from, period, 1) }, previous: { from: addPeriods(from, period, -1), to: from } };
}

/** When the latest record's period is not full, the latest full period is the one holding the
 *  latest record before it (a feed that paused for months compares its last months of data, not two
 *  empty ones): the date the second query must stay below, or null when the first answer is full. */
export function partialBefore(latest: Date, period: KpiPeriod): Date | null {
  const w = comparisonWindows(latest, period);
  return w.current.to.getTime() <= latest.getTime() ? w.current.to : null;
}

/** A window's day as an ODSQL date literal's text ("2024-03-01"). */
export function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export type Arrow = 'up' | 'down' | 'flat';
export interface Change { delta: number; /** Percent of the previous value; null when it is 0. */ percent: number | null; arrow: Arrow }

export function changeBetween(current: number, previous: number): Change {
  const delta = current - previous;
  return {
    delta,
    percent: previous === 0 ? null : (delta / Math.abs(previous)) * 100,
    arrow: delta > 0 ? 'up' : delta < 0 ? 'down' : 'flat',
  };
}

export const ARROWS: Record<Arrow, string> = { up: '▲', down: '▼', flat: '▶' };

/** Whether a move is good for the target: at_most wants the value down, at_least up. */
export type Judgement = 'good' | 'bad' | 'neutral';
export function judge(arrow: Arrow, direction: TargetDirection | undefined): Judgement {
  if (!direction || arrow === 'flat') return 'neutral';
  const good = direction === 'at_most' ? arrow === 'down' : arrow === 'up';
  return good ? 'good' : 'bad';
}

export function targetMet(value: number, target: { value: number; direction: TargetDirection }): boolean {
  return target.direction === 'at_most' ? value <= target.value : value >= target.value;
}

/** A KPI number as the reader reads it: `decimals` fraction digits exactly (up to 2 without), the unit after a no-break space. */
export function formatKpi(lang: string, value: number, decimals?: number, unit?: string): string {
  const opts: Intl.NumberFormatOptions = decimals === undefined
    ? { maximumFractionDigits: 2 } : { minimumFractionDigits: decimals, maximumFractionDigits: decimals };
  const text = new Intl.NumberFormat(lang, opts).format(value);
  return unit ? `${text}\u00a0${unit}` : text;
}

/** A signed change: "+3.2 %" (French "+3,2 %" with a narrow no-break space), or the signed difference without a percent. */
export function formatChange(lang: string, c: Change, decimals?: number, unit?: string): string {
  if (c.percent === null) {
    const opts: Intl.NumberFormatOptions = { signDisplay: 'exceptZero', maximumFractionDigits: decimals ?? 2, minimumFractionDigits: decimals ?? 0 };
    const text = new Intl.NumberFormat(lang, opts).format(c.delta);
    return unit ? `${text}\u00a0${unit}` : text;
  }
  const text = new Intl.NumberFormat(lang, { signDisplay: 'exceptZero', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(c.percent);
  return `${text}${lang === 'fr' ? '\u202f' : ' '}%`;
}
