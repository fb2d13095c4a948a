// DCAT-US 1.1 (Project Open Data) `data.json`: the catalog as one JSON document, written dataset
// by dataset so a catalog of any size streams. Field choices follow the non-federal profile
// (no bureauCode/programCode, which only US federal agencies have).
import type { Dataset } from '../core/types.ts';
import { datasetExportFormats, datasetPageUrl, exportUrl } from './formats.ts';
import { licenceOf } from './licences.ts';
import * as m from './metas-read.ts';
import { frequencyConcept, languageTag } from './vocab.ts';

export interface DataJsonOptions { baseUrl: string; portalName: string; contactEmail?: string; includeExports: string[] }

const ISO_DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;
const DCAT_US_EMAIL = /^[\w.-]+@[\w.-]+\.[\w.-]+$/;

export function dataJsonDataset(ds: Dataset, o: DataJsonOptions): Record<string, unknown> {
  const page = datasetPageUrl(o.baseUrl, ds.dataset_id);
  const keywords = [...new Set([...m.keywords(ds), ...m.themes(ds)])];
  const contact = m.contact(ds, o.portalName);
  // DCAT-US hasEmail allows word characters, dots and hyphens only (vcard.json pattern): an
  // address outside that falls back to the portal's contact address.
  const email = [contact?.email, o.contactEmail].find((e) => e !== undefined && DCAT_US_EMAIL.test(e));
  const out: Record<string, unknown> = {
    '@type': 'dcat:Dataset',
    identifier: page,
    title: m.title(ds),
    description: m.description(ds) || m.title(ds),
    keyword: keywords.length ? keywords : [m.title(ds)],
    modified: m.modified(ds) ?? ds.created,
    publisher: { '@type': 'org:Organization', name: m.publisherName(ds, o.portalName) },
    contactPoint: { '@type': 'vcard:Contact', fn: contact?.name ?? m.publisherName(ds, o.portalName), ...(email ? { hasEmail: `mailto:${email}` } : {}) },
    accessLevel: 'public',
    landingPage: page,
  };
  const issued = m.issued(ds);
  if (issued) out.issued = issued;
  const lic = licenceOf(ds);
  if (lic?.url) out.license = lic.url;
  if (lic && !lic.url) out.rights = lic.title.slice(0, 255);
  const lang = languageTag(ds.metas.default.language);
  if (lang) out.language = [lang];
  const freq = frequencyConcept(ds.metas.dcat.accrualperiodicity);
  if (freq) out.accrualPeriodicity = freq.isoDuration;
  const t = m.temporal(ds);
  if (t?.start && t.end) out.temporal = `${isoPoint(t.start)}/${isoPoint(t.end)}`;
  const spatial = m.spatialGeometry(ds)?.type === 'Polygon' ? ds.metas.dcat.spatial!.split(/\s*,\s*|\s+/).join(',') : m.spatialText(ds);
  if (spatial) out.spatial = spatial;
  const themes = m.themes(ds);
  if (themes.length) out.theme = themes;
  const refs = ds.metas.default.references?.trim();
  if (refs && /^https?:\/\/\S+$/.test(refs)) out.references = [refs];
  const conforms = ds.metas.dcat.conformsto?.trim();
  if (conforms && /^https?:\/\/\S+$/.test(conforms)) out.conformsTo = conforms;
  out.describedBy = `${o.baseUrl}/api/explore/v2.1/catalog/datasets/${encodeURIComponent(ds.dataset_id)}/openapi.json`;
  out.describedByType = 'application/vnd.oai.openapi+json';
  out.distribution = [
    ...datasetExportFormats(ds, o.includeExports).map((f) => ({
      '@type': 'dcat:Distribution',
      title: `${m.title(ds)} (${f.title})`,
      description: `All records as ${f.title}.`,
      downloadURL: exportUrl(o.baseUrl, ds.dataset_id, f.format),
      mediaType: f.mediaType,
      format: f.title,
    })),
    {
      '@type': 'dcat:Distribution',
      title: 'Explore API v2.1 (records, ODSQL)',
      accessURL: `${o.baseUrl}/api/explore/v2.1/catalog/datasets/${encodeURIComponent(ds.dataset_id)}/records`,
      format: 'API',
      conformsTo: 'https://help.opendatasoft.com/apis/ods-explore-v2/',
    },
  ];
  return out;
}

/** A date for an ISO 8601 interval: dates stay dates, instants are written in UTC. */
function isoPoint(v: string): string { return ISO_DATE.test(v) ? v : new Date(v).toISOString(); }

export async function* dataJsonChunks(datasets: Iterable<Dataset>, o: DataJsonOptions): AsyncGenerator<string> {
  const head = {
    '@context': 'https://project-open-data.cio.gov/v1.1/schema/catalog.jsonld',
    '@id': `${o.baseUrl}/data.json`,
    '@type': 'dcat:Catalog',
    conformsTo: 'https://project-open-data.cio.gov/v1.1/schema',
    describedBy: 'https://project-open-data.cio.gov/v1.1/schema/catalog.json',
  };
  yield JSON.stringify(head).slice(0, -1) + ',"dataset":[\n';
  let first = true;
  let batch = '';
  for (const ds of datasets) {
    batch += (first ? '' : ',\n') + JSON.stringify(dataJsonDataset(ds, o));
    first = false;
    if (batch.length > 64 * 1024) { yield batch; batch = ''; }
  }
  yield batch + '\n]}\n';
}
