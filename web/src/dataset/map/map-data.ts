// What the map shows for a view: individual features (GeoJSON export, up to FEATURE_LIMIT) when
// few are in view, else server-side clusters (geo_cluster) for points. Reads the public API only.
import type { ApiDataset, ApiField, RecordList } from '../../api/types.ts';
import type { Filters } from '../../state/filters.ts';
import { countUrl, exportUrl, recordsUrl } from '../../api/dataset.ts';
import { getJson } from '../../api/client.ts';
import { odsqlField } from '../../state/odsql.ts';
import { bboxClause, geometryBounds, parseClusters, type Bounds, type Cluster } from './geo.ts';

export const FEATURE_LIMIT = 1000;

export interface GeoFeature { type: 'Feature'; geometry: { type: string; coordinates: unknown } | null; properties: Record<string, unknown>; id?: number }

export interface ViewData {
  mode: 'features' | 'clusters';
  count: number;
  features: GeoFeature[];
  clusters: Cluster[];
}

export async function dataBounds(ds: ApiDataset, field: ApiField, filters: Filters, signal?: AbortSignal): Promise<Bounds | null> {
  const body = await getJson<RecordList>(recordsUrl(ds.dataset_id, filters, [['select', `bbox(${odsqlField(field.name)}) as b`]]), signal);
  return geometryBounds(body.results[0]?.b);
}

async function features(ds: ApiDataset, field: ApiField, filters: Filters, where: string, signal?: AbortSignal): Promise<GeoFeature[]> {
  const url = exportUrl(ds.dataset_id, 'geojson', { ...filters, where: [filters.where, where].filter(Boolean).map((w) => `(${w})`).join(' AND ') }, [['limit', FEATURE_LIMIT]]);
  const fc = await getJson<{ features?: GeoFeature[] }>(url, signal);
  return (fc.features ?? []).filter((f) => f.geometry).map((f, i) => ({ ...f, id: i }));
}

async function clusters(ds: ApiDataset, field: ApiField, filters: Filters, where: string, zoom: number, signal?: AbortSignal): Promise<Cluster[]> {
  const z = Math.max(0, Math.min(25, Math.round(zoom)));
  const body = await getJson<RecordList>(recordsUrl(ds.dataset_id, filters, [
    ['select', 'count(*) as n'], ['group_by', `geo_cluster(${odsqlField(field.name)}, ${z}) as c`], ['limit', 5000],
  ], [where]), signal);
  return parseClusters(body.results);
}

/** `prefer: 'clusters'` groups points whatever their number (a page's clusters layer); else only past FEATURE_LIMIT. */
export async function loadView(ds: ApiDataset, field: ApiField, filters: Filters, bounds: Bounds, zoom: number, signal?: AbortSignal, prefer: 'auto' | 'clusters' = 'auto'): Promise<ViewData> {
  const where = bboxClause(field.name, bounds);
  const counted = await getJson<RecordList>(countUrl(ds.dataset_id, filters, [where]), signal);
  const count = counted.total_count ?? 0;
  if ((prefer === 'auto' && count <= FEATURE_LIMIT) || field.type !== 'geo_point_2d') {
    return { mode: 'features', count, features: count ? await features(ds, field, filters, where, signal) : [], clusters: [] };
  }
  return { mode: 'clusters', count, features: [], clusters: await clusters(ds, field, filters, where, zoom, signal) };
}
