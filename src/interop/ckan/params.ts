// Reads CKAN action parameters from a GET query string or a POST JSON body, with CKAN's
// conventions: JSON-encoded values in GET strings, booleans as "true"/"false", ints as text.
import { invalid } from './envelope.ts';

export type CkanData = Record<string, unknown>;

export function text(d: CkanData, name: string): string | undefined {
  const v = d[name];
  if (v === undefined || v === null || v === '') return undefined;
  if (Array.isArray(v)) return text({ [name]: v[v.length - 1] }, name);
  if (typeof v === 'object') throw invalid(name, 'Must be a string');
  return String(v);
}

export function required(d: CkanData, name: string): string {
  const v = text(d, name);
  if (v === undefined) throw invalid(name, 'Missing value');
  return v;
}

export function integer(d: CkanData, name: string, fallback: number, min: number, max: number): number {
  const v = d[name];
  if (v === undefined || v === null || v === '') return fallback;
  const n = typeof v === 'number' ? v : /^-?\d+$/.test(String(v)) ? Number(v) : NaN;
  if (!Number.isInteger(n)) throw invalid(name, 'Invalid integer');
  if (n < min) throw invalid(name, `Must be a natural number${min > 0 ? ` of at least ${min}` : ''}`);
  if (n > max) throw invalid(name, `Must be at most ${max}`);
  return n;
}

/** An integer CKAN caps at a configured maximum rather than refusing (`limit_to_configured_maximum`:
 *  package_search `rows` at 1000, datastore_search `limit` at 32000). */
export function capped(d: CkanData, name: string, fallback: number, max: number): number {
  return Math.min(integer(d, name, fallback, 0, Number.MAX_SAFE_INTEGER), max);
}

export function flag(d: CkanData, name: string, fallback: boolean): boolean {
  const v = d[name];
  if (v === undefined || v === null || v === '') return fallback;
  if (typeof v === 'boolean') return v;
  const s = String(v).toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(s)) return true;
  if (['false', '0', 'no', 'off'].includes(s)) return false;
  throw invalid(name, 'Invalid boolean');
}

/** A value CKAN accepts either as JSON text (GET) or as a JSON value (POST). */
export function jsonValue(d: CkanData, name: string): unknown {
  const v = d[name];
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'string') return v;
  const s = v.trim();
  if (!/^[[{"]/.test(s)) return v;
  try { return JSON.parse(s); } catch { throw invalid(name, 'Invalid JSON'); }
}

/** A list given as JSON, as a comma-separated string or as repeated parameters. */
export function list(d: CkanData, name: string): string[] | undefined {
  const v = jsonValue(d, name);
  if (v === undefined) return undefined;
  if (Array.isArray(v)) return v.map(String);
  if (typeof v === 'string') return v.split(',').map((s) => s.trim()).filter(Boolean);
  throw invalid(name, 'Must be a list');
}
