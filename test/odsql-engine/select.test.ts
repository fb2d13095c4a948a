// select expressions and scalar functions (reference examples where the reference gives them),
// records paging with the trailing _rid, record by id, facets and envelope(), run on DuckDB.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileRecordById, compileRecords, duckdbDialect } from '../../src/plan/index.ts';
import type { DuckDBBackend } from '../../src/storage/duckdb/index.ts';
import { dataset, openFixture, ROWS } from './fixture.ts';
import { NOW, runner } from './helpers.ts';

let db: DuckDBBackend;
let r: ReturnType<typeof runner>;
beforeAll(async () => { db = await openFixture(); r = runner(db); });
afterAll(async () => { await db.close(); });

const one = async (select: string, over: Record<string, unknown> = {}) => (await r.records({ select, where: ['name = "Tilleul du Louvre"'], ...over })).rows[0];

describe('select', () => {
  it('select * returns every visible field in catalog order, geo points as {lon, lat}', async () => {
    const got = await r.records({ where: ['age = 35'] });
    expect(Object.keys(got.rows[0])).toEqual(dataset().fields.map((f) => f.name));
    expect(got.rows[0].geo).toEqual({ lon: 2.3376, lat: 48.8606 });
    expect(got.rows[0].planted).toEqual(new Date('1986-05-20T00:00:00Z'));
    expect(got.rows[0].measured).toEqual(new Date('2021-10-15T12:00:00Z'));
    expect(JSON.parse(got.rows[0].shape as string)).toEqual({ type: 'Point', coordinates: [2.3376, 48.8606] });
    expect(got.rows[0].tags).toEqual([]);
  });

  it('records mode adds a trailing _rid and orders by it by default', async () => {
    const got = await r.records({ select: 'name', limit: 3, offset: 2 }, { mode: 'records' });
    expect(got.rows).toEqual(ROWS.slice(2, 5).map((x, i) => ({ name: x.name, _rid: i + 3 })));
    expect(got.columns.at(-1)).toEqual({ name: '_rid', type: 'int' });
    expect(got.total).toBe(10);
  });

  it('labels, arithmetic, include/exclude with wildcards', async () => {
    expect(await one('height * 2 + 1 as h, age / 10 as a, age % 7 as m, -height as n, age / 0 as z')).toEqual({ h: 25.5, a: 3.5, m: 0, n: -12.25, z: null });
    expect(Object.keys(await one('include(s*), exclude(secret)'))).toEqual(['species', 'shape']);
    expect(Object.keys(await one('exclude(s*, geo, name)'))).toEqual(['city', 'height', 'age', 'planted', 'measured', 'public', 'tags', 'date', 'info']);
    expect(await one('"hello" as greeting, 3 as three')).toEqual({ greeting: 'hello', three: 3 });
  });

  it('text, math and null functions', async () => {
    expect(await one('length(name) as l, lower(city) as lo, upper(species) as up')).toEqual({ l: 17, lo: 'paris', up: 'TILIA' });
    expect(await one('abs(-height) as a, round(height, 1) as r1, round(height) as r0, floor(height) as f, ceil(height) as c')).toEqual({ a: 12.25, r1: 12.3, r0: 12, f: 12, c: 13 });
    expect((await r.records({ select: 'ifnull(species, "unknown") as s', where: ['age is null'] })).rows).toEqual([{ s: 'unknown' }]);
    expect((await r.records({ select: 'count(distinct ifnull(species, "unknown")) as n' })).rows).toEqual([{ n: 8 }]);
  });

  it('json_format: compact valid JSON, fallback otherwise', async () => {
    expect(await one('json_format(info) as j, json_format(name) as k, json_format(name, "bad json") as f, json_format(name, null) as n')).toEqual({
      j: '{"a":[1,2]}', k: 'Tilleul du Louvre', f: 'bad json', n: null,
    });
  });

  it('date functions return integers in the request time zone', async () => {
    // measured = 2021-10-15T12:00Z = 14:00 in Paris, a Friday in Q4
    expect(await one('year(measured) as y, month(measured) as m, day(measured) as d, hour(measured) as h, minute(measured) as mi, second(measured) as s, quarter(measured) as q, dayofweek(measured) as w, millisecond(measured) as ms', { timezone: 'Europe/Paris' }))
      .toEqual({ y: 2021, m: 10, d: 15, h: 14, mi: 0, s: 0, q: 4, w: 5, ms: 0 });
  });

  it('date_format: the reference examples for 2007-11-20T01:23:45 (lang fr by default)', async () => {
    const d = "date'2007-11-20T01:23:45'";
    expect(await one(`date_format(${d}, 'dd/MM/YYYY') as a, date_format(${d}, "'The date is 'dd/MM/YYYY") as b, date_format(${d}, "'The date is '''dd/MM/YYYY''") as c`)).toEqual({
      a: '20/11/2007', b: 'The date is 20/11/2007', c: "The date is '20/11/2007'",
    });
    expect(await one(`date_format(${d}, 'E') as e, date_format(${d}, 'EEEE') as f, date_format(${d}, 'H') as g, date_format(${d}, 'HH') as h, date_format(${d}, 'yy') as i, date_format(${d}, 'yyyy') as j, date_format(${d}, 'M') as k, date_format(${d}, 'MM') as l`))
      .toEqual({ e: 'mar.', f: 'mardi', g: '1', h: '01', i: '07', j: '2007', k: '11', l: '11' });
    expect(await one(`date_format(${d}, 'EEEE d MMMM') as x`, { lang: 'en' })).toEqual({ x: 'Tuesday 20 November' });
    expect(await one(`date_format(${d}, 'D DDD e w ww xxxx m mm s ss') as x`)).toEqual({ x: '324 324 2 47 47 2007 23 23 45 45' });
  });

  it('now() in select is the pinned instant', async () => {
    expect(await one('now() as n, now(years=-1, day=1) as m')).toEqual({ n: new Date(NOW), m: new Date('2020-10-01T12:00:00Z') });
  });

  it('order_by fields, expressions, labels, legacy -field, nulls last both ways', async () => {
    const asc = await r.records({ select: 'name, height', order_by: 'height' });
    const desc = await r.records({ select: 'name, height as h', order_by: 'h desc' });
    const legacy = await r.records({ select: 'name, height', order_by: '-height' });
    const want = await r.sql('SELECT name, height FROM rec_trees ORDER BY height NULLS LAST, _rid');
    const wantDesc = await r.sql('SELECT name, height AS h FROM rec_trees ORDER BY height DESC NULLS LAST, _rid');
    expect(asc.rows).toEqual(want);
    expect(desc.rows).toEqual(wantDesc);
    expect(legacy.rows.map((x) => x.name)).toEqual(wantDesc.map((x) => x.name));
    expect(asc.rows.at(-1)!.height).toBeNull();
    expect(desc.rows.at(-1)!.h).toBeNull();
    const byExpr = await r.records({ select: 'name', order_by: 'length(name) desc, name' });
    expect(byExpr.rows).toEqual(await r.sql('SELECT name FROM rec_trees ORDER BY length(name) DESC, name'));
  });

  it('random(seed) is stable per seed for records', async () => {
    const a = await r.records({ select: 'name', order_by: 'random(5)' });
    const b = await r.records({ select: 'name', order_by: 'random(5)' });
    expect(a.rows).toEqual(b.rows);
    expect(a.rows.map((x) => x.name)).not.toEqual(ROWS.map((x) => x.name));
  });

  it('envelope() is the convex hull of the points; bbox() their extent', async () => {
    const got = await r.records({ select: 'envelope(geo) as hull, bbox(geo) as box' });
    const hull = JSON.parse(got.rows[0].hull as string);
    const points = ROWS.filter((x) => x.geo).map((x) => x.geo!);
    const want = convexHull(points);
    expect(hull.type).toBe('Polygon');
    const ring: number[][] = hull.coordinates[0];
    expect(ring[0]).toEqual(ring[ring.length - 1]);
    expect(new Set(ring.slice(0, -1).map((p) => p.join(',')))).toEqual(new Set(want.map((p) => p.join(','))));
    expect(JSON.parse(got.rows[0].box as string)).toEqual({ type: 'Polygon', coordinates: [[[2.2945, 43.2965], [7.262, 43.2965], [7.262, 48.8606], [2.2945, 48.8606], [2.2945, 43.2965]]] });
    const grouped = await r.records({ select: 'envelope(geo) as hull', group_by: 'city', where: ['city = "Nice"'] });
    expect(JSON.parse(grouped.rows[0].hull as string).coordinates[0]).toEqual([[7.262, 43.7102], [7.262, 43.7102]]);
  });
});

describe('record by id', () => {
  it('returns the record with select and access rules, nothing for unknown or malformed ids', async () => {
    const o = { mode: 'records' as const, access: {}, dialect: duckdbDialect, now: NOW };
    const q = compileRecordById(dataset(), '5', { select: 'name, city' }, o);
    expect(await db.query(q.sql, q.params)).toEqual([{ name: 'Platane de la Place Bellecour', city: 'Lyon' }]);
    for (const id of ['11', 'abc', "5' OR '1'='1", '-1', '']) {
      const z = compileRecordById(dataset(), id, {}, o);
      expect(await db.query(z.sql, z.params)).toEqual([]);
    }
    const hidden = compileRecordById(dataset(), '5', {}, { ...o, access: { filterQuery: 'city = "Paris"' } });
    expect(await db.query(hidden.sql, hidden.params)).toEqual([]);
    const few = compileRecordById(dataset(), '1', {}, { ...o, access: { visibleFields: ['name'] } });
    expect(await db.query(few.sql, few.params)).toEqual([{ name: ROWS[0].name }]);
  });
});

describe('facets', () => {
  it('value facets count each value, sorted by count then value, under where', async () => {
    const got = await r.facets(['city', 'species', 'public', 'age'], { where: ['height > 10'] });
    const want = await r.sql('SELECT city AS v, count(*) AS n FROM rec_trees WHERE height > 10 AND city IS NOT NULL GROUP BY city ORDER BY n DESC, v');
    expect(got.city.map((x) => [x.value, x.count])).toEqual(want.map((x) => [x.v, x.n]));
    expect(got.city.every((x) => x.state === 'displayed' && x.name === x.value)).toBe(true);
    expect(got.public).toEqual([{ name: 'true', value: 'true', count: 4, state: 'displayed' }, { name: 'false', value: 'false', count: 3, state: 'displayed' }]);
    expect(got.age.map((x) => x.value)).toContain('120');
  });

  it('refined values are marked; a facet\'s own excluded values show as excluded', async () => {
    const got = await r.facets(['city', 'species'], { refine: ['species:Platanus'], exclude: ['city:Lyon'] });
    expect(got.city).toEqual([
      { name: 'Lyon', value: 'Lyon', count: 1, state: 'excluded' },
      { name: 'Paris', value: 'Paris', count: 1, state: 'displayed' },
    ]);
    expect(got.species).toEqual([{ name: 'Platanus', value: 'Platanus', count: 2, state: 'refined' }]);
  });

  it('multivalued facets count elements; disjunctive facet() keeps its siblings', async () => {
    const got = await r.facets(['tags', 'facet(name="city", disjunctive=true, sort="alphanum")'], { refine: ['city:Paris'] });
    expect(got.tags.map((x) => [x.value, x.count])).toEqual([['old', 2], ['remarkable', 2]]);
    expect(got.city.map((x) => [x.value, x.count, x.state])).toEqual([['Lyon', 2, 'displayed'], ['Marseille', 2, 'displayed'], ['Nice', 1, 'displayed'], ['Paris', 4, 'refined']]);
  });

  it('date facets are hierarchical: years, then months and days of refined periods', async () => {
    const years = await r.facets(['date']);
    expect(years.date.map((x) => [x.value, x.count])).toEqual([['2021', 7], ['2020', 1]]);
    const refined = await r.facets(['facet(name="date", sort="alphanum")'], { refine: ['date:2021/09'] });
    expect(refined.date).toEqual([{
      name: '2021', value: '2021', count: 4, state: 'refined', facets: [{
        name: '09', value: '2021/09', count: 4, state: 'refined', facets: [
          { name: '01', value: '2021/09/01', count: 1, state: 'displayed' }, { name: '02', value: '2021/09/02', count: 1, state: 'displayed' },
          { name: '15', value: '2021/09/15', count: 1, state: 'displayed' }, { name: '30', value: '2021/09/30', count: 1, state: 'displayed' },
        ],
      }],
    }]);
    const paris = await r.facets(['measured'], { timezone: 'Europe/Paris' });
    expect(paris.measured.map((x) => [x.value, x.count])).toEqual([['2021', 9]]);
  });
});

/** Andrew's monotone chain, for an independent expectation. */
function convexHull(points: [number, number][]): [number, number][] {
  const p = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const cross = (o: number[], a: number[], b: number[]) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const half = (list: [number, number][]) => {
    const out: [number, number][] = [];
    for (const q of list) {
      while (out.length >= 2 && cross(out[out.length - 2], out[out.length - 1], q) <= 0) out.pop();
      out.push(q);
    }
    return out.slice(0, -1);
  };
  return [...half(p), ...half([...p].reverse())];
}

void compileRecords;
