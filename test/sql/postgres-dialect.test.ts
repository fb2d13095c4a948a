// The PostgreSQL dialect against a real PostgreSQL (throwaway cluster): the same ODSQL compiled for
// both dialects must give the same answers as DuckDB on the same rows. Skips when PostgreSQL is absent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import type { RecordsQuery } from '../../src/core/request.ts';
import { compileFacets, compileRecords, duckdbDialect, facetTree, postgresDialect, type Dialect } from '../../src/plan/index.ts';
import type { DuckDBBackend } from '../../src/storage/duckdb/index.ts';
import { dataset, openFixture, ROWS } from '../odsql-engine/fixture.ts';
import { pgAvailable, startCluster, type PgCluster } from './pg-cluster.ts';

const skip = pgAvailable();
const NOW = Date.parse('2021-10-01T12:00:00Z');
let cluster: PgCluster;
let duck: DuckDBBackend;

pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));
pg.types.setTypeParser(1082, (v) => v);

async function loadRows(client: pg.Client): Promise<void> {
  await client.query('CREATE EXTENSION unaccent; CREATE EXTENSION fuzzystrmatch; SET TIME ZONE \'UTC\'');
  await client.query(`CREATE TABLE rec_trees ("_rid" bigint, "name" text, "city" text, "species" text, "height" double precision, "age" bigint, "planted" date,
    "measured" timestamptz, "public" boolean, "geo__lon" double precision, "geo__lat" double precision, "shape" text, "shape__lon" double precision, "shape__lat" double precision,
    "shape__xmin" double precision, "shape__ymin" double precision, "shape__xmax" double precision, "shape__ymax" double precision, "tags" text[], "date" date, "info" json, "secret" text)`);
  // Copy DuckDB's physical rows so both engines hold exactly the same values.
  const rows = await duck.query('SELECT * FROM rec_trees ORDER BY _rid');
  for (const r of rows) {
    const values = Object.values(r).map((v) => (v instanceof Date ? v.toISOString() : v));
    await client.query(`INSERT INTO rec_trees VALUES (${values.map((_, i) => `$${i + 1}`).join(', ')})`, values);
  }
}

function norm(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'number') return Math.round(v * 1e9) / 1e9;
  if (Array.isArray(v)) return v.map(norm);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, norm(x)]));
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return `${v}T00:00:00.000Z`;
  return v;
}

async function both(over: Partial<RecordsQuery>): Promise<[unknown[], unknown[]]> {
  const q: RecordsQuery = { where: [], refine: [], exclude: [], limit: 100, ...over };
  const run = async (dialect: Dialect) => {
    const c = compileRecords(dataset(), q, { mode: 'records', access: {}, dialect, now: NOW });
    return dialect === duckdbDialect ? duck.query(c.records.sql, c.records.params) : (await cluster.client.query(c.records.sql, c.records.params)).rows;
  };
  return [(await run(duckdbDialect)).map(norm), (await run(postgresDialect)).map(norm)];
}

describe.skipIf(skip !== null)(`PostgreSQL dialect${skip ? ` (skipped: ${skip})` : ''}`, () => {
  beforeAll(async () => {
    duck = await openFixture();
    cluster = await startCluster();
    await loadRows(cluster.client);
  }, 60_000);
  afterAll(async () => {
    await cluster?.stop();
    await duck?.close();
  });

  it.each([
    'height > 20 and city = "Paris" or age = 12', 'not city = "Paris"', 'age in (35, 80, 300)', 'height in ]12.25..20[', 'public is not true',
    'city:Lyon', 'height * 2 > 50', 'length(species) = 5', 'ifnull(species, "none") = "none"', "date = date'2021-09'", "date > date'2021-09'",
    "planted in [date'1850'..date'1900']", 'measured >= now(days=-7)', 'month(measured) = 9 and day(measured) < 10', "date_format(date, 'dd/MM') = '01/09'",
    'dayofweek(date) = 3', 'quarter(date) = 1', '"old" in tags', 'tags != "old"', '"sebastopol"', '"tree" AND NOT "film*"', 'search(name, "bok of secret")',
    'search(*, "marseile tree")', 'suggest(name, city, "ly")', 'startswith(*, "Mar")', 'name not like "de"',
    "within_distance(geo, geom'POINT(2.3499 48.8606)', 1km)", 'in_bbox(geo, 48.85, 2.29, 48.87, 2.34)',
    "intersects(geo, geom'POLYGON((2.3 48.85, 2.36 48.85, 2.36 48.87, 2.3 48.85))')", "disjoint(geo, geom'POLYGON((2.3 48.85, 2.36 48.85, 2.36 48.87, 2.3 48.85))')",
    "within(shape, geom'POLYGON((2.2 48.8, 2.4 48.8, 2.4 48.9, 2.2 48.9, 2.2 48.8))')", "within_distance(shape, geom'POINT(2.3376 48.8606)', 10m)",
  ])('where %s', async (where) => {
    const [d, p] = await both({ where: [where], select: 'name' });
    expect(p).toEqual(d);
    expect(d.length).toBeGreaterThan(0);
  });

  it.each<Partial<RecordsQuery>>([
    { select: 'count(*) as n, avg(height) as a, sum(age) as s, median(height) as m, percentile(height, 90) as p, count(distinct species) as d', group_by: 'city', order_by: 'n desc' },
    { select: 'count(*) as n', group_by: 'range(height, *, 10, 20, *) as h, range(age, 50) as a' },
    { select: 'count(*) as n', group_by: 'range(measured, 1 month) as m', timezone: 'Europe/Paris' },
    { select: 'count(*) as n', group_by: 'range(date, 1 day) as d' },
    { select: 'count(*) as n', group_by: 'range(measured, 12h) as h' },
    { select: 'count(*) as n', group_by: 'year(measured) as y, hour(measured) as h', timezone: 'Europe/Paris' },
    { select: 'count(*) as n', group_by: "date_format(measured, 'EEEE dd MMMM yyyy à HH:mm') as d", timezone: 'Europe/Paris' },
    { select: 'count(*) as n, bbox(shape) as b', group_by: 'geo_cluster(geo, 5) as c' },
    { select: 'name, distance(geo, geom\'POINT(2.3499 48.8606)\') as d, round(height, 1) as r, floor(height) as f, upper(city) as u, year(date) as y', order_by: 'd' },
    { select: 'name, date, measured, geo, tags, public', order_by: 'name' },
  ])('select %j', async (q) => {
    const [d, p] = await both(q);
    expect(p).toEqual(d);
  });

  it('facets', async () => {
    const q: RecordsQuery = { where: ['height > 5'], refine: ['measured:2021/09'], exclude: ['city:Lyon'] };
    for (const dialect of [postgresDialect]) {
      const names = ['city', 'measured', 'tags', 'public', 'age'];
      const pgf = compileFacets(dataset(), q, names, { mode: 'records', access: {}, dialect, now: NOW });
      const dkf = compileFacets(dataset(), q, names, { mode: 'records', access: {}, dialect: duckdbDialect, now: NOW });
      for (let i = 0; i < names.length; i++) {
        const a = facetTree(await duck.query(dkf[i].query.sql, dkf[i].query.params));
        const b = facetTree((await cluster.client.query(pgf[i].query.sql, pgf[i].query.params)).rows);
        expect(b, names[i]).toEqual(a);
      }
    }
  });

  it('the fixture rows arrived', async () => {
    expect((await cluster.client.query('SELECT count(*) AS n FROM rec_trees')).rows[0].n).toBe(ROWS.length);
  });
});
