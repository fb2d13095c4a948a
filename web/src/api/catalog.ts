// URLs of the catalog endpoints the Home and Catalog pages read. Pure URL builders.
import { exploreUrl, type Params } from './client.ts';
import { apiFilterParams, type Filters } from '../state/filters.ts';
import { inList } from '../state/odsql.ts';

export const CATALOG_FACETS = ['theme', 'keyword', 'publisher', 'license', 'features'] as const;

export type CatalogSort = 'relevance' | 'modified' | 'title' | 'records';

const ORDER: Record<Exclude<CatalogSort, 'relevance'>, string> = {
  modified: 'modified desc',
  title: 'title asc',
  records: 'records_count desc',
};

export function effectiveSort(sort: string | null, hasQuery: boolean): CatalogSort {
  if (sort === 'modified' || sort === 'title' || sort === 'records') return sort;
  if (sort === 'relevance' && hasQuery) return 'relevance';
  return hasQuery ? 'relevance' : 'modified';
}

export function catalogDatasetsUrl(f: Filters, sort: CatalogSort, limit: number, offset = 0): string {
  const params: Params = [...apiFilterParams(f), ['limit', limit], ['offset', offset || undefined]];
  if (sort !== 'relevance') params.push(['order_by', ORDER[sort]]);
  return exploreUrl('/catalog/datasets', params);
}

export function catalogFacetsUrl(f: Filters, facets: readonly string[] = CATALOG_FACETS): string {
  return exploreUrl('/catalog/facets', [...facets.map((x): [string, string] => ['facet', x]), ...apiFilterParams(f)]);
}

export function datasetsByIdUrl(ids: string[]): string {
  return exploreUrl('/catalog/datasets', [['where', inList('dataset_id', ids)], ['limit', ids.length]]);
}

export function datasetUrl(id: string): string {
  return exploreUrl(`/catalog/datasets/${encodeURIComponent(id)}`);
}

/** Text of an HTML description (descriptions are sanitised HTML). */
export function plainText(html: string | null | undefined): string {
  if (!html) return '';
  const doc = new DOMParser().parseFromString(html, 'text/html');
  return (doc.body.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** The first sentence of a description, for one-line summaries. */
export function firstSentence(text: string, max = 220): string {
  const m = /^(.+?[.!?])(\s|$)/.exec(text);
  const s = m ? m[1] : text;
  return s.length > max ? `${s.slice(0, max - 1).trimEnd()}…` : s;
}
