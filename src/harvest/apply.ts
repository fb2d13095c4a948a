// One remote dataset written into the portal through the same authoring path the Automation API uses
// (create, metadata, an http resource, publish), as the source's owner: its metadata mapped to the ODS
// templates (a value the portal refuses is left out and noted), the harvest template (provenance) set,
// and — unless the source is metadata-only — the data imported from its best file. The data's failure
// keeps the dataset with its links (published data untouched) and is reported, never half-written.
import { applyMeta } from '../catalog/index.ts';
import { isAgoraError } from '../core/errors.ts';
import type { Dataset, DatasetMetas, HarvestMetas } from '../core/types.ts';
import { createDataset, createResource, deleteResource, listResources, publishDataset, type AuthoringDeps } from '../governance/authoring.ts';
import { setPublished } from '../governance/automation.ts';
import type { Caller } from '../governance/rules.ts';
import { isImportable } from './formats.ts';
import type { HarvestSource } from './store.ts';
import type { RemoteDataset, RemoteDistribution } from './types.ts';

/** The file a full harvest imports, best first: GeoJSON keeps exact geometry, then the tabular formats. */
const PREFERRED = ['geojson', 'csv', 'parquet', 'xlsx', 'json', 'tsv', 'shapefile', 'kml', 'gpx'];
const EXTRACTOR: Record<string, string> = {
  geojson: 'geojsonfile', csv: 'csvfile', parquet: 'parquetfile', xlsx: 'xlsxfile', json: 'jsonfile', tsv: 'tsvfile', shapefile: 'shpfile', kml: 'kmlfile', gpx: 'gpxfile',
};

export function importableFile(r: RemoteDataset): RemoteDistribution | null {
  const files = r.distributions.filter((f) => isImportable(f.format));
  return files.sort((a, b) => PREFERRED.indexOf(a.format!) - PREFERRED.indexOf(b.format!))[0] ?? null;
}

/** ODS's language metadata is a two-letter code: en-GB → en; other forms are kept as the source wrote them. */
const language = (l: string | null) => (l && /^[a-z]{2}[-_]/i.test(l) ? l.slice(0, 2).toLowerCase() : l);

/** The remote's metadata as template/key/value, in the order applied; forced metas come last and win. */
function remoteValues(r: RemoteDataset, source: HarvestSource): Array<[template: 'default' | 'dcat', key: string, value: unknown]> {
  const out: Array<['default' | 'dcat', string, unknown]> = [
    ['default', 'title', r.title || r.remoteId], ['default', 'description', r.description], ['default', 'keyword', r.keywords],
    ['default', 'theme', r.themes], ['default', 'license', r.license], ['default', 'license_url', r.licenseUrl],
    ['default', 'publisher', r.publisher], ['default', 'language', language(r.language)], ['default', 'references', r.remoteUrl],
    ['dcat', 'issued', r.issued], ['dcat', 'contact_name', r.contactName], ['dcat', 'contact_email', r.contactEmail],
    ['dcat', 'accrualperiodicity', r.accrualPeriodicity],
  ];
  if (r.modified) out.push(['default', 'modified', r.modified]);
  for (const [template, values] of Object.entries(source.forcedMetas)) {
    for (const [key, value] of Object.entries(values)) out.push([template as 'default' | 'dcat', key, value]);
  }
  return out;
}

export function provenance(source: HarvestSource, r: RemoteDataset, now: string): HarvestMetas {
  return {
    source_uid: source.uid, source_name: source.name, source_type: source.type, source_url: source.url,
    remote_id: r.remoteId, remote_url: r.remoteUrl, license: r.license, license_url: r.licenseUrl, harvested_at: now,
    metadata_only: source.metadataOnly,
    files: r.distributions.map((f) => ({ url: f.url, format: f.format, title: f.title, media_type: f.mediaType })),
  };
}

/** The dataset's metadata with the remote's values over it; `notes` gets what the portal refused. */
export function harvestedMetas(current: DatasetMetas, source: HarvestSource, r: RemoteDataset, now: string, notes: string[]): DatasetMetas {
  let metas = current;
  for (const [template, key, value] of remoteValues(r, source)) {
    const empty = value === null || value === undefined || (Array.isArray(value) && value.length === 0);
    if (empty && key === 'title') continue;
    try {
      metas = applyMeta(metas, template, key, empty ? null : value);
    } catch (e) {
      notes.push(`${template}.${key} ${JSON.stringify(value)} left out: ${(e as Error).message}`);
    }
  }
  return { ...metas, default: { ...metas.default, federated: true }, harvest: provenance(source, r, now) };
}

export interface Applied { dataset: Dataset; notes: string[]; dataError: string | null }

/**
 * Creates (existing null) or updates the dataset of one remote dataset. Its metadata is written first;
 * then the data, unless the source is metadata-only. New datasets are published; an update republishes
 * the data of a published dataset and leaves its published flag as the publisher set it.
 */
export async function applyRemote(d: AuthoringDeps, c: Caller, source: HarvestSource, r: RemoteDataset, datasetId: string, existing: Dataset | null, now: string): Promise<Applied> {
  const notes: string[] = [];
  let ds = existing ?? await createDataset(d, c, { dataset_id: datasetId, is_restricted: source.restrict, metadata: { default: { title: { value: r.title || r.remoteId } } } });
  try {
    ds = await d.catalog.updateMetas(ds.dataset_id, harvestedMetas(ds.metas, source, r, now, notes));
  } catch (e) {
    if (!existing) await d.catalog.delete(ds.dataset_id).catch(() => undefined);
    throw e;
  }
  let dataError: string | null = null;
  const file = source.metadataOnly ? null : importableFile(r);
  if (!source.metadataOnly && !file) {
    const formats = [...new Set(r.distributions.map((f) => f.format ?? 'unknown'))];
    dataError = `no file in a format Agora imports (${formats.length ? `the source offers ${formats.join(', ')}` : 'the source lists no file'}): harvested as metadata only`;
  }
  if (file) {
    // The resource is the remote file: a publish reads it through outbound/, each redirect checked.
    for (const old of await listResources(d, c, ds.dataset_uid)) await deleteResource(d, c, ds.dataset_uid, old.uid);
    try {
      await createResource(d, c, ds.dataset_uid, { type: EXTRACTOR[file.format!], title: file.title || r.title || file.url, datasource: { type: 'http', connection: { type: 'http', url: file.url } } });
      ds = (await publishDataset(d, c, ds.dataset_uid)).dataset;
    } catch (e) {
      dataError = `the data (${file.url}) was not imported: ${isAgoraError(e) ? e.message : (e as Error).message}`;
      for (const old of await listResources(d, c, ds.dataset_uid)) await deleteResource(d, c, ds.dataset_uid, old.uid);
    }
  }
  if (!existing && !ds.is_published) ds = await setPublished(d, c, ds.dataset_uid, true);
  return { dataset: d.catalog.get(ds.dataset_id), notes, dataError };
}
