// Query-string helpers shared by the interop routes: typed reads with AgoraError on bad input,
// the page/page_size pair of paged feeds, and the ODS include_exports list.
import type { FastifyRequest } from 'fastify';
import { AgoraError } from '../core/errors.ts';
import { EXPORT_FORMATS } from './formats.ts';

export type Query = Record<string, string | string[] | undefined>;

export function queryOf(req: FastifyRequest): Query { return (req.query ?? {}) as Query; }

export function str(q: Query, name: string): string | undefined {
  const v = q[name];
  const s = Array.isArray(v) ? v[v.length - 1] : v;
  return s === undefined || s === '' ? undefined : String(s);
}

export function int(q: Query, name: string, min: number, max: number): number | undefined {
  const s = str(q, name);
  if (s === undefined) return undefined;
  if (!/^-?\d+$/.test(s)) throw new AgoraError('PARAMETER_INVALID', `Invalid value for ${name}: "${s}" is not an integer.`);
  const n = Number(s);
  if (n < min || n > max) throw new AgoraError('PARAMETER_INVALID', `Invalid value for ${name}: ${n} is outside [${min}, ${max}].`);
  return n;
}

export function bool(q: Query, name: string): boolean | undefined {
  const s = str(q, name)?.toLowerCase();
  if (s === undefined) return undefined;
  if (s === 'true' || s === '1') return true;
  if (s === 'false' || s === '0') return false;
  throw new AgoraError('PARAMETER_INVALID', `Invalid value for ${name}: "${s}" (expected true or false).`);
}

/** ODS include_exports: a comma-separated subset of the dataset export formats. */
export function includeExports(q: Query): string[] {
  const s = str(q, 'include_exports');
  if (!s) return [];
  const known = EXPORT_FORMATS.map((f) => f.format);
  const list = s.split(',').map((x) => x.trim().toLowerCase()).filter(Boolean);
  const bad = list.filter((f) => !known.includes(f));
  if (bad.length) throw new AgoraError('PARAMETER_INVALID', `Unknown export format in include_exports: ${bad.join(', ')}. Accepted: ${known.join(', ')}.`);
  return list;
}

export interface PageRequest { page: number; pageSize: number }

/** `page` (1-based) and `page_size` (1..1000, default 100): absent page means the whole list. */
export function pageRequest(q: Query): PageRequest | undefined {
  const page = int(q, 'page', 1, 1_000_000_000);
  const pageSize = int(q, 'page_size', 1, 1000);
  if (page === undefined && pageSize === undefined) return undefined;
  return { page: page ?? 1, pageSize: pageSize ?? 100 };
}

/** The URL of the same request with other page parameters (for hydra / next links). */
export function withParams(baseUrl: string, path: string, q: Query, set: Record<string, string | number>): string {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) {
    if (v === undefined || k in set) continue;
    for (const x of Array.isArray(v) ? v : [v]) u.append(k, String(x));
  }
  for (const [k, v] of Object.entries(set)) u.set(k, String(v));
  const qs = u.toString();
  return `${baseUrl}${path}${qs ? `?${qs}` : ''}`;
}
