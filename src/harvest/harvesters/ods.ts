// The `ods` harvester: an Opendatasoft (or another Agora) portal's Explore API v2.1 catalog, paged
// by offset, each dataset's metas (default, dcat) and CSV/JSON/GeoJSON exports mapped to a RemoteDataset.
//
// The Explore API refuses offset+limit past 10000 on catalog/datasets; past that the rest of the
// catalog is read in one request from catalog/exports/json (same where, same order_by=dataset_id).
import { registerHarvester } from '../registry.ts';
import { isDict, str, type Dict } from '../values.ts';
import { GEO_TYPES } from '../../core/types.ts';
import { normaliseFormat } from '../formats.ts';
import { badShape, fetchJson } from '../context.ts';
import type { HarvestContext, RemoteDataset, RemoteDistribution } from '../types.ts';

const LIMIT = 100;
/** offset+limit at most, on catalog/datasets (the Explore v2.1 `limit` parameter's documented bound). */
export const OFFSET_CAP = 10_000;
const API = '/api/explore/v2.1';
const EXPORTS: Array<[format: string, mediaType: string, title: string]> = [
  ['csv', 'text/csv', 'CSV export'],
  ['json', 'application/json', 'JSON export'],
  ['geojson', 'application/geo+json', 'GeoJSON export'],
];

const strs = (v: unknown): string[] => (Array.isArray(v) ? v.map(str).filter((s): s is string => !!s) : str(v) ? [str(v)!] : []);
/** A dataset id in a URL path: federated ids keep their readable `@` (name@domain). */
const idPath = (id: string) => encodeURIComponent(id).replace(/%40/g, '@');

function catalogUrl(ctx: HarvestContext, base: string, path: string, params: Record<string, string>): string {
  const u = new URL(`${base}${API}${path}`);
  for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
  u.searchParams.set('order_by', 'dataset_id');
  const where = ctx.options.where?.trim();
  if (where) u.searchParams.set('where', where);
  return u.href;
}

/** Whether the dataset has a geometry, so a GeoJSON export: a geo field, or the `geo` feature (flat catalog rows). */
function hasGeo(d: Dict): boolean {
  const fields = Array.isArray(d.fields) ? d.fields.filter(isDict) : [];
  return fields.some((f) => (GEO_TYPES as ReadonlySet<string>).has(String(f.type))) || strs(d.features).includes('geo');
}

/** Maps one catalog dataset: the nested catalog/datasets shape (metas.default, metas.dcat) or a flat catalog export row. */
export function odsDataset(base: string, d: Dict): RemoteDataset | null {
  const id = str(d.dataset_id);
  if (!id) return null;
  const metas = isDict(d.metas) ? d.metas : null;
  const m = metas && isDict(metas.default) ? metas.default : d;
  const dcat = metas && isDict(metas.dcat) ? metas.dcat : {};
  const distributions: RemoteDistribution[] = d.has_records === false ? [] : EXPORTS
    .filter(([format]) => format !== 'geojson' || hasGeo(d))
    .map(([format, mediaType, title]) => {
      const url = `${base}${API}/catalog/datasets/${idPath(id)}/exports/${format}`;
      return { url, format: normaliseFormat(format, mediaType, url), mediaType, title };
    });
  return {
    remoteId: id,
    remoteUrl: `${base}/explore/dataset/${idPath(id)}/`,
    title: str(m.title) ?? id,
    description: str(m.description),
    keywords: strs(m.keyword),
    themes: strs(m.theme),
    license: str(m.license),
    licenseUrl: str(m.license_url),
    publisher: str(m.publisher),
    modified: str(m.modified),
    issued: str(dcat.issued),
    language: str(m.language),
    contactName: str(dcat.contact_name),
    contactEmail: str(dcat.contact_email),
    accrualPeriodicity: str(dcat.accrualperiodicity),
    distributions,
  };
}

function* mapped(base: string, rows: unknown[]): Iterable<RemoteDataset> {
  for (const row of rows) {
    const ds = isDict(row) ? odsDataset(base, row) : null;
    if (ds) yield ds;
  }
}

async function* list(ctx: HarvestContext): AsyncIterable<RemoteDataset> {
  const base = ctx.url.replace(/\/+$/, '');
  let offset = 0;
  for (;;) {
    if (ctx.signal.aborted) return;
    const url = catalogUrl(ctx, base, '/catalog/datasets', { limit: String(LIMIT), offset: String(offset) });
    const { body } = await fetchJson(ctx, url);
    if (!isDict(body) || typeof body.total_count !== 'number' || !Array.isArray(body.results)) {
      throw badShape(url, 'total_count (a number) and results (a list) are missing');
    }
    yield* mapped(base, body.results);
    offset += body.results.length;
    if (body.results.length === 0 || offset >= body.total_count) return;
    if (offset + LIMIT > OFFSET_CAP) break;
  }
  if (ctx.signal.aborted) return;
  const url = catalogUrl(ctx, base, '/catalog/exports/json', { offset: String(offset) });
  const { body } = await fetchJson(ctx, url);
  const rows = Array.isArray(body) ? body : isDict(body) && Array.isArray(body.results) ? body.results : null;
  if (!rows) throw badShape(url, 'the catalog export is not a list of datasets');
  yield* mapped(base, rows);
}

registerHarvester({
  type: 'ods',
  label: 'Opendatasoft / Agora (Explore API v2.1)',
  options: [
    { name: 'where', label: 'Filter (ODSQL)', help: 'An ODSQL where clause on the remote catalog, e.g. publisher = "City of Paris".' },
  ],
  // Explore API keys: Authorization: Apikey <key>.
  apiKeyHeaders: (key) => ({ authorization: `Apikey ${key}` }),
  list,
});
