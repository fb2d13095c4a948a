// Aggregations, group_by forms and ordering, compared with DuckDB's answer to hand-written SQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuckDBBackend } from '../../src/storage/duckdb/index.ts';
import { openFixture, ROWS } from './fixture.ts';
import { runner } from './helpers.ts';

let db: DuckDBBackend;
let r: ReturnType<typeof runner>;
beforeAll(async () => { db = await openFixture(); r = runner(db); });
afterAll(async () => { await db.close(); });

describe('aggregates and group_by', () => {
  it('group_by a field with every aggregate', async () => {
    const got = await r.records({
      select: 'count(*) as n, count(species) as ns, count(distinct species) as ds, sum(age) as s, avg(height) as a, min(planted) as mn, max(height) as mx, median(height) as med, percentile(height, 90) as p90',
      group_by: 'city', order_by: 'city',
    });
    const want = await r.sql(`SELECT count(*) AS n, count(species) AS ns, count(DISTINCT species) AS ds, sum(age) AS s, avg(height) AS a, min(planted) AS mn, max(height) AS mx,
      quantile_cont(height, 0.5) AS med, quantile_cont(height, 0.9) AS p90, city FROM rec_trees GROUP BY city ORDER BY city NULLS LAST`);
    expect(got.rows).toEqual(want);
    expect(got.total).toBe(5);
    expect(got.columns.map((c) => c.name)).toEqual(['n', 'ns', 'ds', 's', 'a', 'mn', 'mx', 'med', 'p90', 'city']);
  });

  it('aggregates without group_by give one row', async () => {
    const got = await r.records({ select: 'count(*), sum(height) as total, avg(age)' });
    const want = await r.sql('SELECT count(*) AS "count(*)", sum(height) AS total, avg(age) AS "avg(age)" FROM rec_trees');
    expect(got.rows).toEqual(want);
    expect(got.total).toBe(1);
  });

  it('orders groups by an aggregate, a label, desc, with nulls last', async () => {
    const got = await r.records({ select: 'avg(height) as h', group_by: 'species', order_by: 'h desc' });
    const want = await r.sql('SELECT avg(height) AS h, species FROM rec_trees GROUP BY species ORDER BY h DESC NULLS LAST, species NULLS LAST');
    expect(got.rows).toEqual(want);
    expect(got.rows[got.rows.length - 1].h).toBeNull();
  });

  it('groups null values in a null group (v2.1)', async () => {
    const got = await r.records({ select: 'count(*) as n', group_by: 'city' });
    expect(got.rows).toContainEqual({ n: 1, city: null });
  });

  it('pages groups with limit/offset and counts all groups', async () => {
    const got = await r.records({ select: 'count(*) as n', group_by: 'city', order_by: 'count(*) desc', limit: 2, offset: 1 }, { mode: 'records' });
    const want = await r.sql('SELECT count(*) AS n, city FROM rec_trees GROUP BY city ORDER BY n DESC, city NULLS LAST LIMIT 2 OFFSET 1');
    expect(got.rows.map(({ __total, ...row }) => row)).toEqual(want);
    expect(got.total).toBe(5);
    // Records pages carry the number of groups in __total (the route's total_count without a second scan).
    const [groups] = await r.sql('SELECT count(*)::INT AS n FROM (SELECT city FROM rec_trees GROUP BY city)');
    expect(got.rows.map((row) => row.__total)).toEqual([groups.n, groups.n]);
  });

  it('static ranges with * bounds, lower bound included', async () => {
    const got = await r.records({ select: 'count(*) as n', group_by: 'range(height, *, 10, 20, *) as h' });
    const want = await r.sql(`SELECT count(*) AS n, CASE WHEN height IS NULL THEN NULL WHEN height < 10 THEN '[*, 10[' WHEN height < 20 THEN '[10, 20[' ELSE '[20, *[' END AS h
      FROM rec_trees GROUP BY h ORDER BY min(height) NULLS LAST`);
    expect(got.rows).toEqual(want);
  });

  it('static ranges without * drop values outside the bounds', async () => {
    const got = await r.records({ select: 'count(*) as n', group_by: 'range(age, 50, 100, 200)' });
    const want = await r.sql(`SELECT count(*) AS n, CASE WHEN age IS NULL THEN NULL WHEN age < 100 THEN '[50, 100[' ELSE '[100, 200[' END AS "range(age, 50, 100, 200)"
      FROM rec_trees WHERE age >= 50 AND age < 200 OR age IS NULL GROUP BY 2 ORDER BY min(age) NULLS LAST`);
    expect(got.rows).toEqual(want);
  });

  it('equal-width numeric ranges', async () => {
    const got = await r.records({ select: 'count(*) as n', group_by: 'range(age, 100) as a' });
    const want = await r.sql(`SELECT count(*) AS n, CASE WHEN age IS NULL THEN NULL ELSE '[' || (age // 100) * 100 || ', ' || (age // 100 + 1) * 100 || '[' END AS a
      FROM rec_trees GROUP BY a ORDER BY min(age) NULLS LAST`);
    expect(got.rows).toEqual(want);
  });

  it('date ranges with static date bounds', async () => {
    const got = await r.records({ select: 'count(*) as n', group_by: "range(planted, *, date'1900', date'2000-01-01', *) as p" });
    const want = await r.sql(`SELECT count(*) AS n, CASE WHEN planted IS NULL THEN NULL WHEN planted < DATE '1900-01-01' THEN '[*, 1900-01-01[' WHEN planted < DATE '2000-01-01' THEN '[1900-01-01, 2000-01-01[' ELSE '[2000-01-01, *[' END AS p
      FROM rec_trees GROUP BY p ORDER BY min(planted) NULLS LAST`);
    expect(got.rows).toEqual(want);
  });

  it('date histograms: 1 month, 1 day and 12 hours, in the request time zone', async () => {
    const month = await r.records({ select: 'count(*) as n', group_by: 'range(measured, 1 month) as m', timezone: 'Europe/Paris' });
    const wantMonth = await r.sql(`SELECT count(*) AS n, CASE WHEN measured IS NULL THEN NULL ELSE '[' || strftime(date_trunc('month', timezone('Europe/Paris', measured)), '%Y-%m-%dT%H:%M:%S') || ', '
      || strftime(date_trunc('month', timezone('Europe/Paris', measured)) + INTERVAL 1 MONTH, '%Y-%m-%dT%H:%M:%S') || '[' END AS m FROM rec_trees GROUP BY m ORDER BY m NULLS LAST`);
    expect(month.rows).toEqual(wantMonth);
    // 2020-12-31T23:30Z is already January 2021 in Paris.
    expect(month.rows[0]).toEqual({ n: 2, m: '[2021-01-01T00:00:00, 2021-02-01T00:00:00[' });
    const day = await r.records({ select: 'count(*) as n', group_by: 'range(date, 1 day) as d', order_by: 'd' });
    expect(day.rows.slice(0, 2)).toEqual([{ n: 1, d: '[2020-12-31, 2021-01-01[' }, { n: 1, d: '[2021-01-01, 2021-01-02[' }]);
    const hours = await r.records({ select: 'count(*) as n', group_by: 'range(measured, 12h) as h', where: ["measured >= date'2021-09'"] });
    const wantHours = await r.sql(`SELECT count(*) AS n, strftime(to_timestamp(floor(epoch(measured) / 43200) * 43200)::TIMESTAMP, '%Y-%m-%dT%H:%M:%S') AS s
      FROM rec_trees WHERE measured >= TIMESTAMPTZ '2021-09-01 00:00:00+00' GROUP BY s ORDER BY s`);
    expect(hours.rows.map((x) => x.h)).toEqual(wantHours.map((x) => `[${x.s}, ${new Date(Date.parse(x.s + 'Z') + 43_200_000).toISOString().slice(0, 19)}[`));
  });

  it('group_by date functions in a time zone match Intl', async () => {
    const got = await r.records({ select: 'count(*) as n', group_by: 'year(measured) as y, month(measured) as m, hour(measured) as h', timezone: 'Europe/Paris' }, {});
    const expected = new Map<string, number>();
    for (const row of ROWS) {
      const key = row.measured === null ? 'null' : (() => {
        const p = Object.fromEntries(new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Paris', year: 'numeric', month: 'numeric', hour: 'numeric', hourCycle: 'h23' })
          .formatToParts(new Date(row.measured)).map((x) => [x.type, x.value]));
        return `${Number(p.year)}|${Number(p.month)}|${Number(p.hour)}`;
      })();
      expected.set(key, (expected.get(key) ?? 0) + 1);
    }
    const actual = new Map(got.rows.map((x) => [x.y === null ? 'null' : `${x.y}|${x.m}|${x.h}`, x.n as number]));
    expect(actual).toEqual(expected);
  });

  it('date_format keys with names in the request language', async () => {
    const got = await r.records({ select: 'count(*) as n', group_by: "date_format(date, 'EEEE') as d", order_by: 'd', lang: 'en' });
    const want = await r.sql("SELECT count(*) AS n, strftime(date, '%A') AS d FROM rec_trees GROUP BY d ORDER BY d NULLS LAST");
    expect(got.rows).toEqual(want);
  });

  it('date_format keys of whole units (grouped by the truncated date) give the groups and labels of formatting every row', async () => {
    // Near midnight and the new year in Paris; literal text between the parts; labels sorted as text.
    for (const [pattern, strf] of [['dd/MM/yyyy HH', '%d/%m/%Y %H'], ['yyyy-MM', '%Y-%m'], ["'week of' yyyy", 'week of %Y'], ['MM/yyyy', '%m/%Y']]) {
      const got = await r.records({ select: 'count(*) as n', group_by: `date_format(measured, "${pattern}") as d`, timezone: 'Europe/Paris' });
      const want = await r.sql(`SELECT count(*) AS n, strftime(timezone('Europe/Paris', measured), '${strf}') AS d FROM rec_trees GROUP BY d ORDER BY d NULLS LAST`);
      expect(got.rows, pattern).toEqual(want);
    }
    const dates = await r.records({ select: 'count(*) as n', group_by: 'date_format(planted, "yyyy-MM-dd") as d', order_by: 'd desc', limit: 3 });
    expect(dates.rows).toEqual(await r.sql("SELECT count(*) AS n, strftime(planted, '%Y-%m-%d') AS d FROM rec_trees GROUP BY d ORDER BY d DESC NULLS LAST LIMIT 3"));
    // A pattern that skips a unit (dd without MM) is not a truncation: still every row formatted.
    const days = await r.records({ select: 'count(*) as n', group_by: 'date_format(measured, "dd") as d', timezone: 'Europe/Paris' });
    expect(days.rows).toEqual(await r.sql("SELECT count(*) AS n, strftime(timezone('Europe/Paris', measured), '%d') AS d FROM rec_trees GROUP BY d ORDER BY d NULLS LAST"));
  });

  it('random(seed) orders groups the same way for the same seed', async () => {
    const a = await r.records({ group_by: 'name', order_by: 'random(1)' });
    const b = await r.records({ group_by: 'name', order_by: 'random(1)' });
    const c = await r.records({ group_by: 'name', order_by: 'random(2)' });
    expect(a.rows).toEqual(b.rows);
    expect(a.rows).not.toEqual(c.rows);
    expect([...a.rows].map((x) => x.name).sort()).toEqual(ROWS.map((x) => x.name).sort());
  });

  it('geo_cluster returns the centroid of each grid cell', async () => {
    const got = await r.records({ select: 'count(*) as n', group_by: 'geo_cluster(geo, 5) as c' });
    const cell = (360 / 32) * (40 / 256);
    const want = await r.sql(`SELECT count(*) AS n, CASE WHEN count(geo__lat) = 0 THEN NULL ELSE {'lon': avg(geo__lon), 'lat': avg(geo__lat)} END AS c
      FROM rec_trees GROUP BY floor(geo__lon / ${cell}), floor(geo__lat / ${cell}) ORDER BY floor(geo__lon / ${cell}) NULLS LAST, floor(geo__lat / ${cell}) NULLS LAST`);
    expect(got.rows).toEqual(want);
    expect(got.rows.find((x) => x.n === 5)?.c).toEqual({ lon: expect.closeTo(2.33682, 5), lat: expect.closeTo(48.85784, 5) });
  });
});
