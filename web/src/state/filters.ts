// The filter state shared by every tab of a dataset page (and by the catalog): full-text search,
// facet refinements and exclusions, an ODSQL where, date/number ranges. Read from / written to the URL; pure.
import type { Params } from '../api/client.ts';
import { fullTextClause } from './odsql.ts';
import { rangeClause, readRanges, writeRanges, type RangeFilter } from './ranges.ts';

export interface FacetPick { field: string; value: string }

export interface Filters {
  q: string;
  where: string;
  refine: FacetPick[];
  exclude: FacetPick[];
  /** Date and number ranges of the dataset page (optional: the catalog has none). */
  ranges?: RangeFilter[];
  /** Live datasets: only the latest record of each value of this field (URL `latest`, API `latest_by`). */
  latest?: string;
}

export const NO_FILTERS: Filters = { q: '', where: '', refine: [], exclude: [], ranges: [] };

function parsePick(raw: string): FacetPick | null {
  const i = raw.indexOf(':');
  if (i <= 0) return null;
  return { field: raw.slice(0, i), value: raw.slice(i + 1) };
}

export function readFilters(sp: URLSearchParams): Filters {
  const picks = (key: string) => sp.getAll(key).map(parsePick).filter((p): p is FacetPick => p !== null);
  const latest = sp.get('latest')?.trim();
  return { q: sp.get('q') ?? '', where: sp.get('where') ?? '', refine: picks('refine'), exclude: picks('exclude'), ranges: readRanges(sp), ...(latest ? { latest } : {}) };
}

export function writeFilters(sp: URLSearchParams, f: Filters): URLSearchParams {
  const out = writeRanges(sp, f.ranges ?? []);
  for (const k of ['q', 'where', 'refine', 'exclude', 'latest']) out.delete(k);
  if (f.latest) out.set('latest', f.latest);
  if (f.q.trim()) out.set('q', f.q);
  if (f.where.trim()) out.set('where', f.where);
  for (const p of f.refine) out.append('refine', `${p.field}:${p.value}`);
  for (const p of f.exclude) out.append('exclude', `${p.field}:${p.value}`);
  return out;
}

/** Only the filter keys, for links that carry filters from one view to another. */
export function filterSearch(f: Filters): URLSearchParams {
  return writeFilters(new URLSearchParams(), f);
}

export function hasFilters(f: Filters): boolean {
  return !!(f.q.trim() || f.where.trim() || f.refine.length || f.exclude.length || f.ranges?.length || f.latest);
}

/** The API parameters (where, refine, exclude, latest_by) that apply these filters to any endpoint. */
export function apiFilterParams(f: Filters, extraWhere: string[] = []): Params {
  const out: Params = [];
  const wheres: string[] = [];
  if (f.q.trim()) wheres.push(fullTextClause(f.q));
  if (f.where.trim()) wheres.push(f.where.trim());
  wheres.push(...(f.ranges ?? []).map(rangeClause).filter(Boolean));
  wheres.push(...extraWhere.filter(Boolean));
  if (wheres.length === 1) out.push(['where', wheres[0]]);
  else if (wheres.length > 1) out.push(['where', wheres.map((w) => `(${w})`).join(' AND ')]);
  for (const p of f.refine) out.push(['refine', `${p.field}:${p.value}`]);
  for (const p of f.exclude) out.push(['exclude', `${p.field}:${p.value}`]);
  if (f.latest) out.push(['latest_by', f.latest]);
  return out;
}

export function togglePick(list: FacetPick[], pick: FacetPick): FacetPick[] {
  const has = list.some((p) => p.field === pick.field && p.value === pick.value);
  return has ? list.filter((p) => !(p.field === pick.field && p.value === pick.value)) : [...list, pick];
}

export function isPicked(list: FacetPick[], field: string, value: string): boolean {
  return list.some((p) => p.field === field && p.value === value);
}
