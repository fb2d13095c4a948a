// The offline basemap: a light MapLibre style (water, land, coastlines, country borders) built
// from world-atlas TopoJSON (Natural Earth) with topojson-client. Pure: no fetch, no DOM.
import type { StyleSpecification } from 'maplibre-gl';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { FeatureCollection } from 'geojson';

export const OFFLINE_ATTRIBUTION = '<a href="https://www.naturalearthdata.com/">Natural Earth</a> via world-atlas';

export const OFFLINE_COLOURS = { water: '#d4e6f1', land: '#f6f4ee', coast: '#8fa9bd', border: '#b8aea0' } as const;

/** Source and layer ids of the offline basemap (data layers are drawn above them). */
export const OFFLINE_IDS = { source: 'world', layers: ['water', 'land', 'coastline', 'borders'] } as const;

type WorldTopology = Topology<{ countries: GeometryCollection; land: GeometryCollection }>;

function isWorld(t: Topology): t is WorldTopology {
  return t.objects.countries?.type === 'GeometryCollection' && t.objects.land?.type === 'GeometryCollection';
}

/** Land (filled), coastlines (land outlines) and borders (arcs shared by two countries) as GeoJSON. */
export function worldFeatures(topology: Topology): FeatureCollection {
  if (!isWorld(topology)) throw new Error('world-atlas topology: expected objects "countries" and "land"');
  const land = feature(topology, topology.objects.land) as FeatureCollection;
  const coast = mesh(topology, topology.objects.land);
  const borders = mesh(topology, topology.objects.countries, (a, b) => a !== b);
  return {
    type: 'FeatureCollection',
    features: [
      ...land.features.map((f) => ({ ...f, properties: { kind: 'land' } })),
      { type: 'Feature', properties: { kind: 'coastline' }, geometry: coast },
      { type: 'Feature', properties: { kind: 'border' }, geometry: borders },
    ],
  };
}

export function offlineStyle(topology: Topology): StyleSpecification {
  const kind = (k: string) => ['==', ['get', 'kind'], k] as ['==', ['get', string], string];
  const c = OFFLINE_COLOURS;
  return {
    version: 8,
    sources: { [OFFLINE_IDS.source]: { type: 'geojson', data: worldFeatures(topology), attribution: OFFLINE_ATTRIBUTION, tolerance: 0.2 } },
    layers: [
      { id: 'water', type: 'background', paint: { 'background-color': c.water } },
      { id: 'land', type: 'fill', source: 'world', filter: kind('land'), paint: { 'fill-color': c.land } },
      { id: 'coastline', type: 'line', source: 'world', filter: kind('coastline'), paint: { 'line-color': c.coast, 'line-width': ['interpolate', ['linear'], ['zoom'], 1, 0.6, 8, 1.4] } },
      { id: 'borders', type: 'line', source: 'world', filter: kind('border'),
        paint: { 'line-color': c.border, 'line-width': ['interpolate', ['linear'], ['zoom'], 1, 0.5, 8, 1.2], 'line-dasharray': [3, 2] } },
    ],
  };
}
