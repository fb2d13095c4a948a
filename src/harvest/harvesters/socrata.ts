// The `socrata` harvester: a Socrata domain's datasets from the Discovery API (`/api/catalog/v1` on the
// domain itself), paged by offset then scroll_id, each result mapped with its SODA exports (CSV, JSON, GeoJSON).
//
// The Discovery API answers 400 when offset+limit passes 10000; past that the rest is read with `scroll_id`
// (the id of the last result read), which pages in id order — the order the offset pages use (order=dataset_id).
import { registerHarvester } from '../registry.ts';
import { isDict, str, type Dict } from '../values.ts';
import { normaliseFormat } from '../formats.ts';
import { badShape, fetchJson } from '../context.ts';
import type { HarvestContext, RemoteDataset, RemoteDistribution } from '../types.ts';

const LIMIT = 100;
/** offset+limit at most (the Discovery API's documented bound). */
export const OFFSET_CAP = 10_000;
/** Column datatypes with a geometry, so a GeoJSON export (Discovery API `columns_datatype`, any case). */
const GEO_DATATYPES = new Set(['point', 'multipoint', 'line', 'multiline', 'linestring', 'multilinestring', 'polygon', 'multipolygon']);
const EXPORTS: Array<[ext: string, mediaType: string, title: string]> = [
  ['csv', 'text/csv', 'CSV export'],
  ['json', 'application/json', 'JSON export'],
  ['geojson', 'application/geo+json', 'GeoJSON export'],
];

const strs = (v: unknown): string[] => (Array.isArray(v) ? v.map(str).filter((s): s is string => !!s) : []);

function catalogUrl(ctx: HarvestContext, base: string, page: { offset: number } | { scrollId: string }): string {
  const u = new URL(`${base}/api/catalog/v1`);
  u.searchParams.set('domains', new URL(base).hostname);
  u.searchParams.set('only', 'dataset');
  u.searchParams.set('limit', String(LIMIT));
  if ('offset' in page) {
    u.searchParams.set('offset', String(page.offset));
    u.searchParams.set('order', 'dataset_id');
  } else u.searchParams.set('scroll_id', page.scrollId);
  const category = ctx.options.category?.trim();
  const tags = ctx.options.tags?.split(',').map((t) => t.trim()).filter(Boolean) ?? [];
  if (category) u.searchParams.set('categories', category);
  for (const t of tags) u.searchParams.append('tags', t);
  // The domain's own categories and tags (not Socrata's computed ones) are searched with search_context.
  if (category || tags.length) u.searchParams.set('search_context', new URL(base).hostname);
  return u.href;
}

/** Maps one Discovery API result ({resource, classification, metadata, permalink, link}); SODA exports from `base`. */
export function socrataResult(base: string, r: Dict): RemoteDataset | null {
  const res = isDict(r.resource) ? r.resource : {};
  const id = str(res.id);
  if (!id) return null;
  const cls = isDict(r.classification) ? r.classification : {};
  const meta = isDict(r.metadata) ? r.metadata : {};
  const domainTags = strs(cls.domain_tags);
  const domainCategory = str(cls.domain_category);
  const geo = strs(res.columns_datatype).some((t) => GEO_DATATYPES.has(t.toLowerCase()));
  const distributions: RemoteDistribution[] = EXPORTS
    .filter(([ext]) => ext !== 'geojson' || geo)
    .map(([ext, mediaType, title]) => {
      const url = `${base}/resource/${encodeURIComponent(id)}.${ext}`;
      return { url, format: normaliseFormat(ext, mediaType, url), mediaType, title };
    });
  return {
    remoteId: id,
    remoteUrl: str(r.permalink) ?? str(r.link),
    title: str(res.name) ?? id,
    description: str(res.description),
    // The domain's own tags and category first; Socrata's computed ones only when the domain gave none.
    keywords: domainTags.length ? domainTags : strs(cls.tags),
    themes: domainCategory ? [domainCategory] : strs(cls.categories),
    license: str(meta.license),
    licenseUrl: null,
    publisher: str(res.attribution),
    modified: str(res.updatedAt) ?? str(res.data_updated_at) ?? str(res.metadata_updated_at),
    issued: str(res.createdAt),
    language: null,
    contactName: null,
    contactEmail: null,
    accrualPeriodicity: null,
    distributions,
  };
}

async function* list(ctx: HarvestContext): AsyncIterable<RemoteDataset> {
  const base = ctx.url.replace(/\/+$/, '');
  let page: { offset: number } | { scrollId: string } = { offset: 0 };
  let read = 0;
  for (;;) {
    if (ctx.signal.aborted) return;
    const url = catalogUrl(ctx, base, page);
    const { body } = await fetchJson(ctx, url);
    if (!isDict(body) || !Array.isArray(body.results) || typeof body.resultSetSize !== 'number') {
      throw badShape(url, 'results (a list) and resultSetSize (a number) are missing, so not a Socrata Discovery API answer');
    }
    const results = body.results.filter(isDict);
    for (const r of results) {
      const ds = socrataResult(base, r);
      if (ds) yield ds;
    }
    read += body.results.length;
    if (body.results.length === 0 || read >= body.resultSetSize) return;
    if ('offset' in page && read + LIMIT <= OFFSET_CAP) page = { offset: read };
    else {
      const last = str(isDict(results.at(-1)?.resource) ? (results.at(-1)!.resource as Dict).id : null);
      if (!last) throw badShape(url, 'the last result has no resource.id to continue from (scroll_id)');
      page = { scrollId: last };
    }
  }
}

registerHarvester({
  type: 'socrata',
  label: 'Socrata (Discovery API)',
  options: [
    { name: 'category', label: 'Category', help: 'Only the datasets of this domain category (as on the Socrata catalog page).' },
    { name: 'tags', label: 'Tags', help: 'Only the datasets with one of these domain tags (comma-separated).' },
  ],
  list,
});
