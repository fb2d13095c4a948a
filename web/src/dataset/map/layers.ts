// MapLibre sources and layers of one dataset on the map (features: points, lines, polygons; and
// server-side clusters), for the page's dataset (prefix '') and for each added layer (own prefix
// and colour). Marks have an outline so they keep 3:1 contrast on the basemap.
import type { Map as MlMap, GeoJSONSource } from 'maplibre-gl';
import type { Cluster } from './geo.ts';
import type { GeoFeature } from './map-data.ts';
import { colourExpression, type Colouring } from './classes.ts';

const EMPTY = { type: 'FeatureCollection' as const, features: [] };
export const MAIN_COLOUR = '#0072B2';
const MAIN_CLUSTER_COLOUR = '#D55E00';

export interface LayerIds { features: string; clusters: string; fill: string; line: string; points: string; clusterCircles: string }

export function layerIds(prefix = ''): LayerIds {
  return {
    features: `${prefix}features`, clusters: `${prefix}clusters`,
    fill: `${prefix}shape-fill`, line: `${prefix}shape-line`, points: `${prefix}points`, clusterCircles: `${prefix}clusters`,
  };
}

/** Layers a click can open a popup on. */
export function clickableLayers(prefix = ''): string[] {
  const ids = layerIds(prefix);
  return [ids.points, ids.fill, ids.line];
}

export const CLICKABLE = clickableLayers();

/** Adds a dataset's sources and layers (below `beforeId` when given). */
export function addDataLayers(map: MlMap, prefix = '', colour = MAIN_COLOUR, beforeId?: string): void {
  const ids = layerIds(prefix);
  const main = prefix === '';
  map.addSource(ids.features, { type: 'geojson', data: EMPTY });
  map.addSource(ids.clusters, { type: 'geojson', data: EMPTY });
  const poly = ['match', ['geometry-type'], ['Polygon', 'MultiPolygon'], true, false] as const;
  const line = ['match', ['geometry-type'], ['LineString', 'MultiLineString'], true, false] as const;
  const pt = ['match', ['geometry-type'], ['Point', 'MultiPoint'], true, false] as const;
  map.addLayer({ id: ids.fill, type: 'fill', source: ids.features, filter: poly as never, paint: { 'fill-color': colour, 'fill-opacity': main ? 0.3 : 0.22 } }, beforeId);
  map.addLayer({ id: ids.line, type: 'line', source: ids.features, filter: ['any', poly, line] as never,
    paint: { 'line-color': main ? '#0b3d66' : colour, 'line-width': main ? 1.6 : 2 } }, beforeId);
  map.addLayer({ id: ids.points, type: 'circle', source: ids.features, filter: pt as never,
    paint: { 'circle-radius': main ? 6 : 5, 'circle-color': colour, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1.5 } }, beforeId);
  map.addLayer({ id: ids.clusterCircles, type: 'circle', source: ids.clusters,
    paint: {
      'circle-color': main ? MAIN_CLUSTER_COLOUR : colour, 'circle-opacity': 0.85, 'circle-stroke-color': main ? '#5a2600' : '#1a1a1a', 'circle-stroke-width': 1.5,
      'circle-radius': ['step', ['get', 'count'], 12, 10, 16, 100, 21, 1000, 26, 10000, 32],
    } }, beforeId);
}

export function removeDataLayers(map: MlMap, prefix: string): void {
  const ids = layerIds(prefix);
  for (const id of [ids.fill, ids.line, ids.points, ids.clusterCircles]) if (map.getLayer(id)) map.removeLayer(id);
  for (const id of [ids.features, ids.clusters]) if (map.getSource(id)) map.removeSource(id);
}

export function setVisible(map: MlMap, prefix: string, visible: boolean): void {
  const ids = layerIds(prefix);
  for (const id of [ids.fill, ids.line, ids.points, ids.clusterCircles]) map.setLayoutProperty(id, 'visibility', visible ? 'visible' : 'none');
}

/** Colours the page's dataset by a field: categories or classes; polygons become a choropleth. */
export function setColouring(map: MlMap, c: Colouring | null): void {
  const ids = layerIds();
  map.setPaintProperty(ids.points, 'circle-color', colourExpression(c, MAIN_COLOUR) as never);
  map.setPaintProperty(ids.points, 'circle-stroke-color', c ? '#1a1a1a' : '#ffffff');
  map.setPaintProperty(ids.points, 'circle-stroke-width', c ? 1 : 1.5);
  map.setPaintProperty(ids.fill, 'fill-color', colourExpression(c, MAIN_COLOUR) as never);
  map.setPaintProperty(ids.fill, 'fill-opacity', c ? 0.8 : 0.3);
  map.setPaintProperty(ids.line, 'line-color', c ? '#333333' : '#0b3d66');
  map.setPaintProperty(ids.line, 'line-width', c ? 1 : 1.6);
}

export function setFeatures(map: MlMap, features: GeoFeature[], prefix = ''): void {
  (map.getSource(layerIds(prefix).features) as GeoJSONSource | undefined)?.setData({ type: 'FeatureCollection', features: features as never });
}

export function setClusters(map: MlMap, clusters: Cluster[], prefix = ''): void {
  (map.getSource(layerIds(prefix).clusters) as GeoJSONSource | undefined)?.setData({
    type: 'FeatureCollection',
    features: clusters.map((c, i) => ({ type: 'Feature', id: i, properties: { count: c.count, index: i }, geometry: { type: 'Point', coordinates: [c.lon, c.lat] } })),
  });
}
