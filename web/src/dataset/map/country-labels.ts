// Where each country of the offline basemap can be named: the English name world-atlas gives, a
// point well inside its largest polygon (polylabel, worked out in Web Mercator as drawn), that
// polygon's bounds and the country's area. Pure: no DOM, no MapLibre; placement is elsewhere.
import polylabel from 'polylabel';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import type { Bounds } from './geo.ts';
import { continuousPolygon } from './antimeridian.ts';

export interface CountryLabel {
  name: string;
  /** The label point, inside the country's largest polygon. */
  lon: number;
  lat: number;
  /** Bounds of that largest polygon: the room the name has on screen. */
  bounds: Bounds;
  /** Area of the whole country in km² (all its polygons, holes removed). */
  area: number;
}

const EARTH_RADIUS_KM = 6371.0088;
const RAD = Math.PI / 180;
const MAX_LAT = 85.0511; // Web Mercator's edge

/** Planar area of a ring, any orientation. */
function shoelace(ring: Array<[number, number]>): number {
  let s = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) s += (ring[j][0] * ring[i][1]) - (ring[i][0] * ring[j][1]);
  return Math.abs(s) / 2;
}

/** Area in km² of a polygon on the sphere, through the sinusoidal projection (equal-area). */
export function polygonArea(rings: Position[][]): number {
  const areas = rings.map((r) => shoelace(r.map(([lon, lat]) => [lon * RAD * Math.cos(lat * RAD), lat * RAD])));
  return Math.max(0, areas[0] - areas.slice(1).reduce((a, b) => a + b, 0)) * EARTH_RADIUS_KM ** 2;
}

/** Web Mercator y in degree-like units, so that polylabel's precision means the same on both axes. */
const mercY = (lat: number) => Math.log(Math.tan(Math.PI / 4 + (Math.max(-MAX_LAT, Math.min(MAX_LAT, lat)) * RAD) / 2)) / RAD;
const unmercY = (y: number) => (2 * Math.atan(Math.exp(y * RAD)) - Math.PI / 2) / RAD;

/** The label point of a polygon: its pole of inaccessibility on the Mercator plane. */
export function labelPoint(rings: Position[][]): [number, number] {
  const projected = rings.map((r) => r.map(([lon, lat]) => [lon, mercY(lat)] as [number, number]));
  const [x, y] = polylabel(projected, 0.1);
  return [x, unmercY(y)];
}

function ringBounds(ring: Position[]): Bounds {
  let b: Bounds = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of ring) b = [Math.min(b[0], x), Math.min(b[1], y), Math.max(b[2], x), Math.max(b[3], y)];
  return b;
}

export function countryLabel(name: string, geometry: Polygon | MultiPolygon): CountryLabel | null {
  const raw = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const polygons = raw.map(continuousPolygon).filter((rings) => rings.length > 0);
  const areas = polygons.map(polygonArea);
  let main = -1;
  areas.forEach((a, i) => { if (polygons[i].length && (main < 0 || a > areas[main])) main = i; });
  if (main < 0) return null;
  const [x, lat] = labelPoint(polygons[main]);
  const b = ringBounds(polygons[main][0]);
  const wrap = 360 * Math.round(x / 360); // the label point back into [-180, 180], its bounds with it
  return { name, lon: x - wrap, lat, bounds: [b[0] - wrap, b[1], b[2] - wrap, b[3]], area: areas.reduce((a, b) => a + b, 0) };
}

/** Every named country of a world-atlas topology (objects.countries), biggest first. */
export function countryLabels(topology: Topology): CountryLabel[] {
  const countries = topology.objects.countries as GeometryCollection<{ name?: string }> | undefined;
  if (countries?.type !== 'GeometryCollection') return [];
  const fc = feature(topology, countries) as FeatureCollection<Polygon | MultiPolygon | null, { name?: string } | null>;
  const out: CountryLabel[] = [];
  for (const f of fc.features) {
    const name = f.properties?.name;
    if (!name || (f.geometry?.type !== 'Polygon' && f.geometry?.type !== 'MultiPolygon')) continue;
    const label = countryLabel(name, f.geometry);
    if (label) out.push(label);
  }
  return out.sort((a, b) => b.area - a.area);
}
