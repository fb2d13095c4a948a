// MapLibre sources and layers for features (points, lines, polygons) and server-side clusters.
// Colours pass 3:1 against the plain background; points and clusters have an outline.
import type { Map as MlMap, GeoJSONSource } from 'maplibre-gl';
import type { Cluster } from './geo.ts';
import type { GeoFeature } from './map-data.ts';

const EMPTY = { type: 'FeatureCollection' as const, features: [] };

export function addDataLayers(map: MlMap): void {
  map.addSource('features', { type: 'geojson', data: EMPTY });
  map.addSource('clusters', { type: 'geojson', data: EMPTY });
  const poly = ['match', ['geometry-type'], ['Polygon', 'MultiPolygon'], true, false] as const;
  const line = ['match', ['geometry-type'], ['LineString', 'MultiLineString'], true, false] as const;
  const pt = ['match', ['geometry-type'], ['Point', 'MultiPoint'], true, false] as const;
  map.addLayer({ id: 'shape-fill', type: 'fill', source: 'features', filter: poly as never, paint: { 'fill-color': '#0072B2', 'fill-opacity': 0.3 } });
  map.addLayer({ id: 'shape-line', type: 'line', source: 'features', filter: ['any', poly, line] as never, paint: { 'line-color': '#0b3d66', 'line-width': 1.6 } });
  map.addLayer({ id: 'points', type: 'circle', source: 'features', filter: pt as never,
    paint: { 'circle-radius': 6, 'circle-color': '#0072B2', 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1.5 } });
  map.addLayer({ id: 'clusters', type: 'circle', source: 'clusters',
    paint: {
      'circle-color': '#D55E00', 'circle-opacity': 0.85, 'circle-stroke-color': '#5a2600', 'circle-stroke-width': 1.5,
      'circle-radius': ['step', ['get', 'count'], 12, 10, 16, 100, 21, 1000, 26, 10000, 32],
    } });
}

export function setFeatures(map: MlMap, features: GeoFeature[]): void {
  (map.getSource('features') as GeoJSONSource | undefined)?.setData({ type: 'FeatureCollection', features: features as never });
}

export function setClusters(map: MlMap, clusters: Cluster[]): void {
  (map.getSource('clusters') as GeoJSONSource | undefined)?.setData({
    type: 'FeatureCollection',
    features: clusters.map((c, i) => ({ type: 'Feature', id: i, properties: { count: c.count, index: i }, geometry: { type: 'Point', coordinates: [c.lon, c.lat] } })),
  });
}

export const CLICKABLE = ['points', 'shape-fill', 'shape-line'];
