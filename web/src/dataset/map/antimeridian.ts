// Rings and lines of world-atlas that cross the antimeridian jump from +180° to −180° in one step;
// drawn or measured as they are, that step spans the whole world. Made continuous here; a ring that
// circles a pole is closed through that pole, and Antarctica's cut (a ring along the pole, no area
// on a plane) is dropped. Pure.
import type { Position } from 'geojson';

type Point = [number, number];

/** The same points with longitudes made continuous (they may pass ±180): no step wider than 180°. */
export function unwrapRing(ring: Position[]): Point[] {
  const out: Point[] = [];
  let shift = 0;
  for (const [lon, lat] of ring) {
    const prev = out.length ? out[out.length - 1][0] : lon;
    while (lon + shift - prev > 180) shift -= 360;
    while (lon + shift - prev < -180) shift += 360;
    out.push([lon + shift, lat]);
  }
  return out;
}

/** unwrapRing for a polygon's ring; one that goes once round the world ends a turn from where it
 *  started, and is closed along the pole on its side. */
export function unwrapPolygonRing(ring: Position[]): Point[] {
  const out = unwrapRing(ring);
  if (out.length < 3) return out;
  const first = out[0];
  const last = out[out.length - 1];
  if (Math.abs(last[0] - first[0]) < 180) return out;
  const pole = out.reduce((s, p) => s + p[1], 0) < 0 ? -90 : 90;
  return [...out, [last[0], pole], [first[0], pole], first];
}

const turnOf = (points: Point[]) => 360 * Math.floor((Math.min(...points.map((p) => p[0])) + 180) / 360);
const moved = (points: Point[], turn: number): Point[] => (turn ? points.map(([lon, lat]) => [lon - turn, lat]) : points);

/** Moved by whole turns so that the westmost point lies in [−180°, 180°). */
export function inWorld(points: Point[]): Point[] {
  return moved(points, turnOf(points));
}

/** A polygon moved as one (its holes with it) so that its outer ring's westmost point lies in [−180°, 180°). */
export function polygonInWorld(rings: Point[][]): Point[][] {
  const turn = rings.length ? turnOf(rings[0]) : 0;
  return rings.map((r) => moved(r, turn));
}

/** Twice the planar signed area of a ring, in square degrees. */
function planarArea2(ring: Point[]): number {
  let s = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) s += ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
  return s;
}

/** A polygon's rings made continuous, without rings of no planar area (measured before any closing
 *  through a pole), its largest ring first (the outer one on a plane). */
export function continuousPolygon(rings: Position[][]): Point[][] {
  const kept = rings.filter((r) => Math.abs(planarArea2(unwrapRing(r))) > 1e-9).map(unwrapPolygonRing);
  const areas = kept.map((r) => Math.abs(planarArea2(r)));
  const outer = areas.reduce((best, a, i) => (a > areas[best] ? i : best), 0);
  return kept.length ? [kept[outer], ...kept.filter((_, i) => i !== outer)] : [];
}
