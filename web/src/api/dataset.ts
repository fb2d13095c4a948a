// URLs of one dataset's endpoints (records, facets, exports), with the shared filters applied.
import { exploreUrl, type Params } from './client.ts';
import { apiFilterParams, type Filters } from '../state/filters.ts';

const base = (id: string) => `/catalog/datasets/${encodeURIComponent(id)}`;

export function recordsUrl(id: string, filters: Filters, params: Params = [], extraWhere: string[] = []): string {
  return exploreUrl(`${base(id)}/records`, [...apiFilterParams(filters, extraWhere), ...params]);
}

/** Server-Sent Events of the records added from now on that pass the filters (live datasets). */
export function streamUrl(id: string, filters: Filters): string {
  return exploreUrl(`${base(id)}/records/stream`, apiFilterParams(filters));
}

export function countUrl(id: string, filters: Filters, extraWhere: string[] = []): string {
  return recordsUrl(id, filters, [['limit', 0]], extraWhere);
}

export function facetsUrl(id: string, filters: Filters, facets: string[]): string {
  return exploreUrl(`${base(id)}/facets`, [...facets.map((f): [string, string] => ['facet', f]), ...apiFilterParams(filters)]);
}

export function exportUrl(id: string, format: string, filters: Filters, params: Params = []): string {
  return exploreUrl(`${base(id)}/exports/${format}`, [...apiFilterParams(filters), ...params]);
}

export function exportsListUrl(id: string): string {
  return exploreUrl(`${base(id)}/exports`);
}

export function absolute(url: string): string {
  return new URL(url, window.location.origin).toString();
}
