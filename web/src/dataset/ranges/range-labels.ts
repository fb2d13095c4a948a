// How range bounds and histogram bars read on screen: dates and numbers in the page's language,
// chips as "Field: a – b", "Field ≥ a" or "Field ≤ b". Pure, for the range panel and the chips.
import { formatBucket, formatDate, formatNumber } from '../../format/format.ts';
import type { RangeFilter, RangeKind } from '../../state/ranges.ts';
import type { Bar, Bucketing } from './buckets.ts';

export function boundText(lang: string, kind: RangeKind, bound: string): string {
  return kind === 'date' ? formatDate(lang, bound) : formatNumber(lang, Number(bound), 6);
}

export function rangeText(lang: string, r: RangeFilter, fieldLabel: string): string {
  const from = r.from ? boundText(lang, r.kind, r.from) : '';
  const to = r.to ? boundText(lang, r.kind, r.to) : '';
  if (from && to) return `${fieldLabel}: ${from} – ${to}`;
  return from ? `${fieldLabel} ≥ ${from}` : `${fieldLabel} ≤ ${to}`;
}

export function barText(lang: string, bar: Bar, b: Bucketing): string {
  if (b.kind === 'date') return b.step === 'day' ? formatDate(lang, bar.from) : formatBucket(lang, bar.from, b.step);
  return `${formatNumber(lang, Number(bar.from), 6)} – ${formatNumber(lang, Number(bar.to), 6)}`;
}
