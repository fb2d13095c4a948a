// The Explore API v2.1 shape of a dataset (catalog/datasets and catalog/datasets/{id}): ODS-style
// annotations as lists, features derived from field types, _links on request. Pure functions.
import type { Dataset, Field, FieldAnnotations } from '../core/types.ts';
import { featuresOf } from '../catalog/index.ts';

export interface Link { rel: string; href: string }

/** ODS writes annotations as lists: a flag is `[]`, a valued annotation `[value]`. */
export function odsAnnotations(a: FieldAnnotations): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const [k, v] of Object.entries(a)) {
    if (v === undefined || v === false) continue;
    out[k] = v === true ? [] : [v];
  }
  return out;
}

export function apiField(f: Field): Record<string, unknown> {
  return { name: f.name, label: f.label, type: f.type, description: f.description, annotations: odsAnnotations(f.annotations) };
}


/** The spec's `links` schema allows the rels self, first, last, next, dataset and catalog only. */
export function datasetLinks(ds: Dataset, baseUrl: string): Link[] {
  const catalog = `${baseUrl}/api/explore/v2.1/catalog`;
  return [
    { rel: 'self', href: `${catalog}/datasets/${encodeURIComponent(ds.dataset_id)}` },
    { rel: 'catalog', href: `${catalog}/datasets` },
  ];
}

export interface DatasetViewOptions { baseUrl: string; includeLinks: boolean; fields?: Field[] }

export function apiDataset(ds: Dataset, o: DatasetViewOptions): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (o.includeLinks) body._links = datasetLinks(ds, o.baseUrl);
  Object.assign(body, {
    dataset_id: ds.dataset_id,
    dataset_uid: ds.dataset_uid,
    attachments: [],
    has_records: ds.has_records,
    data_visible: ds.data_visible ?? true,
    features: featuresOf(ds),
    metas: { default: ds.metas.default, dcat: ds.metas.dcat, ...(ds.metas.harvest ? { harvest: ds.metas.harvest } : {}) },
    fields: (o.fields ?? ds.fields).map(apiField),
  });
  return body;
}
