// Exact geometry for intersects / within / disjoint on geo_shape fields (issue 16): hand-made
// "countries" whose bounding boxes overlap, so a bbox test would answer wrongly, and expected answers
// worked out by hand (each noted below). Through the HTTP API: records with total_count, where and
// refine combined, group_by, facets, exports, and shape relations in access rules. Runs on both stores
// (vitest.postgres.config.ts takes test/http).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { closePortal, openPortal } from '../../src/server/portal.ts';
import type { AppContext } from '../../src/server/context.ts';
import { importDataset } from '../../src/ingest/index.ts';
import { compileRecords, exactShapes } from '../../src/plan/index.ts';
import { shapeReader } from '../../src/server/run-query.ts';

const API = '/api/explore/v2.1/catalog/datasets';
type Geo = Record<string, unknown> | null;
const poly = (...rings: number[][][]): Geo => ({ type: 'Polygon', coordinates: rings });
const square = (x0: number, y0: number, x1: number, y1: number) => [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]];

// A (west): an L of width 1 along the x and y axes, bbox 0..4 × 0..4.
// B (east): the square 1..4 × 1..4 nested in A's corner: its bbox lies inside A's, they share two edges.
// C: a triangle far east, (10,0) (12,0) (10,2): x ≥ 10, y ≥ 0, (x - 10) + y ≤ 2.
// D: an islet triangle inside B, (2,2) (3,2) (2,3): x + y ≤ 5.
// E: a point shape at (0.5, 0.5), inside A. F: no shape. G: two squares, 5..6 × 0..1 and 10.5..10.8 × 0.2..0.5 (inside C).
const FEATURES: Array<[string, string, number, Geo]> = [
  ['A', 'land', 7, poly([[0, 0], [4, 0], [4, 1], [1, 1], [1, 4], [0, 4], [0, 0]])],
  ['B', 'land', 9, poly(square(1, 1, 4, 4))],
  ['C', 'land', 2, poly([[10, 0], [12, 0], [10, 2], [10, 0]])],
  ['D', 'islet', 1, poly([[2, 2], [3, 2], [2, 3], [2, 2]])],
  ['E', 'point', 0, { type: 'Point', coordinates: [0.5, 0.5] }],
  ['F', 'none', 0, null],
  ['G', 'islet', 1, { type: 'MultiPolygon', coordinates: [[square(5, 0, 6, 1)], [square(10.5, 0.2, 10.8, 0.5)]] }],
];

/** A small box in B's far corner: inside A's bounding box, outside A's shape, and away from D (x + y ≥ 6). */
const BOX = "geom'POLYGON((3 3, 3.8 3, 3.8 3.8, 3 3.8, 3 3))'";
const A_SHAPE = "geom'POLYGON((0 0, 4 0, 4 1, 1 1, 1 4, 0 4, 0 0))'";
/** 0..5 square with a hole 1.5..3.5: D lies in the hole, B overlaps the ring, G's first square touches x = 5. */
const HOLED = "geom'POLYGON((0 0, 5 0, 5 5, 0 5, 0 0), (1.5 1.5, 3.5 1.5, 3.5 3.5, 1.5 3.5, 1.5 1.5))'";
const MULTI = "geom'MULTIPOLYGON(((10.6 0.3, 10.7 0.3, 10.7 0.4, 10.6 0.4, 10.6 0.3)), ((3 3, 3.5 3, 3.5 3.5, 3 3.5, 3 3)))'";

let ctx: AppContext; let app: FastifyInstance; let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'agora-exact-geo-'));
  const fc = { type: 'FeatureCollection', features: FEATURES.map(([name, kind, area, geometry]) => ({ type: 'Feature', properties: { name, kind, area }, geometry })) };
  writeFileSync(join(dir, 'lands.geojson'), JSON.stringify(fc));
  ctx = await openPortal({ inMemory: true, baseUrl: 'http://portal.test' });
  await importDataset(ctx.catalog, { source: join(dir, 'lands.geojson'), datasetId: 'lands', mode: 'create' });
  app = await buildApp(ctx, { web: false });
});
afterAll(async () => { await app?.close(); if (ctx) await closePortal(ctx); rmSync(dir, { recursive: true, force: true }); });

const get = async (path: string): Promise<Record<string, unknown> & { results: Array<Record<string, unknown>>; total_count: number }> => {
  const res = await app.inject({ url: `${API}/lands/${path}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
/** Names matching the where clauses (in name order) and the total_count the page reports. */
const names = async (...where: string[]): Promise<{ names: string[]; total: number }> => {
  const qs = where.map((w) => `where=${encodeURIComponent(w)}`).join('&');
  const body = await get(`records?select=name&order_by=name&limit=100&${qs}`);
  return { names: body.results.map((r) => String(r.name)), total: body.total_count };
};
const only = async (...where: string[]) => (await names(...where)).names;

describe('intersects, within, disjoint test the exact shapes', () => {
  it('a small box inside A\'s bounding box but outside its shape matches B only', async () => {
    expect(await names(`intersects(geo_shape, ${BOX})`)).toEqual({ names: ['B'], total: 1 });
    expect(await names(`within(geo_shape, ${BOX})`)).toEqual({ names: [], total: 0 });
    // disjoint: every record with a shape that does not intersect (F has none).
    expect(await names(`disjoint(geo_shape, ${BOX})`)).toEqual({ names: ['A', 'C', 'D', 'E', 'G'], total: 5 });
    expect(await only(`geometry(geo_shape, ${BOX}, INTERSECTS)`)).toEqual(['B']);
  });

  it('a point: the shapes containing it (A\'s bbox holds (3, 3), its shape does not)', async () => {
    expect(await only("intersects(geo_shape, geom'POINT(3 3)')")).toEqual(['B']);
    // A shape lies within a point only when it is that point.
    expect(await only("within(geo_shape, geom'POINT(0.5 0.5)')")).toEqual(['E']);
    expect(await only("within(geo_shape, geom'POINT(3 3)')")).toEqual([]);
    expect(await only("intersects(geo_shape, geom'POINT(0.5 0.5)')")).toEqual(['A', 'E']);
  });

  it('shared edges intersect; within needs the whole shape inside (boundary contact allowed)', async () => {
    expect(await only("intersects(geo_shape, geom'POLYGON((1 1, 4 1, 4 4, 1 4, 1 1))')")).toEqual(['A', 'B', 'D']);
    expect(await only("within(geo_shape, geom'POLYGON((1 1, 4 1, 4 4, 1 4, 1 1))')")).toEqual(['B', 'D']);
    // B's bbox lies inside A's, and B's corners are on A's boundary, yet B is not within A.
    expect(await only(`within(geo_shape, ${A_SHAPE})`)).toEqual(['A', 'E']);
  });

  it('holes and multipolygons', async () => {
    expect(await only(`within(geo_shape, ${HOLED})`)).toEqual(['A', 'E']);
    expect(await only(`intersects(geo_shape, ${HOLED})`)).toEqual(['A', 'B', 'E', 'G']);
    expect(await only(`disjoint(geo_shape, ${HOLED})`)).toEqual(['C', 'D']);
    expect(await only(`intersects(geo_shape, ${MULTI})`)).toEqual(['B', 'C', 'G']);
    expect(await only(`within(geo_shape, ${MULTI})`)).toEqual([]);
  });

  it('combined with other clauses, NOT, OR, refine and several where parameters', async () => {
    expect(await names(`intersects(geo_shape, ${HOLED}) and kind = "land"`)).toEqual({ names: ['A', 'B'], total: 2 });
    expect(await only(`not intersects(geo_shape, ${HOLED})`)).toEqual(['C', 'D', 'F']);
    expect(await only(`within(geo_shape, ${BOX}) or within(geo_shape, ${A_SHAPE})`)).toEqual(['A', 'E']);
    expect(await only(`intersects(geo_shape, ${MULTI})`, 'area > 1')).toEqual(['B', 'C']);
    const refined = await get(`records?select=name&order_by=name&where=${encodeURIComponent(`disjoint(geo_shape, ${BOX})`)}&refine=kind:islet`);
    expect(refined.results.map((r) => r.name)).toEqual(['D', 'G']);
    expect(refined.total_count).toBe(2);
  });

  it('paging keeps the exact total', async () => {
    const body = await get(`records?select=name&order_by=name&limit=2&offset=1&where=${encodeURIComponent(`disjoint(geo_shape, ${BOX})`)}`);
    expect(body.results.map((r) => r.name)).toEqual(['C', 'D']);
    expect(body.total_count).toBe(5);
  });
});

describe('aggregations, facets and exports read the same exact answer', () => {
  it('group_by and aggregates', async () => {
    const body = await get(`records?select=${encodeURIComponent('kind, count(*) as n, sum(area) as area')}&group_by=kind&order_by=kind&where=${encodeURIComponent(`intersects(geo_shape, ${HOLED})`)}`);
    expect(body.results).toEqual([{ kind: 'islet', n: 1, area: 1 }, { kind: 'land', n: 2, area: 16 }, { kind: 'point', n: 1, area: 0 }]);
    expect(body.total_count).toBe(3);
    const all = await get(`records?select=count(*) as n&where=${encodeURIComponent(`disjoint(geo_shape, ${HOLED})`)}`);
    expect(all.results).toEqual([{ n: 2 }]);
  });

  it('facets', async () => {
    const body = await get(`facets?facet=kind&where=${encodeURIComponent(`intersects(geo_shape, ${HOLED})`)}`) as unknown as { facets: Array<{ name: string; facets: Array<{ value: string; count: number }> }> };
    const kind = body.facets.find((f) => f.name === 'kind')!.facets.map((v) => [v.value, v.count]);
    expect(kind).toEqual([['land', 2], ['islet', 1], ['point', 1]]);
  });

  it('csv and geojson exports', async () => {
    const csv = await app.inject({ url: `${API}/lands/exports/csv?select=name&order_by=name&where=${encodeURIComponent(`intersects(geo_shape, ${HOLED})`)}` });
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.body.trim().split(/\r?\n/)).toEqual(['name', 'A', 'B', 'E', 'G']);
    // Stored order, no order_by: the chunked export path.
    const chunked = await app.inject({ url: `${API}/lands/exports/csv?select=name&where=${encodeURIComponent(`disjoint(geo_shape, ${BOX})`)}` });
    expect(chunked.body.trim().split(/\r?\n/).slice(1).sort()).toEqual(['A', 'C', 'D', 'E', 'G']);
    const geo = await app.inject({ url: `${API}/lands/exports/geojson?where=${encodeURIComponent(`within(geo_shape, ${A_SHAPE})`)}` });
    expect(geo.statusCode, geo.body).toBe(200);
    const fc = geo.json() as { features: Array<{ properties: { name: string }; geometry: { type: string } }> };
    expect(fc.features.map((f) => f.properties.name).sort()).toEqual(['A', 'E']);
    expect(fc.features.map((f) => f.geometry.type).sort()).toEqual(['Point', 'Polygon']);
  });
});

describe('the exact step', () => {
  it('without it (compile-only checks), the plan falls back to the bounding boxes, which wrongly keep A (and D, whose box has (3, 3) as a corner)', async () => {
    const ds = ctx.catalog.get('lands');
    const c = compileRecords(ds, { select: 'name', where: ["intersects(geo_shape, geom'POINT(3 3)')"], refine: [], exclude: [], order_by: 'name' }, { mode: 'export', access: {}, dialect: ctx.dialect });
    expect((await ctx.backend.query(c.records.sql, c.records.params)).map((r) => r.name)).toEqual(['A', 'B', 'D']);
  });

  it('answers shape relations in the access rules too, which still apply in the main query', async () => {
    const ds = ctx.catalog.get('lands');
    const run = async (filterQuery: string, where: string) => {
      const q = { select: 'name', where: [where], refine: [], exclude: [], order_by: 'name' };
      const access = { filterQuery };
      const exact = await exactShapes(ds, q, { mode: 'export', access }, shapeReader(ctx, ds));
      const c = compileRecords(ds, q, { mode: 'export', access, dialect: ctx.dialect, exact });
      return (await ctx.backend.query(c.records.sql, c.records.params)).map((r) => r.name);
    };
    expect(await run('kind != "point"', `intersects(geo_shape, ${HOLED})`)).toEqual(['A', 'B', 'G']);
    expect(await run(`intersects(geo_shape, ${BOX})`, 'kind = "land"')).toEqual(['B']);
    expect(await run(`disjoint(geo_shape, ${BOX})`, `within(geo_shape, ${A_SHAPE})`)).toEqual(['A', 'E']);
  });

  it('remembers answers per data version: a repeated query does not read the candidates again', async () => {
    const where = `intersects(geo_shape, geom'POLYGON((0 0, 0.9 0, 0.9 0.9, 0 0.9, 0 0))')`;
    const reads: string[] = [];
    const query = ctx.backend.query.bind(ctx.backend);
    ctx.backend.query = async (sql, params) => { reads.push(sql); return query(sql, params); };
    try {
      expect(await only(where)).toEqual(['A', 'E']);
      const first = reads.filter((s) => s.includes('AS "shape"')).length;
      expect(await only(where, 'area >= 0')).toEqual(['A', 'E']);
      expect(first).toBe(1);
      expect(reads.filter((s) => s.includes('AS "shape"')).length).toBe(1);
    } finally {
      ctx.backend.query = query;
    }
  });
});
