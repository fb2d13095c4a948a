// Country names on the offline basemap. Placement: boxes drawn by hand on a 100×100 viewport, the
// expected names read off the drawing. Label data: areas against the spherical-zone formula and the
// CIA World Factbook, label points and bounds against the countries' known geography.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Topology } from 'topojson-specification';
import { placeLabels, type Box, type Candidate } from '../../web/src/dataset/map/label-placement.ts';
import { countryLabels, labelPoint, polygonArea } from '../../web/src/dataset/map/country-labels.ts';
import { continuousPolygon, inWorld, polygonInWorld, unwrapPolygonRing, unwrapRing } from '../../web/src/dataset/map/antimeridian.ts';

const box = (left: number, top: number, right: number, bottom: number): Box => ({ left, top, right, bottom });
const VIEW = box(0, 0, 100, 100);
const ROOMY = box(0, 0, 100, 100);
const cand = (name: string, area: number, label: Box, room: Box = ROOMY): Candidate => ({ name, area, label, room });
const names = (cs: Candidate[]) => cs.map((c) => c.name);

describe('which names are placed', () => {
  it('shows a name only when it fits within its country\'s room, in both directions', () => {
    const label = box(10, 10, 30, 20); // 20 × 10
    expect(names(placeLabels([
      cand('roomy', 1, label, box(5, 5, 35, 25)), // room 30 × 20
      cand('exact', 1, box(40, 10, 60, 20), box(40, 10, 60, 20)), // room 20 × 10: just fits
      cand('narrow', 1, box(10, 40, 30, 50), box(12, 30, 30, 60)), // room 18 wide
      cand('flat', 1, box(10, 70, 30, 80), box(0, 71, 50, 79)), // room 8 high
    ], VIEW))).toEqual(['roomy', 'exact']);
  });

  it('keeps the bigger country when two names overlap, and any name that overlaps neither', () => {
    const small = cand('small', 10, box(10, 10, 30, 20));
    const big = cand('big', 20, box(25, 15, 45, 25)); // overlaps small over 25..30 × 15..20
    const apart = cand('apart', 5, box(50, 50, 60, 55));
    expect(names(placeLabels([small, big, apart], VIEW))).toEqual(['big', 'apart']);
  });

  it('is greedy: a name dropped for overlapping does not block the names it overlaps', () => {
    // a overlaps b, b overlaps c, a and c are 20 px apart.
    const a = cand('a', 30, box(0, 0, 30, 10));
    const b = cand('b', 20, box(25, 0, 55, 10));
    const c = cand('c', 10, box(50, 0, 80, 10));
    expect(names(placeLabels([c, b, a], VIEW))).toEqual(['a', 'c']);
  });

  it('keeps a gap between names: 1 px apart counts as touching with a 2 px gap, not with none', () => {
    const left = cand('left', 2, box(0, 0, 10, 10));
    const right = cand('right', 1, box(11, 0, 21, 10));
    expect(names(placeLabels([left, right], VIEW))).toEqual(['left']);
    expect(names(placeLabels([left, right], VIEW, [], 0))).toEqual(['left', 'right']);
    const touching = cand('touching', 1, box(10, 0, 20, 10)); // shares the edge x = 10 only
    expect(names(placeLabels([left, touching], VIEW, [], 0))).toEqual(['left', 'touching']);
  });

  it('shows only names wholly inside the viewport', () => {
    expect(names(placeLabels([
      cand('edge', 1, box(0, 0, 20, 10)),
      cand('cut-left', 1, box(-1, 20, 19, 30)),
      cand('cut-bottom', 1, box(40, 95, 60, 105)),
      cand('corner', 1, box(80, 90, 100, 100)),
    ], VIEW))).toEqual(['edge', 'corner']);
  });

  it('keeps names clear of obstacles (the map controls)', () => {
    const zoomButtons = box(90, 0, 100, 30);
    expect(names(placeLabels([
      cand('under', 50, box(70, 10, 95, 20)),
      cand('beside', 1, box(60, 40, 85, 50)),
    ], VIEW, [zoomButtons]))).toEqual(['beside']);
  });

  it('breaks ties of area by the order given', () => {
    const one = cand('one', 7, box(0, 0, 20, 10));
    const two = cand('two', 7, box(10, 0, 30, 10));
    expect(names(placeLabels([one, two], VIEW))).toEqual(['one']);
    expect(names(placeLabels([two, one], VIEW))).toEqual(['two']);
  });
});

const R = 6371.0088;
const RAD = Math.PI / 180;
/** Exact area of a lon/lat rectangle on the sphere: R² · Δλ · (sin φ₂ − sin φ₁). */
const zone = (dLon: number, lat1: number, lat2: number) => R * R * dLon * RAD * (Math.sin(lat2 * RAD) - Math.sin(lat1 * RAD));
const rect = (w: number, s: number, e: number, n: number) => [[[w, s], [e, s], [e, n], [w, n], [w, s]]];

describe('country label data', () => {
  it('measures areas on the sphere, holes removed', () => {
    expect(polygonArea(rect(0, 0, 1, 1)) / zone(1, 0, 1)).toBeCloseTo(1, 3);
    expect(polygonArea(rect(10, 40, 20, 50)) / zone(10, 40, 50)).toBeCloseTo(1, 2);
    const holed = [rect(0, 0, 4, 4)[0], rect(1, 1, 2, 2)[0]];
    expect(polygonArea(holed) / (zone(4, 0, 4) - zone(1, 1, 2))).toBeCloseTo(1, 2);
  });

  it('makes rings that cross the antimeridian continuous', () => {
    expect(unwrapRing([[179, 0], [-179, 0], [-179, 1], [179, 1], [179, 0]])).toEqual([[179, 0], [181, 0], [181, 1], [179, 1], [179, 0]]);
    expect(unwrapRing([[-179, 0], [179, 0], [179, 1], [-179, 1]])).toEqual([[-179, 0], [-181, 0], [-181, 1], [-179, 1]]);
    // …and, for drawing, back into the world whose westmost point is in [−180°, 180°).
    expect(inWorld(unwrapRing([[-179, 0], [179, 0], [179, 1], [-179, 1]]))).toEqual([[181, 0], [179, 0], [179, 1], [181, 1]]);
    expect(inWorld([[10, 0], [20, 0], [20, 1]])).toEqual([[10, 0], [20, 0], [20, 1]]);
  });

  it('closes a ring that circles a pole through that pole, as world-atlas draws Antarctica', () => {
    const cap = [[-180, -80], [-90, -80], [0, -80], [90, -80], [179, -80], [-180, -80]];
    expect(unwrapPolygonRing(cap)).toEqual([[-180, -80], [-90, -80], [0, -80], [90, -80], [179, -80], [180, -80], [180, -90], [-180, -90], [-180, -80]]);
    // Its area is the polar cap's: 2πR²(1 − sin 80°).
    expect(polygonArea([unwrapPolygonRing(cap)]) / (2 * Math.PI * R * R * (1 - Math.sin(80 * RAD)))).toBeCloseTo(1, 2);
    // A ring that does not go round the world is left as it is.
    expect(unwrapPolygonRing([[0, -80], [10, -80], [10, -70], [0, -80]])).toEqual([[0, -80], [10, -80], [10, -70], [0, -80]]);
  });

  it('drops a ring with no area on a plane (Antarctica\'s cut along the pole) and puts the largest ring first', () => {
    const cut = [[-180, -89.999], [90, -89.999], [0, -89.999], [-90, -89.999], [-180, -89.999]];
    const coast = [[-180, -70], [-90, -65], [0, -70], [90, -65], [179, -70], [-180, -70]];
    expect(continuousPolygon([cut, coast])).toEqual([[[-180, -70], [-90, -65], [0, -70], [90, -65], [179, -70], [180, -70], [180, -90], [-180, -90], [-180, -70]]]);
    const hole = [[1, 1], [2, 1], [2, 2], [1, 1]];
    const outer = [[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]];
    expect(continuousPolygon([hole, outer])).toEqual([outer, hole]);
    // Moved into the world as one: the hole goes with its outer ring.
    expect(polygonInWorld([[[179, 0], [181, 0], [181, 1]], [[180.5, 0.2], [180.6, 0.2], [180.6, 0.3]]])).toEqual([[[179, 0], [181, 0], [181, 1]], [[180.5, 0.2], [180.6, 0.2], [180.6, 0.3]]]);
    expect(polygonInWorld([[[-181, 0], [-179, 0], [-179, 1]], [[-180.5, 0.2], [-179.5, 0.2], [-179.5, 0.3]]])).toEqual([[[179, 0], [181, 0], [181, 1]], [[179.5, 0.2], [180.5, 0.2], [180.5, 0.3]]]);
  });

  it('puts the label point inside the polygon, even where its centre is not', () => {
    const [x, y] = labelPoint(rect(-1, -1, 1, 1));
    expect(Math.abs(x)).toBeLessThan(0.1);
    expect(Math.abs(y)).toBeLessThan(0.1);
    // A U: bottom bar [0,3]×[0,1] and arms [0,1]×[0,3], [2,3]×[0,3]; its bbox centre (1.5, 1.5) is in the gap.
    const [ux, uy] = labelPoint([[[0, 0], [3, 0], [3, 3], [2, 3], [2, 1], [1, 1], [1, 3], [0, 3], [0, 0]]]);
    const inU = (uy >= 0 && uy <= 1 && ux >= 0 && ux <= 3) || (ux >= 0 && ux <= 1 && uy <= 3) || (ux >= 2 && ux <= 3 && uy <= 3);
    expect(inU, `${ux},${uy}`).toBe(true);
  });

  const world = JSON.parse(readFileSync('node_modules/world-atlas/countries-50m.json', 'utf8')) as Topology;
  const labels = countryLabels(world);
  const of = (name: string) => labels.find((l) => l.name === name)!;

  it('names every country of world-atlas, biggest first', () => {
    const geometries = (world.objects.countries as unknown as { geometries: Array<{ properties: { name: string } }> }).geometries;
    expect(labels.map((l) => l.name).sort()).toEqual(geometries.map((g) => g.properties.name).sort());
    expect(labels[0].name).toBe('Russia');
    expect(labels.every((l, i) => i === 0 || labels[i - 1].area >= l.area)).toBe(true);
  });

  it('gives areas within 3% of the CIA World Factbook totals (Natural Earth 1:50m is generalised)', () => {
    const factbook: Record<string, number> = { Russia: 17_098_242, Brazil: 8_515_770, Australia: 7_741_220, Fiji: 18_274, France: 643_801 };
    for (const [name, km2] of Object.entries(factbook)) expect(Math.abs(of(name).area / km2 - 1), name).toBeLessThan(0.03);
  });

  it('labels the main landmass: metropolitan France, the contiguous United States, Viti Levu; Russia across 180°', () => {
    const within = (name: string, w: number, s: number, e: number, n: number) => {
      const l = of(name);
      expect(l.lon >= w && l.lon <= e && l.lat >= s && l.lat <= n, `${name} at ${l.lon},${l.lat}`).toBe(true);
    };
    within('France', -5, 42, 8, 51);
    within('United States of America', -125, 25, -67, 49);
    within('Fiji', 177.2, -18.3, 178.7, -17.3); // Viti Levu
    within('Russia', 40, 50, 140, 72);
    // Its mainland runs from the Baltic to Cape Dezhnev, 169.7° W: 190.3° east, past the antimeridian.
    expect(of('Russia').bounds[2]).toBeCloseTo(190.3, 0);
    expect(of('France').bounds[0]).toBeCloseTo(-4.8, 0); // Pointe de Corsen, 4.8° W
  });
});
