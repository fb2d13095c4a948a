// Explore API query-string parsing: the ODSQL-bearing parameters into a RecordsQuery, with repeated
// parameters (where, refine, exclude, facet) kept, numbers and booleans checked. No SQL here.
import { AgoraError } from '../core/errors.ts';
import type { RecordsQuery } from '../core/request.ts';
import { isValidTimeZone } from '../query/dates.ts';

export type QueryString = Record<string, string | string[] | undefined>;

export function all(q: QueryString, name: string): string[] {
  const v = q[name];
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : [v]).filter((x) => x !== '');
}

export function one(q: QueryString, name: string): string | undefined {
  const v = all(q, name);
  return v.length ? v[v.length - 1] : undefined;
}

export function intParam(q: QueryString, name: string): number | undefined {
  const v = one(q, name);
  if (v === undefined) return undefined;
  if (!/^-?\d+$/.test(v.trim())) throw new AgoraError('PARAMETER_INVALID', `Invalid value for ${name}: "${v}" is not an integer.`);
  return Number(v);
}

export function boolParam(q: QueryString, name: string, fallback: boolean): boolean {
  const v = one(q, name);
  if (v === undefined) return fallback;
  const l = v.toLowerCase();
  if (l === 'true' || l === '1' || l === 'yes') return true;
  if (l === 'false' || l === '0' || l === 'no') return false;
  throw new AgoraError('PARAMETER_INVALID', `Invalid value for ${name}: "${v}" is not a boolean (true or false).`);
}

export function timezoneParam(q: QueryString): string {
  const tz = one(q, 'timezone') ?? 'UTC';
  if (!isValidTimeZone(tz)) throw new AgoraError('PARAMETER_INVALID', `Invalid value for timezone: "${tz}" is not an IANA time zone.`);
  return tz;
}

export function recordsQuery(q: QueryString): RecordsQuery {
  return {
    select: one(q, 'select'),
    where: all(q, 'where'),
    group_by: one(q, 'group_by'),
    order_by: one(q, 'order_by'),
    limit: intParam(q, 'limit'),
    offset: intParam(q, 'offset'),
    refine: all(q, 'refine'),
    exclude: all(q, 'exclude'),
    lang: one(q, 'lang'),
    timezone: timezoneParam(q),
    latest_by: one(q, 'latest_by'),
  };
}
