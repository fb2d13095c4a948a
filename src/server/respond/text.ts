// Row values as plain text, the way ODS writes them in CSV (and we reuse in XML and DBF cells):
// doubles in Python repr style ("45.0"), geo_point_2d as "lat, lon", geo_shape as GeoJSON geometry
// text, datetimes ISO 8601 with the request offset, multivalued lists joined. No quoting here.
import type { FieldType } from '../../core/types.ts';
import { formatDate, formatDatetime, toGeoPoint, toGeometry } from './values.ts';

export interface TextOptions { timezone: string; listSeparator?: string }

/** A double as Python's repr writes it in ODS exports: "45.0", "0.125", "1e-07", "1e+16". */
export function formatDouble(n: number): string {
  if (!Number.isFinite(n)) return Number.isNaN(n) ? 'nan' : n > 0 ? 'inf' : '-inf';
  if (n === 0) return Object.is(n, -0) ? '-0.0' : '0.0';
  // toExponential() with no argument gives the shortest digits that round-trip, as repr does.
  const [mantissa = '', expText = '0'] = n.toExponential().split('e');
  const exp = Number(expText);
  if (exp < -4 || exp >= 16) return `${mantissa}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  const sign = n < 0 ? '-' : '';
  const digits = mantissa.replace('-', '').replace('.', '');
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  const whole = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
  return `${sign}${whole}.${digits.slice(exp + 1) || '0'}`;
}

/** One value as text; null/undefined become the empty string. */
export function toText(value: unknown, type: FieldType, opts: TextOptions): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value) && type !== 'json_blob') {
    return value.map((v) => toText(v, type, opts)).join(opts.listSeparator ?? ',');
  }
  switch (type) {
    case 'int':
      return String(value);
    case 'double':
      return typeof value === 'number' ? formatDouble(value) : String(value);
    case 'boolean':
      return value === true || value === 'true' ? 'true' : value === false || value === 'false' ? 'false' : String(value);
    case 'date':
      return value instanceof Date || typeof value === 'string' ? formatDate(value) : String(value);
    case 'datetime':
      return value instanceof Date ? formatDatetime(value, opts.timezone) : String(value);
    case 'geo_point_2d': {
      const p = toGeoPoint(value);
      return p ? `${p.lat}, ${p.lon}` : '';
    }
    case 'geo_shape': {
      if (typeof value === 'string') return value;
      const g = toGeometry(value);
      return g ? JSON.stringify(g) : '';
    }
    case 'json_blob':
    case 'file':
      return typeof value === 'string' ? value : JSON.stringify(value);
    default:
      if (value instanceof Date) return formatDatetime(value, opts.timezone);
      if (typeof value === 'object') return JSON.stringify(value);
      return String(value);
  }
}

/** Characters that make a spreadsheet read a cell as a formula (OWASP's CSV injection list). */
export const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell a spreadsheet would run as a formula, with a leading ' so it shows as text (CWE-1236). */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}
