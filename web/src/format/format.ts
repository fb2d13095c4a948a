// Locale-aware formatting of numbers, dates and values with Intl (French groups digits with a
// narrow no-break space). Pure; every visible number or date in the app goes through here.
import type { FieldType } from '../api/types.ts';

const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(lang: string, opts: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const key = `${lang}|${JSON.stringify(opts)}`;
  let f = numberFormats.get(key);
  if (!f) { f = new Intl.NumberFormat(lang, opts); numberFormats.set(key, f); }
  return f;
}

export function formatNumber(lang: string, n: number, maxFractionDigits = 2): string {
  if (!Number.isFinite(n)) return String(n);
  return numberFormat(lang, { maximumFractionDigits: maxFractionDigits }).format(n);
}

export function formatCompact(lang: string, n: number): string {
  return numberFormat(lang, { notation: 'compact', maximumFractionDigits: 1 }).format(n);
}

export function formatPercent(lang: string, ratio: number): string {
  return numberFormat(lang, { style: 'percent', maximumFractionDigits: ratio > 0 && ratio < 0.01 ? 2 : 0 }).format(ratio);
}

/** Parses an API date/datetime string; date-only strings are calendar dates (UTC midnight). */
export function parseApiDate(value: string): Date | null {
  const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  return Number.isNaN(d.getTime()) ? null : d;
}

export function formatDate(lang: string, value: string | Date, withTime = false): string {
  const d = typeof value === 'string' ? parseApiDate(value) : value;
  if (!d) return String(value);
  const opts: Intl.DateTimeFormatOptions = withTime
    ? { dateStyle: 'medium', timeStyle: 'short' }
    : { dateStyle: 'medium', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(lang, opts).format(d);
}

export type Granularity = 'year' | 'month' | 'week' | 'day' | 'hour';

/** Formats a date bucket key ("2021", "2021-03", "2021-03-04", "2021-03-04 05", or a week
 *  range "[2021-03-01, 2021-03-08[" shown by its first day) for display. */
export function formatBucket(lang: string, key: string, g: Granularity): string {
  const m = /^\[?(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?(?:[ T](\d{2}))?/.exec(key);
  if (!m) return key;
  const d = new Date(Date.UTC(+m[1], m[2] ? +m[2] - 1 : 0, m[3] ? +m[3] : 1, m[4] ? +m[4] : 0));
  const opts: Intl.DateTimeFormatOptions = { timeZone: 'UTC', year: 'numeric' };
  if (g === 'month') opts.month = 'short';
  if (g === 'week' || g === 'day' || g === 'hour') { opts.month = 'short'; opts.day = 'numeric'; }
  if (g === 'hour') opts.hour = '2-digit';
  return new Intl.DateTimeFormat(lang, opts).format(d);
}

/** Integer fields that are years, identifiers or codes by their name: shown without digit grouping ("2019", not "2,019"). */
const CODE_LIKE = /(^|[_\s-])(year|years|annee|année|an|id|code|zip|zipcode|postal|postcode|cp|insee|siren|siret|fips)($|[_\s-])/i;

export function isCodeLike(name: string | undefined): boolean {
  return !!name && CODE_LIKE.test(name);
}

/** A record value as text, by field type (and name: see isCodeLike). */
export function formatValue(lang: string, value: unknown, type: FieldType | undefined, name?: string): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' && type === 'int' && isCodeLike(name) && Number.isInteger(value)) return String(value);
  if (typeof value === 'number') return type === 'int' ? formatNumber(lang, value, 0) : formatNumber(lang, value, 6);
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'string') {
    if (type === 'date') return formatDate(lang, value);
    if (type === 'datetime') return formatDate(lang, value, true);
    return value;
  }
  if (Array.isArray(value)) return value.map((v) => formatValue(lang, v, type, name)).join(', ');
  if (type === 'geo_point_2d' && typeof value === 'object') {
    const p = value as { lon?: number; lat?: number };
    return `${formatNumber(lang, p.lat ?? NaN, 5)}, ${formatNumber(lang, p.lon ?? NaN, 5)}`;
  }
  if (typeof value === 'object' && (value as { type?: string }).type) {
    const g = (value as { geometry?: { type?: string }; type: string });
    return g.geometry?.type ?? g.type;
  }
  return JSON.stringify(value);
}

export function isNumericType(t: FieldType): boolean { return t === 'int' || t === 'double'; }
export function isDateType(t: FieldType): boolean { return t === 'date' || t === 'datetime'; }
export function isGeoType(t: FieldType): boolean { return t === 'geo_point_2d' || t === 'geo_shape'; }
