// datapackage.json for one dataset export: package metadata from the dataset's metas (title,
// licence, keywords, sources, contributors) and one tabular resource pointing at the CSV.
import type { Dataset } from '../../core/types.ts';
import { datasetApiUrl, datasetPageUrl } from '../formats.ts';
import { licenceOf } from '../licences.ts';
import * as m from '../metas-read.ts';

export const CSV_DIALECT = { delimiter: ',', doubleQuote: true, quoteChar: '"', lineTerminator: '\r\n', header: true, skipInitialSpace: false };

export function dataPath(ds: Dataset): string { return `data/${ds.dataset_id}.csv`; }

export function packageDescriptor(ds: Dataset, schema: Record<string, unknown>, baseUrl: string, portalName: string): Record<string, unknown> {
  const lic = licenceOf(ds);
  const page = datasetPageUrl(baseUrl, ds.dataset_id);
  const out: Record<string, unknown> = {
    profile: 'tabular-data-package',
    name: ds.dataset_id,
    id: page,
    title: m.title(ds),
    homepage: page,
    version: `1.0.${ds.data_version}`,
    created: new Date().toISOString(),
    sources: [{ title: `${portalName} Explore API`, path: `${datasetApiUrl(baseUrl, ds.dataset_id)}/records` }],
    contributors: [{ title: m.publisherName(ds, portalName), role: 'publisher' }],
  };
  const description = m.description(ds);
  if (description) out.description = description;
  const keywords = [...new Set([...m.keywords(ds), ...m.themes(ds)])];
  if (keywords.length) out.keywords = keywords;
  if (lic) out.licenses = [{ ...(lic.spdx ? { name: lic.spdx } : {}), ...(lic.url ? { path: lic.url } : {}), title: lic.title }].filter((l) => l.name || l.path);
  if ((out.licenses as unknown[] | undefined)?.length === 0) delete out.licenses;
  out.resources = [{
    profile: 'tabular-data-resource',
    name: ds.dataset_id,
    path: dataPath(ds),
    title: m.title(ds),
    format: 'csv', mediatype: 'text/csv', encoding: 'utf-8',
    dialect: CSV_DIALECT,
    schema,
  }];
  return out;
}
