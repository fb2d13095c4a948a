// The offline basemap: a light MapLibre style (water, land, coastlines, country borders) built
// from world-atlas TopoJSON (Natural Earth) with topojson-client, continuous across the
// antimeridian (antimeridian.ts). Pure: no fetch, no DOM.
import type { StyleSpecification } from 'maplibre-gl';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { Feature, FeatureCollection, MultiLineString, MultiPolygon, Polygon } from 'geojson';
import { continuousPolygon, inWorld, polygonInWorld, unwrapRing } from './antimeridian.ts';

export const OFFLINE_ATTRIBUTION = '<a href="https://www.naturalearthdata.com/">Natural Earth</a> via world-atlas';

export const OFFLINE_COLOURS = { water: '#d4e6f1', land: '#f6f4ee', coast: '#8fa9bd', border: '#b8aea0' } as const;

/** Source and layer ids of the offline basemap (data layers are drawn above them). */
export const OFFLINE_IDS = { source: 'world', layers: ['water', 'land', 'coastline', 'borders'] } as const;

type WorldTopology = Topology<{ countries: GeometryCollection; land: GeometryCollection }>;

function isWorld(t: Topology): t is WorldTopology {
  return t.objects.countries?.type === 'GeometryCollection' && t.objects.land?.type === 'GeometryCollection';
}

/** Polygons and lines with their antimeridian steps removed (else each fills or strokes a band round the world). */
function continuousPolygons(g: Polygon | MultiPolygon): MultiPolygon {
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  return { type: 'MultiPolygon', coordinates: polygons.map(continuousPolygon).filter((rings) => rings.length > 0).map(polygonInWorld) };
}
const continuousLines = (g: MultiLineString): MultiLineString => ({ type: 'MultiLineString', coordinates: g.coordinates.map((l) => inWorld(unwrapRing(l))) });

/** Land (filled), coastlines (land outlines) and borders (arcs shared by two countries) as GeoJSON. */
export function worldFeatures(topology: Topology): FeatureCollection {
  if (!isWorld(topology)) throw new Error('world-atlas topology: expected objects "countries" and "land"');
  const land = feature(topology, topology.objects.land) as FeatureCollection<Polygon | MultiPolygon>;
  const coast = mesh(topology, topology.objects.land);
  const borders = mesh(topology, topology.objects.countries, (a, b) => a !== b);
  const lands: Feature[] = land.features.map((f) => ({ type: 'Feature', properties: { kind: 'land' }, geometry: continuousPolygons(f.geometry) }));
  return {
    type: 'FeatureCollection',
    features: [
      ...lands,
      { type: 'Feature', properties: { kind: 'coastline' }, geometry: continuousLines(coast) },
      { type: 'Feature', properties: { kind: 'border' }, geometry: continuousLines(borders) },
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
