// The page's filter bar as state: values kept in the URL (`pf.<filterId>=value`, a date range as
// `from..to`), and the ODSQL each block over the same dataset gets (its own where AND the filters').
// Pure: no React, no I/O. Literals are quoted by state/odsql.ts, date bounds by state/ranges.ts.
import { odsqlField, odsqlString } from '../state/odsql.ts';
import { isDateBound, rangeClause } from '../state/ranges.ts';
import type { PageFilter } from '../api/page-model.ts';

export const FILTER_PREFIX = 'pf.';

/** A facet's picked value, or a date range (either bound may be empty). */
export type FilterValue = { kind: 'facet'; value: string } | { kind: 'date_range'; from: string; to: string };
export type FilterState = Record<string, FilterValue>;

export function readPageFilters(filters: PageFilter[], sp: URLSearchParams): FilterState {
  const out: FilterState = {};
  for (const f of filters) {
    const raw = sp.get(`${FILTER_PREFIX}${f.id}`);
    if (raw === null || raw === '') continue;
    if (f.type === 'facet') { out[f.id] = { kind: 'facet', value: raw }; continue; }
    const i = raw.indexOf('..');
    if (i < 0) continue;
    const from = raw.slice(0, i).trim();
    const to = raw.slice(i + 2).trim();
    if ((from && !isDateBound(from)) || (to && !isDateBound(to)) || (!from && !to)) continue;
    if (from && to && from > to) continue;
    out[f.id] = { kind: 'date_range', from, to };
  }
  return out;
}

/** Sets (or with null/empty, removes) one filter's value in a copy of the URL's query. */
export function writePageFilter(sp: URLSearchParams, id: string, value: FilterValue | null): URLSearchParams {
  const out = new URLSearchParams(sp);
  const key = `${FILTER_PREFIX}${id}`;
  if (!value || (value.kind === 'facet' ? !value.value : !value.from && !value.to)) out.delete(key);
  else out.set(key, value.kind === 'facet' ? value.value : `${value.from}..${value.to}`);
  return out;
}

/** The ODSQL condition of one filter's value. */
export function filterClause(f: PageFilter, v: FilterValue): string {
  if (v.kind === 'facet') return `${odsqlField(f.field)} = ${odsqlString(v.value)}`;
  return rangeClause({ field: f.field, kind: 'date', from: v.from, to: v.to });
}

/** The conditions the active filters put on one dataset, skipping the filter `except` (a facet's own list is narrowed by the others only). */
export function filterClauses(filters: PageFilter[], state: FilterState, dataset: string, except?: string): string[] {
  const out: string[] = [];
  for (const f of filters) {
    const v = state[f.id];
    if (!v || f.dataset !== dataset || f.id === except) continue;
    const c = filterClause(f, v);
    if (c) out.push(c);
  }
  return out;
}

/** Several conditions as one where: each in parentheses, joined by AND ("" when none). */
export function andWhere(parts: Array<string | undefined | null>): string {
  const kept = parts.map((p) => p?.trim() ?? '').filter(Boolean);
  if (kept.length <= 1) return kept[0] ?? '';
  return kept.map((p) => `(${p})`).join(' AND ');
}

/** A block's where over its dataset: its own where AND the page filters on that dataset. */
export function blockWhere(filters: PageFilter[], state: FilterState, dataset: string, own?: string): string {
  return andWhere([own, ...filterClauses(filters, state, dataset)]);
}

/** Only the page-filter keys of a query (for links and embeds that keep what the reader picked). */
export function filterSearch(sp: URLSearchParams): URLSearchParams {
  const out = new URLSearchParams();
  for (const [k, v] of sp) if (k.startsWith(FILTER_PREFIX)) out.append(k, v);
  return out;
}
