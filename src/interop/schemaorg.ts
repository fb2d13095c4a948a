// schema.org Dataset JSON-LD for a dataset page (embedded by the web app in the initial HTML so
// search engines see it without running JavaScript). Pure: no I/O, no HTML escaping (callers do it).
import type { Dataset } from '../core/types.ts';
import { datasetExportFormats, datasetPageUrl, exportUrl } from './formats.ts';
import { licenceOf } from './licences.ts';
import * as m from './metas-read.ts';

export function schemaOrgDataset(ds: Dataset, baseUrl: string, portalName = 'Agora'): Record<string, unknown> {
  const base = baseUrl.replace(/\/$/, '');
  const url = datasetPageUrl(base, ds.dataset_id);
  const out: Record<string, unknown> = {
    '@context': 'https://schema.org/',
    '@type': 'Dataset',
    '@id': url,
    name: m.title(ds),
    description: describe(ds, portalName),
    url,
    identifier: ds.dataset_id,
    isAccessibleForFree: true,
    includedInDataCatalog: { '@type': 'DataCatalog', name: portalName, url: `${base}/` },
  };
  const kw = [...m.keywords(ds), ...m.themes(ds)];
  if (kw.length) out.keywords = [...new Set(kw)];
  const lic = licenceOf(ds);
  if (lic?.url) out.license = lic.url;
  else if (lic) out.license = { '@type': 'CreativeWork', name: lic.title };
  out.publisher = { '@type': 'Organization', name: m.publisherName(ds, portalName) };
  if (ds.metas.dcat.creator) out.creator = { '@type': 'Organization', name: ds.metas.dcat.creator };
  const mod = m.modified(ds);
  if (mod) out.dateModified = mod;
  const pub = m.issued(ds);
  if (pub) out.datePublished = pub;
  if (ds.metas.default.language) out.inLanguage = ds.metas.default.language;
  const contact = m.contact(ds, portalName);
  if (contact) out.contactPoint = { '@type': 'ContactPoint', name: contact.name, ...(contact.email ? { email: contact.email } : {}), contactType: 'data owner' };
  out.distribution = datasetExportFormats(ds).map((f) => ({
    '@type': 'DataDownload',
    name: `${m.title(ds)} (${f.title})`,
    encodingFormat: f.mediaType,
    contentUrl: exportUrl(base, ds.dataset_id, f.format),
  }));
  const t = m.temporal(ds);
  if (t && (t.start || t.end)) out.temporalCoverage = `${t.start ?? '..'}/${t.end ?? '..'}`;
  else if (t) out.temporalCoverage = t.raw;
  const place = spatialCoverage(ds);
  if (place) out.spatialCoverage = place;
  if (ds.fields.length) {
    out.variableMeasured = ds.fields.map((f) => ({
      '@type': 'PropertyValue', name: f.name, ...(f.label && f.label !== f.name ? { alternateName: f.label } : {}),
      ...(f.description ? { description: m.plainText(f.description) } : {}),
      ...(f.annotations.unit ? { unitText: f.annotations.unit } : {}),
    }));
  }
  return out;
}

/** Google's Dataset rich results want a description of 50 to 5,000 characters: a short one gets a
 *  sentence of facts appended, a long one is cut at a word boundary. */
function describe(ds: Dataset, portalName: string): string {
  const facts = `${m.title(ds)}: open dataset of ${ds.metas.default.records_count ?? 0} records published on ${portalName}.`;
  let text = m.description(ds);
  if (text.length < 50) text = text ? `${text} ${facts}` : facts;
  if (text.length < 50) text = `${text} Download it in open formats or query it through the API.`;
  if (text.length > 5000) text = `${text.slice(0, 4999).replace(/\s+\S*$/, '')}…`;
  return text;
}

function spatialCoverage(ds: Dataset): Record<string, unknown> | undefined {
  const g = m.spatialGeometry(ds);
  if (g?.type === 'Polygon') {
    const ring = (g.coordinates as number[][][])[0]!;
    const [w, s] = ring[0]!, [e, n] = ring[2]!;
    // schema.org GeoShape box: "south west north east" as "lat lon lat lon".
    return { '@type': 'Place', geo: { '@type': 'GeoShape', box: `${s} ${w} ${n} ${e}` } };
  }
  const text = m.spatialText(ds);
  return text ? { '@type': 'Place', name: text } : undefined;
}
