// Date literals and now(): a (possibly partial) date literal denotes the whole period it names
// (`date'2021'` is the year 2021) in the request's time zone; now(...) follows the documented
// set/shift parameters. Pure computation with Intl; no SQL.

export type DatePrecision = 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second' | 'millisecond';

/** A period [start, end) as instants, and as calendar dates for DATE fields. */
export interface Period {
  start: number;
  end: number;
  /** Local calendar day of start, and the day after the period's last day (YYYY-MM-DD). */
  startDate: string;
  endDate: string;
  precision: DatePrecision | 'instant';
}

interface Parts { y: number; mo: number; d: number; h: number; mi: number; s: number; ms: number }

const LITERAL = /^(\d{4})(?:[-/](\d{1,2})(?:[-/](\d{1,2})(?:[T ](\d{1,2})(?::(\d{2})(?::(\d{2})(?:[.,](\d{1,6}))?)?)?)?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

// Building an Intl.DateTimeFormat costs ~0.1–1 ms; every request names a zone, so answers are kept
// (bounded: only valid names are stored, and there are a few hundred of them).
const knownZones = new Set<string>(['UTC']);

export function isValidTimeZone(tz: string): boolean {
  if (knownZones.has(tz)) return true;
  try { new Intl.DateTimeFormat('en-US', { timeZone: tz }); } catch { return false; }
  if (knownZones.size < 2000) knownZones.add(tz);
  return true;
}

/** Parses a date literal's text; null when it is not a valid date. */
export function parseDateLiteral(text: string, timeZone: string): Period | null {
  const m = LITERAL.exec(text.trim());
  if (!m) return null;
  const num = (i: number, dflt: number) => (m[i] === undefined ? dflt : Number(m[i]));
  const p: Parts = { y: num(1, 0), mo: num(2, 1), d: num(3, 1), h: num(4, 0), mi: num(5, 0), s: num(6, 0), ms: m[7] ? Math.floor(Number('0.' + m[7]) * 1000) : 0 };
  if (p.mo < 1 || p.mo > 12 || p.d < 1 || p.d > daysInMonth(p.y, p.mo) || p.h > 23 || p.mi > 59 || p.s > 59) return null;
  const precision: DatePrecision = m[7] ? 'millisecond' : m[6] ? 'second' : m[5] ? 'minute' : m[4] ? 'hour' : m[3] ? 'day' : m[2] ? 'month' : 'year';
  const endParts = addUnit(p, precision);
  const offset = m[8];
  const toInstant = (q: Parts) => (offset ? utcMs(q) - offsetMinutes(offset) * 60_000 : localToUtc(q, timeZone));
  const start = toInstant(p);
  const end = toInstant(endParts);
  const dayEnd = precision === 'year' || precision === 'month' ? endParts : addUnit({ ...p, h: 0, mi: 0, s: 0, ms: 0 }, 'day');
  return { start, end, startDate: isoDate(p), endDate: isoDate(dayEnd), precision };
}

/** A single instant as a Period (for now()): DATE fields compare with its local day. */
export function instantPeriod(ms: number, timeZone: string): Period {
  const p = utcToLocal(ms, timeZone);
  const day = { ...p, h: 0, mi: 0, s: 0, ms: 0 };
  return { start: ms, end: ms, startDate: isoDate(day), endDate: isoDate(addUnit(day, 'day')), precision: 'instant' };
}

const SETTERS = ['year', 'month', 'day', 'hour', 'minute', 'second', 'microsecond'] as const;
const SHIFTS = ['years', 'months', 'days', 'hours', 'minutes', 'seconds', 'microseconds'] as const;
const WEEKDAYS = ['mondays', 'tuesdays', 'wednesdays', 'thursdays', 'fridays', 'saturdays', 'sundays'] as const;
export const NOW_PARAMETERS: readonly string[] = [...SETTERS, ...SHIFTS, 'weekday', ...WEEKDAYS];

/** now(...) with named parameters, evaluated in timeZone (python-dateutil relativedelta rules:
 *  absolute parts first, then years/months, then the smaller shifts, then the weekday). */
export function nowWith(params: Record<string, number>, nowMs: number, timeZone: string): number {
  const p = utcToLocal(nowMs, timeZone);
  let micro = p.ms * 1000;
  if (params.year !== undefined) p.y = params.year;
  if (params.month !== undefined) p.mo = params.month;
  if (params.day !== undefined) p.d = params.day;
  if (params.hour !== undefined) p.h = params.hour;
  if (params.minute !== undefined) p.mi = params.minute;
  if (params.second !== undefined) p.s = params.second;
  if (params.microsecond !== undefined) micro = params.microsecond;
  const months = p.y * 12 + (p.mo - 1) + (params.years ?? 0) * 12 + (params.months ?? 0);
  p.y = Math.floor(months / 12);
  p.mo = (months % 12) + 1;
  p.d = Math.min(p.d, daysInMonth(p.y, p.mo));
  let t = utcMs({ ...p, ms: 0 }) + Math.floor(micro / 1000);
  t += (params.days ?? 0) * 86_400_000 + (params.hours ?? 0) * 3_600_000 + (params.minutes ?? 0) * 60_000
    + (params.seconds ?? 0) * 1000 + Math.trunc((params.microseconds ?? 0) / 1000);
  let weekday: number | undefined;
  let nth = 1;
  if (params.weekday !== undefined) weekday = params.weekday;
  WEEKDAYS.forEach((w, i) => { if (params[w] !== undefined) { weekday = i; nth = params[w]; } });
  if (weekday !== undefined && nth !== 0) {
    const current = (new Date(t).getUTCDay() + 6) % 7; // 0 = Monday
    let jump = nth > 0 ? (weekday - current + 7) % 7 : -((current - weekday + 7) % 7);
    jump += (nth > 0 ? nth - 1 : nth + 1) * 7;
    t += jump * 86_400_000;
  }
  const local = utcToLocal(t, 'UTC');
  return localToUtc(local, timeZone);
}

// ---- calendar helpers ------------------------------------------------------------------------

export function daysInMonth(y: number, mo: number): number {
  return mo === 2 && isLeap(y) ? 29 : MONTH_DAYS[mo - 1];
}
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
function isLeap(y: number): boolean { return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0; }

function utcMs(p: Parts): number {
  const d = new Date(0);
  d.setUTCFullYear(p.y, p.mo - 1, p.d);
  d.setUTCHours(p.h, p.mi, p.s, p.ms);
  return d.getTime();
}

function addUnit(p: Parts, unit: DatePrecision): Parts {
  const q = { ...p };
  switch (unit) {
    case 'year': q.y += 1; break;
    case 'month': if (q.mo === 12) { q.y += 1; q.mo = 1; } else q.mo += 1; break;
    default: {
      const step = { day: 86_400_000, hour: 3_600_000, minute: 60_000, second: 1000, millisecond: 1 }[unit];
      return utcToLocal(utcMs(p) + step, 'UTC');
    }
  }
  return q;
}

function isoDate(p: Parts): string {
  return `${String(p.y).padStart(4, '0')}-${String(p.mo).padStart(2, '0')}-${String(p.d).padStart(2, '0')}`;
}

function offsetMinutes(o: string): number {
  if (o.toUpperCase() === 'Z') return 0;
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(o)!;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0));
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function utcToLocal(ms: number, timeZone: string): Parts {
  if (timeZone === 'UTC' && Number.isFinite(ms)) {
    // The common case, without Intl (formatToParts costs ~10 µs and every date literal needs a few).
    const d = new Date(ms);
    return { y: d.getUTCFullYear(), mo: d.getUTCMonth() + 1, d: d.getUTCDate(), h: d.getUTCHours(), mi: d.getUTCMinutes(), s: d.getUTCSeconds(), ms: d.getUTCMilliseconds() };
  }
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', era: 'short' });
    formatters.set(timeZone, f);
  }
  const get: Record<string, string> = {};
  for (const part of f.formatToParts(new Date(ms))) get[part.type] = part.value;
  const y = get.era === 'BC' || get.era === 'B' ? 1 - Number(get.year) : Number(get.year);
  return { y, mo: Number(get.month), d: Number(get.day), h: Number(get.hour), mi: Number(get.minute), s: Number(get.second), ms: ((ms % 1000) + 1000) % 1000 };
}

/** The instant at which the wall-clock time p happens in timeZone (first one on DST overlaps). */
export function localToUtc(p: Parts, timeZone: string): number {
  const wall = utcMs(p);
  const offsetAt = (t: number) => utcMs({ ...utcToLocal(t, timeZone), ms: ((t % 1000) + 1000) % 1000 }) - t;
  const first = wall - offsetAt(wall);
  const second = wall - offsetAt(first);
  return Math.min(first, second);
}
