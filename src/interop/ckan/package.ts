// A dataset as CKAN sees it: a package with its organization (the publisher), groups (themes),
// tags (keywords), extras and resources (one per export format plus the datastore resource).
import { createHash } from 'node:crypto';
import type { Dataset } from '../../core/types.ts';
import { datasetApiUrl, datasetExportFormats, datasetPageUrl, exportUrl } from '../formats.ts';
import { licenceOf, type Licence } from '../licences.ts';
import * as m from '../metas-read.ts';
import { frequencyConcept, languageTag } from '../vocab.ts';

export interface CkanContext { baseUrl: string; portalName: string }

/** CKAN names: lower-case ASCII letters, digits, - and _. */
export function slug(s: string): string {
  const out = s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 100);
  return out.length >= 2 ? out : `x-${out || 'unnamed'}`;
}

/** A stable UUID-shaped id for things CKAN identifies by UUID and we by name. */
export function stableId(kind: string, name: string): string {
  const h = createHash('sha1').update(`${kind}:${name}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** CKAN timestamps are naive UTC with microseconds: 2024-05-02T08:30:00.000000. */
export function ckanTime(iso: string | undefined): string | null {
  if (!iso) return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d.toISOString().replace('Z', '').replace(/\.(\d{3})$/, '.$1000');
}

const CKAN_LICENCE_IDS: Record<string, string> = {
  'ODbL-1.0': 'odc-odbl', 'PDDL-1.0': 'odc-pddl', 'ODC-By-1.0': 'odc-by', 'CC0-1.0': 'cc-zero', 'CC-BY-4.0': 'cc-by',
  'CC-BY-SA-4.0': 'cc-by-sa', 'CC-BY-NC-4.0': 'cc-nc', 'OGL-UK-3.0': 'uk-ogl', 'etalab-2.0': 'lov2',
};
const NON_OPEN = new Set(['CC-BY-NC-4.0', 'CC-BY-NC-SA-4.0', 'CC-BY-NC-ND-4.0', 'CC-BY-ND-4.0']);

function licenceFields(lic: Licence | undefined): Record<string, unknown> {
  if (!lic) return { license_id: 'notspecified', license_title: 'License not specified', isopen: false };
  const id = (lic.spdx && CKAN_LICENCE_IDS[lic.spdx]) ?? (lic.spdx ? lic.spdx.toLowerCase() : 'other');
  return { license_id: id, license_title: lic.title, ...(lic.url ? { license_url: lic.url } : {}), isopen: Boolean(lic.spdx && !NON_OPEN.has(lic.spdx)) };
}

export interface CkanOrg { id: string; name: string; title: string }

export function organizationOf(ds: Dataset, c: CkanContext): CkanOrg {
  const title = m.publisherName(ds, c.portalName);
  const name = slug(title);
  return { id: stableId('organization', name), name, title };
}

export function groupsOf(ds: Dataset): CkanOrg[] {
  return m.themes(ds).map((t) => { const name = slug(t); return { id: stableId('group', name), name, title: t }; });
}

export function orgDict(o: CkanOrg, c: CkanContext, type: 'organization' | 'group', extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: o.id, name: o.name, title: o.title, display_name: o.title, description: '', image_url: '', image_display_url: '',
    type, is_organization: type === 'organization', approval_status: 'approved', state: 'active',
    created: null, ...extra,
  };
}

export function datastoreResourceId(ds: Dataset): string { return ds.dataset_id; }

export function resources(ds: Dataset, c: CkanContext): Record<string, unknown>[] {
  const modified = ckanTime(m.modified(ds));
  const created = ckanTime(ds.created);
  const common = { package_id: ds.dataset_uid, state: 'active', created, last_modified: modified, metadata_modified: modified, size: null, hash: '', url_type: null, cache_url: null, resource_type: null, mimetype_inner: null };
  const api = {
    ...common, id: datastoreResourceId(ds), position: 0, name: `${m.title(ds)} (Explore API)`,
    description: `Records of the dataset through the Explore API v2.1 (ODSQL) and this portal's CKAN datastore_search.`,
    format: 'API', mimetype: 'application/json', url: `${datasetApiUrl(c.baseUrl, ds.dataset_id)}/records`, datastore_active: true,
  };
  const files = datasetExportFormats(ds).map((f, i) => ({
    ...common, id: `${ds.dataset_id}.${f.format}`, position: i + 1, name: `${m.title(ds)} (${f.title})`,
    description: `All records as ${f.title}.`, format: f.title === 'Excel' ? 'XLSX' : f.title.replace(/^RDF /, ''), mimetype: f.mediaType,
    url: exportUrl(c.baseUrl, ds.dataset_id, f.format), datastore_active: false,
  }));
  return [api, ...files];
}

export function packageDict(ds: Dataset, c: CkanContext): Record<string, unknown> {
  const org = organizationOf(ds, c);
  const tags = m.keywords(ds).map((k) => ({ id: stableId('tag', k), name: k, display_name: k, state: 'active', vocabulary_id: null }));
  const res = resources(ds, c);
  const extras: Array<{ key: string; value: string }> = [];
  const lang = languageTag(ds.metas.default.language);
  if (lang) extras.push({ key: 'language', value: lang });
  const freq = frequencyConcept(ds.metas.dcat.accrualperiodicity);
  if (freq) extras.push({ key: 'frequency', value: freq.uri });
  const geom = m.spatialGeometry(ds);
  if (geom) extras.push({ key: 'spatial', value: JSON.stringify(geom) });
  else if (m.spatialText(ds)) extras.push({ key: 'spatial_text', value: m.spatialText(ds)! });
  const t = m.temporal(ds);
  if (t?.start) extras.push({ key: 'temporal_start', value: t.start });
  if (t?.end) extras.push({ key: 'temporal_end', value: t.end });
  extras.push({ key: 'records_count', value: String(ds.metas.default.records_count) });
  extras.push({ key: 'dcat_landing_page', value: datasetPageUrl(c.baseUrl, ds.dataset_id) });
  const contact = ds.metas.dcat;
  return {
    id: ds.dataset_uid, name: ds.dataset_id, title: m.title(ds), type: 'dataset', state: 'active', private: false,
    notes: m.description(ds), url: ds.metas.default.references ?? '', version: null,
    author: contact.creator ?? null, author_email: null,
    maintainer: contact.contact_name ?? null, maintainer_email: contact.contact_email ?? null,
    ...licenceFields(licenceOf(ds)),
    metadata_created: ckanTime(m.issued(ds) ?? ds.created), metadata_modified: ckanTime(m.modified(ds)),
    owner_org: org.id, organization: orgDict(org, c, 'organization'),
    groups: groupsOf(ds).map((g) => orgDict(g, c, 'group')),
    tags, num_tags: tags.length, extras, resources: res, num_resources: res.length,
    relationships_as_object: [], relationships_as_subject: [],
  };
}
