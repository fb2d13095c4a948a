// Row values (see the row-value conventions) to the Explore API JSON shapes: dates as YYYY-MM-DD,
// datetimes ISO 8601 with the offset of the request timezone, geo_point_2d {lon, lat}, geo_shape as
// a GeoJSON Feature, json_blob parsed. Pure functions; no I/O, no knowledge of any HTTP route.
import type { FieldType } from '../../core/types.ts';
import type { ResultColumn } from '../../core/request.ts';
import type { Row } from '../../storage/backend.ts';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timezone: string): Intl.DateTimeFormat {
  let f = formatters.get(timezone);
  if (!f) {
    // Throws RangeError on an unknown zone; parseExportOptions / the routes validate first.
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone, hourCycle: 'h23', era: 'short',
      year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formatters.set(timezone, f);
  }
  return f;
}

/** True when Intl knows the IANA timezone name. */
export function isValidTimezone(timezone: string): boolean {
  try { formatterFor(timezone); return true; } catch { return false; }
}

const pad = (n: number, width = 2): string => String(Math.abs(n)).padStart(width, '0');

/** Wall-clock parts and UTC offset of an instant, straight from Intl (slow: ~10 µs a call). */
export function zonedPartsIntl(instant: Date, timezone: string): ZonedParts {
  const parts: Record<string, string> = {};
  for (const p of formatterFor(timezone).formatToParts(instant)) parts[p.type] = p.value;
  let year = Number(parts.year);
  if (parts.era === 'BC' || parts.era === 'B') year = 1 - year;
  const month = Number(parts.month), day = Number(parts.day);
  const hour = Number(parts.hour), minute = Number(parts.minute), second = Number(parts.second);
  const wallAsUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  const wholeSeconds = Math.floor(instant.getTime() / 1000) * 1000;
  const offsetMs = wallAsUtc - wholeSeconds;
  return { year, month, day, hour, minute, second, offsetMinutes: Math.round(offsetMs / 60000), offsetMs };
}

export interface ZonedParts {
  year: number; month: number; day: number; hour: number; minute: number; second: number;
  /** The zone's UTC offset then, in minutes (rounded) and milliseconds (exact). */
  offsetMinutes: number; offsetMs: number;
}

// Offsets are constant between transitions, so they are cached per 6-hour slice of UTC time;
// a slice whose two ends disagree (it holds a transition) always takes the Intl path.
const SLICE_MS = 6 * 60 * 60 * 1000;
const offsetCache = new Map<string, Map<number, number>>();

function cachedOffsetMs(t: number, timezone: string): number | undefined {
  let zone = offsetCache.get(timezone);
  if (!zone) offsetCache.set(timezone, zone = new Map());
  const slice = Math.floor(t / SLICE_MS);
  let off = zone.get(slice);
  if (off === undefined) {
    const start = zonedPartsIntl(new Date(slice * SLICE_MS), timezone).offsetMs;
    const end = zonedPartsIntl(new Date(slice * SLICE_MS + SLICE_MS - 1000), timezone).offsetMs;
    if (start !== end) return undefined;
    if (zone.size > 100_000) zone.clear();
    zone.set(slice, off = start);
  }
  return off;
}

/** Wall-clock parts of an instant in a timezone, and the zone's UTC offset then. */
export function zonedParts(instant: Date, timezone: string): ZonedParts {
  const t = instant.getTime();
  const offsetMs = timezone === 'UTC' ? 0 : cachedOffsetMs(t, timezone);
  if (offsetMs === undefined || !Number.isFinite(t)) return zonedPartsIntl(instant, timezone);
  const w = new Date(Math.floor(t / 1000) * 1000 + offsetMs);
  return {
    year: w.getUTCFullYear(), month: w.getUTCMonth() + 1, day: w.getUTCDate(),
    hour: w.getUTCHours(), minute: w.getUTCMinutes(), second: w.getUTCSeconds(),
    offsetMinutes: Math.round(offsetMs / 60000), offsetMs,
  };
}

function formatYear(year: number): string {
  return year < 0 ? '-' + pad(year, 6) : year > 9999 ? '+' + String(year) : pad(year, 4);
}

const YEAR_0_MS = -62167219200000; // 0000-01-01T00:00:00Z
const YEAR_10000_MS = 253402300800000;
const DAY_MS = 86_400_000;
const PAD2 = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
// "YYYY-MM-DDT" per day number: exports write millions of datetimes, mostly of few distinct days.
const dayPrefixes = new Map<number, string>();
function dayPrefix(day: number): string {
  let p = dayPrefixes.get(day);
  if (p === undefined) {
    const d = new Date(day * DAY_MS);
    p = `${formatYear(d.getUTCFullYear())}-${PAD2[d.getUTCMonth() + 1]}-${PAD2[d.getUTCDate()]}T`;
    if (dayPrefixes.size > 50_000) dayPrefixes.clear();
    dayPrefixes.set(day, p);
  }
  return p;
}
const suffixes = new Map<number, string>();
function offsetSuffix(minutes: number): string {
  let sfx = suffixes.get(minutes);
  if (sfx === undefined) {
    const off = Math.abs(minutes);
    sfx = `${minutes < 0 ? '-' : '+'}${pad(Math.floor(off / 60))}:${pad(off % 60)}`;
    suffixes.set(minutes, sfx);
  }
  return sfx;
}

/** ISO 8601 with the timezone's offset, e.g. 2021-09-01T03:00:00+02:00 (milliseconds only when non-zero). */
export function formatDatetime(instant: Date, timezone = 'UTC'): string {
  const t = instant.getTime();
  const offsetMs = timezone === 'UTC' ? 0 : Number.isFinite(t) ? cachedOffsetMs(t, timezone) : undefined;
  if (offsetMs !== undefined) {
    // Fast path (exports format millions of these): the wall clock through the native toISOString.
    const wall = Math.floor(t / 1000) * 1000 + offsetMs;
    if (wall >= YEAR_0_MS && wall < YEAR_10000_MS) {
      const day = Math.floor(wall / DAY_MS);
      const sod = (wall - day * DAY_MS) / 1000;
      const ms = ((t % 1000) + 1000) % 1000;
      return dayPrefix(day) + PAD2[Math.floor(sod / 3600)] + ':' + PAD2[Math.floor(sod / 60) % 60] + ':' + PAD2[sod % 60]
        + (ms ? '.' + pad(ms, 3) : '') + offsetSuffix(Math.round(offsetMs / 60000));
    }
  }
  const p = zonedParts(instant, timezone);
  const ms = ((instant.getTime() % 1000) + 1000) % 1000;
  const sign = p.offsetMinutes < 0 ? '-' : '+';
  const off = Math.abs(p.offsetMinutes);
  return `${formatYear(p.year)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`
    + (ms ? '.' + pad(ms, 3) : '') + `${sign}${pad(Math.floor(off / 60))}:${pad(off % 60)}`;
}

/** A date value (JS Date at UTC midnight, or already text) as YYYY-MM-DD. */
export function formatDate(value: Date | string): string {
  if (typeof value === 'string') return value.slice(0, 10);
  return `${formatYear(value.getUTCFullYear())}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
}

export interface GeoPoint { lon: number; lat: number }
export interface GeoJsonGeometry { type: string; coordinates?: unknown; geometries?: GeoJsonGeometry[] }

/** A geo_point_2d row value ({lon, lat} struct, its JSON text as PostgreSQL gives it, or "lat,lon" text)
 *  as {lon, lat}; null if unusable. */
export function toGeoPoint(value: unknown): GeoPoint | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' && value.startsWith('{')) {
    try { value = JSON.parse(value); } catch { return null; }
  }
  if (typeof value === 'object' && !Array.isArray(value)) {
    const v = value as Record<string, unknown>;
    const lon = Number(v.lon), lat = Number(v.lat);
    if (v.lon === null || v.lat === null || !Number.isFinite(lon) || !Number.isFinite(lat)) return null;
    return { lon, lat };
  }
  if (typeof value === 'string') {
    const m = /^\s*(-?[\d.]+)\s*,\s*(-?[\d.]+)\s*$/.exec(value);
    if (m) return { lon: Number(m[2]), lat: Number(m[1]) };
  }
  return null;
}

/** A geo_shape row value (GeoJSON geometry text, or an already parsed object) as a geometry; null if unusable. */
export function toGeometry(value: unknown): GeoJsonGeometry | null {
  if (value === null || value === undefined || value === '') return null;
  let g: unknown = value;
  if (typeof value === 'string') {
    try { g = JSON.parse(value); } catch { return null; }
  }
  if (g && typeof g === 'object' && (g as { type?: unknown }).type === 'Feature') g = (g as { geometry?: unknown }).geometry;
  if (!g || typeof g !== 'object' || typeof (g as { type?: unknown }).type !== 'string') return null;
  return g as GeoJsonGeometry;
}

function parseJsonText(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try { return JSON.parse(value); } catch { return value; }
}

/** One row value in its Explore API JSON shape. */
export function toApiValue(value: unknown, type: FieldType, timezone = 'UTC'): unknown {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value) && type !== 'json_blob') return value.map((v) => toApiValue(v, type, timezone));
  switch (type) {
    case 'int':
    case 'double':
      return typeof value === 'number' ? value : typeof value === 'bigint' ? Number(value)
        : Number.isFinite(Number(value)) ? Number(value) : value;
    case 'boolean':
      return typeof value === 'boolean' ? value : value === 'true' || value === 1;
    case 'date':
      return value instanceof Date || typeof value === 'string' ? formatDate(value) : value;
    case 'datetime':
      if (value instanceof Date) return formatDatetime(value, timezone);
      if (typeof value === 'string' || typeof value === 'number') {
        const d = new Date(value);
        return Number.isNaN(d.getTime()) ? value : formatDatetime(d, timezone);
      }
      return value;
    case 'geo_point_2d':
      return toGeoPoint(value);
    case 'geo_shape': {
      const geometry = toGeometry(value);
      return geometry ? { type: 'Feature', geometry, properties: {} } : null;
    }
    case 'json_blob':
      return parseJsonText(value);
    case 'file':
      return typeof value === 'string' ? parseJsonText(value) : value;
    default:
      return value instanceof Date ? formatDatetime(value, timezone) : value;
  }
}

/** A row as an Explore API record: the columns' names in order, each value in its API shape. */
export function toApiRecord(row: Row, columns: ResultColumn[], timezone = 'UTC'): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const c of columns) out[c.name] = toApiValue(row[c.name], c.type, timezone);
  return out;
}
