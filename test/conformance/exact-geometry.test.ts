// Exact geometry (issue 16) on real shapes: the world countries (110m) and the London boroughs from
// ../shared/data, imported through the ingestion and queried over HTTP. The expected answers come from
// turf run directly over the source GeoJSON files, independently of Agora's ingestion, bbox
// candidates, SQL and record-id sets; each query is also checked to differ from what bounding boxes
// alone would give, so the test would catch a return to the approximation.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { booleanIntersects } from '@turf/boolean-intersects';
import { booleanWithin } from '@turf/boolean-within';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDataset } from '../../src/ingest/index.ts';
import { buildApp } from '../../src/server/app.ts';
import type { AppContext } from '../../src/server/context.ts';
import { closePortal, openPortal } from '../../src/server/portal.ts';
import { DATA } from './shared.ts';

const API = '/api/explore/v2.1/catalog/datasets';
type G = Parameters<typeof booleanWithin>[0];
interface Feature { properties: { name?: string }; geometry: G & { coordinates: unknown } }
const COUNTRIES = join(DATA, 'world-countries-110m.geojson');
const BOROUGHS = join(DATA, 'london-boroughs.geojson');
const countries = (JSON.parse(readFileSync(COUNTRIES, 'utf8')) as { features: Feature[] }).features;
const boroughs = (JSON.parse(readFileSync(BOROUGHS, 'utf8')) as { features: Feature[] }).features;

const rect = (x0: number, y0: number, x1: number, y1: number) => ({ type: 'Polygon' as const, coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] });
const wkt = (g: { type: string; coordinates: unknown }): string => (g.type === 'Point'
  ? `POINT(${(g.coordinates as number[]).join(' ')})`
  : `POLYGON(${(g.coordinates as number[][][]).map((r) => `(${r.map((p) => p.join(' ')).join(', ')})`).join(', ')})`);

function bboxOf(g: unknown): [number, number, number, number] {
  const ps: number[][] = [];
  const walk = (c: unknown): void => { if (typeof (c as number[])[0] === 'number') ps.push(c as number[]); else (c as unknown[]).forEach(walk); };
  walk((g as { coordinates: unknown }).coordinates);
  return [Math.min(...ps.map((p) => p[0])), Math.min(...ps.map((p) => p[1])), Math.max(...ps.map((p) => p[0])), Math.max(...ps.map((p) => p[1]))];
}
const boxesOverlap = (a: number[], b: number[]) => a[2] >= b[0] && a[0] <= b[2] && a[3] >= b[1] && a[1] <= b[3];

/** Positions (1-based, the record ids of a fresh import) of the features turf keeps. */
const expected = (fs: Feature[], keep: (f: Feature) => boolean) => fs.map((f, i) => (f.geometry && keep(f) ? i + 1 : 0)).filter((i) => i > 0);

// Query geometries: a box over the Alps, a small box in northern Chile (inside Argentina's bounding
// box, not its shape), a point in Paris, a triangle over southern Africa; for London, a box over the centre.
const QUERIES = {
  alps: rect(5, 45, 15, 48.5),
  chile: rect(-71, -30, -70.6, -29.6),
  paris: { type: 'Point' as const, coordinates: [2.35, 48.85] },
  africa: { type: 'Polygon' as const, coordinates: [[[15, -35], [35, -35], [25, -15], [15, -35]]] },
};
const CENTRAL_LONDON = rect(-0.15, 51.49, -0.07, 51.53);

let ctx: AppContext; let app: FastifyInstance;
beforeAll(async () => {
  ctx = await openPortal({ inMemory: true, baseUrl: 'http://portal.test' });
  await importDataset(ctx.catalog, { source: COUNTRIES, datasetId: 'countries', mode: 'create' });
  await importDataset(ctx.catalog, { source: BOROUGHS, datasetId: 'boroughs', mode: 'create' });
  app = await buildApp(ctx, { web: false });
});
afterAll(async () => { await app?.close(); if (ctx) await closePortal(ctx); });

const get = async (url: string) => {
  const res = await app.inject({ url });
  expect(res.statusCode, res.body).toBe(200);
  return res;
};
/** Record ids (via include_app_metas) and total_count of a where clause. */
async function ids(dataset: string, ...where: string[]): Promise<{ ids: number[]; total: number }> {
  const qs = where.map((w) => `where=${encodeURIComponent(w)}`).join('&');
  const body = (await get(`${API}/${dataset}/records?select=geo_shape&include_app_metas=true&limit=100&${qs}`)).json() as { total_count: number; results: Array<{ _id: string }> };
  return { ids: body.results.map((r) => Number(r._id)).sort((a, b) => a - b), total: body.total_count };
}

describe('world countries: every answer equals turf over the source file', () => {
  for (const [label, g] of Object.entries(QUERIES)) {
    it(`intersects, within, disjoint: ${label}`, async () => {
      const intersecting = expected(countries, (f) => booleanIntersects(f.geometry, g as G));
      const inside = g.type === 'Point' ? [] : expected(countries, (f) => booleanWithin(f.geometry, g as G));
      const disjoint = expected(countries, (f) => !booleanIntersects(f.geometry, g as G));
      const byBox = expected(countries, (f) => boxesOverlap(bboxOf(f.geometry), bboxOf(g)));
      expect(intersecting.length).toBeGreaterThan(0);
      expect(byBox).not.toEqual(intersecting);
      const geom = `geom'${wkt(g)}'`;
      expect(await ids('countries', `intersects(geo_shape, ${geom})`)).toEqual({ ids: intersecting, total: intersecting.length });
      if (g.type !== 'Point') expect(await ids('countries', `within(geo_shape, ${geom})`)).toEqual({ ids: inside, total: inside.length });
      const dis = await ids('countries', `disjoint(geo_shape, ${geom})`);
      expect(dis.total).toBe(disjoint.length);
      expect(dis.ids).toEqual(disjoint.slice(0, 100));
    });
  }

  it('combined with another condition, with counts, group_by and an export', async () => {
    const g = QUERIES.alps;
    const geom = `geom'${wkt(g)}'`;
    const named = countries.map((f, i) => ({ name: f.properties.name!, id: i + 1, f }));
    const hits = named.filter((c) => booleanIntersects(c.f.geometry, g as G));
    const notStartingWithA = hits.filter((c) => !c.name.startsWith('A'));
    expect(await ids('countries', `intersects(geo_shape, ${geom})`, 'not startswith(name, "A")')).toEqual({ ids: notStartingWithA.map((c) => c.id), total: notStartingWithA.length });
    const agg = (await get(`${API}/countries/records?select=count(*) as n&where=${encodeURIComponent(`within(geo_shape, ${geom}) or name = "France"`)}`)).json();
    const expectedN = named.filter((c) => c.name === 'France' || booleanWithin(c.f.geometry, g as G)).length;
    expect(agg.results).toEqual([{ n: expectedN }]);
    const grouped = (await get(`${API}/countries/records?select=name, count(*) as n&group_by=name&order_by=name&limit=100&where=${encodeURIComponent(`intersects(geo_shape, ${geom})`)}`)).json();
    const names = [...new Set(hits.map((c) => c.name))].sort();
    expect(grouped.total_count).toBe(names.length);
    expect(grouped.results.map((r: { name: string }) => r.name).sort()).toEqual(names);
    const csv = (await get(`${API}/countries/exports/csv?select=name&where=${encodeURIComponent(`intersects(geo_shape, ${geom})`)}`)).body;
    expect(csv.trim().split(/\r?\n/).slice(1).map((s) => s.replace(/^"|"$/g, '')).sort()).toEqual(hits.map((c) => c.name).sort());
  });
});

describe('London boroughs', () => {
  it('intersects, within, disjoint over central London equal turf', async () => {
    const g = CENTRAL_LONDON as G;
    const geom = `geom'${wkt(CENTRAL_LONDON)}'`;
    const intersecting = expected(boroughs, (f) => booleanIntersects(f.geometry, g));
    const byBox = expected(boroughs, (f) => boxesOverlap(bboxOf(f.geometry), bboxOf(CENTRAL_LONDON)));
    expect(byBox).not.toEqual(intersecting);
    expect(await ids('boroughs', `intersects(geo_shape, ${geom})`)).toEqual({ ids: intersecting, total: intersecting.length });
    const disjoint = expected(boroughs, (f) => !booleanIntersects(f.geometry, g));
    expect(await ids('boroughs', `disjoint(geo_shape, ${geom})`)).toEqual({ ids: disjoint, total: disjoint.length });
    // A borough's own outline: it is within itself, its neighbours only touch it.
    const first = boroughs.findIndex((f) => f.geometry.type === 'Polygon');
    const own = `geom'${JSON.stringify(boroughs[first].geometry)}'`;
    const inside = expected(boroughs, (f) => booleanWithin(f.geometry, boroughs[first].geometry));
    expect(inside).toContain(first + 1);
    expect(await ids('boroughs', `within(geo_shape, ${own})`)).toEqual({ ids: inside, total: inside.length });
  });
});
