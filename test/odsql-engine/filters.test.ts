// where, refine/exclude, search and geo predicates on the fixture: expected record ids are checked
// by hand against the rows of fixture.ts (ids are 1-based row positions).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuckDBBackend } from '../../src/storage/duckdb/index.ts';
import { openFixture } from './fixture.ts';
import { runner } from './helpers.ts';

let db: DuckDBBackend;
let r: ReturnType<typeof runner>;
beforeAll(async () => { db = await openFixture(); r = runner(db); });
afterAll(async () => { await db.close(); });

describe('comparisons and boolean logic', () => {
  it('AND binds tighter than OR; NOT; !=', async () => {
    expect(await r.ids('height > 20 and city = "Paris" or age = 12')).toEqual([1, 8]);
    expect(await r.ids('(city = "Paris" or city = "Nice") and height < 15')).toEqual([3, 9]);
    expect(await r.ids('age != 80 and city = "Paris"')).toEqual([1, 3, 4]);
    expect(await r.ids('not city = "Paris"')).toEqual([5, 6, 7, 8, 9, 10]); // keeps the null city, like the search engine
  });

  it('repeated where parameters are ANDed', async () => {
    expect(await r.ids(['city = "Paris"', 'height >= 18'])).toEqual([1, 2, 4]);
  });

  it('IN lists, numeric ranges with open and closed bounds, IS NULL', async () => {
    expect(await r.ids('age in (35, 80, 300)')).toEqual([2, 3, 9]);
    expect(await r.ids('height in [12.25..20]')).toEqual([2, 3, 4, 10]);
    expect(await r.ids('height in ]12.25..20[')).toEqual([2, 10]);
    expect(await r.ids('species is null')).toEqual([7]);
    expect(await r.ids('species is not null and city is null')).toEqual([10]);
    expect(await r.ids('age not in (35, 80) and age < 100')).toEqual([8, 10]);
  });

  it('boolean fields as predicates', async () => {
    expect(await r.ids('public')).toEqual([1, 2, 4, 5, 8, 9]);
    expect(await r.ids('public is false')).toEqual([3, 6, 10]);
    expect(await r.ids('public is not true')).toEqual([3, 6, 7, 10]);
  });

  it('legacy field:value equality, quoted or not', async () => {
    expect(await r.ids("city:'Lyon'")).toEqual([5, 6]);
    expect(await r.ids('city:Lyon')).toEqual([5, 6]);
    expect(await r.ids('age:80')).toEqual([2]);
  });

  it('arithmetic and scalar functions in where', async () => {
    expect(await r.ids('height * 2 > 50')).toEqual([1, 5]);
    expect(await r.ids('length(species) = 5')).toEqual([3, 8]);
    expect(await r.ids('lower(city) = "lyon"')).toEqual([5, 6]);
    expect(await r.ids('ifnull(species, "none") = "none"')).toEqual([7]);
  });

  it('fields named like keywords or functions: `date` and context', async () => {
    expect(await r.ids("date = date'2021-09-01'")).toEqual([1]);
    expect(await r.ids("`date` >= date'2021-09-15'")).toEqual([3, 9, 10]);
    expect(await r.ids('year(date) = 2020')).toEqual([4]);
  });
});

describe('dates', () => {
  it('partial date literals denote their whole period', async () => {
    expect(await r.ids("date = date'2021-09'")).toEqual([1, 2, 9, 10]);
    expect(await r.ids("date > date'2021-09'")).toEqual([3]);
    expect(await r.ids("date >= date'2021-09'")).toEqual([1, 2, 3, 9, 10]);
    expect(await r.ids("date < date'2021'")).toEqual([4]);
    expect(await r.ids("date <= date'2021-03'")).toEqual([4, 5, 8]);
    expect(await r.ids("planted in [date'1850'..date'1900']")).toEqual([4, 6]);
  });

  it('datetime literals and periods follow the request time zone', async () => {
    // 2021-09-30T21:59:59Z is still 30 September in Paris; 2020-12-31T23:30Z is 2021 in Paris.
    expect(await r.ids("measured = date'2021-09-30'", { timezone: 'Europe/Paris' })).toEqual([9]);
    expect(await r.ids("measured = date'2021'", { timezone: 'Europe/Paris' })).toEqual([1, 2, 3, 4, 5, 6, 8, 9, 10]);
    expect(await r.ids("measured = date'2021'")).toEqual([1, 2, 3, 5, 6, 8, 9, 10]);
    expect(await r.ids("measured >= date'2021-09-01T10:00:00Z'")).toEqual([1, 2, 3, 9, 10]);
    expect(await r.ids("measured = date'2021-09-01T22:30Z'")).toEqual([1]); // the whole minute
    expect(await r.ids("measured < date'2021-09-01T22:30:00+00:00'")).toEqual([4, 5, 6, 8]);
  });

  it('now() with shifts, relative to the pinned clock 2021-10-01T12:00Z', async () => {
    expect(await r.ids('measured >= now(days=-7)')).toEqual([3, 9]);
    expect(await r.ids('measured > now(months=-1, day=1, hour=0, minute=0, second=0)')).toEqual([1, 2, 3, 9, 10]);
    expect(await r.ids('date >= now(years=-1) and date < now()')).toEqual([1, 2, 4, 5, 8, 9, 10]);
  });

  it('date functions in where', async () => {
    expect(await r.ids('month(measured) = 9 and day(measured) < 10')).toEqual([1, 2]);
    expect(await r.ids("date_format(date, 'dd') = '01'")).toEqual([1, 5]);
    expect(await r.ids('dayofweek(date) = 3')).toEqual([1, 8, 10]); // Wednesdays: 2021-09-01, 2021-03-31, 2021-09-15
    expect(await r.ids('quarter(date) = 1')).toEqual([5, 8]);
  });
});

describe('refine and exclude', () => {
  it('refine by text value and by date facet paths', async () => {
    expect(await r.ids([], { refine: ['city:Paris'] })).toEqual([1, 2, 3, 4]);
    expect(await r.ids([], { refine: ['date:2021/09'] })).toEqual([1, 2, 9, 10]);
    expect(await r.ids([], { refine: ['date:2021-09'] })).toEqual([1, 2, 9, 10]);
    expect(await r.ids([], { refine: ['date:2021/09/15'] })).toEqual([10]);
    expect(await r.ids('height > 15', { refine: ['city:"Paris"', 'date:2021'] })).toEqual([1, 2]);
  });

  it('exclude keeps records without the value; several refines on one field are ANDed', async () => {
    expect(await r.ids([], { exclude: ['city:Paris', 'city:Lyon'] })).toEqual([7, 8, 9, 10]);
    expect(await r.ids([], { refine: ['city:Paris', 'city:Lyon'] })).toEqual([]);
    expect(await r.ids([], { refine: ['public:true', 'age:120'] })).toEqual([1]);
  });

  it('multivalued fields: any element, for =, IN, refine and exclude', async () => {
    expect(await r.ids('"old" in tags')).toEqual([1, 2, 9]);
    expect(await r.ids('tags = "remarkable"')).toEqual([1, 4, 5, 9]);
    expect(await r.ids('tags in ("tall", "films")')).toEqual([5, 7]);
    expect(await r.ids([], { refine: ['tags:old'], exclude: ['tags:remarkable'] })).toEqual([2]);
  });
});

describe('full-text search', () => {
  it('bare strings search every visible text field, accent and case insensitive', async () => {
    expect(await r.ids('"sebastopol"')).toEqual([1]);
    expect(await r.ids('"SÉBASTOPOL"')).toEqual([1]);
    expect(await r.ids('"tree" AND NOT "film*"')).toEqual([10]);
    expect(await r.ids('"action movies"')).toEqual([10]);
    // Words begin with the term or its Snowball stem: "platane" → "platan", which also begins the
    // genus "Platanus" of record 10.
    expect(await r.ids('"platane" or "olivier"')).toEqual([1, 5, 9, 10]);
    expect(await r.ids('"platanes"')).toEqual([1, 5, 10]); // plural → the same stem
    expect(await r.ids('"film"')).toEqual([7, 8]); // the last term is a prefix: "films" in 8's tags
    expect(await r.ids('"ac"')).toEqual([10]); // a short last term is a prefix too
    expect(await r.ids('"ac tree"')).toEqual([]); // a short non-final term is a whole word
    expect(await r.ids('"film*"')).toEqual([7, 8]); // a prefix, in tags too
  });

  it('hidden fields are not searched', async () => {
    expect(await r.ids('"s3"')).toEqual([3]);
    expect(await r.ids('"s3"', {}, { visibleFields: ['name', 'city'] })).toEqual([]);
  });

  it('search(): fuzzy terms and a prefix last term', async () => {
    expect(await r.ids('search(name, "bok of secret")')).toEqual([8]);
    expect(await r.ids('search(name, "chene")')).toEqual([2]);
    expect(await r.ids('search(*, "marseile tree")')).toEqual([7]); // one edit in a non-final term
    expect(await r.ids('search(*, "marsielle")')).toEqual([]); // the last term is a prefix, not fuzzy
    // "du" is a stop word; "platanes" is then last: its stem "platan" begins "Platane".
    expect(await r.ids('search(name, "platanes du")')).toEqual([1, 5]);
  });

  it('suggest(): every term begins a word', async () => {
    expect(await r.ids('suggest("film")')).toEqual([7, 8]);
    expect(await r.ids('suggest(name, "tour eif")')).toEqual([2]);
    expect(await r.ids('suggest(name, city, "ly")')).toEqual([5, 6]);
  });

  it('startswith(): whole value, case sensitive', async () => {
    expect(await r.ids('startswith(name, "Pla")')).toEqual([1, 5]);
    expect(await r.ids('startswith(name, "pla")')).toEqual([]);
    expect(await r.ids('startswith(*, "Mar")')).toEqual([4, 7, 8]);
  });

  it('LIKE matches a word of the field', async () => {
    expect(await r.ids('name like "louvre"')).toEqual([3]);
    expect(await r.ids('name like "tour*"')).toEqual([2]);
    expect(await r.ids('name not like "de"')).toEqual([3, 7, 8, 10]);
  });
});

describe('geo predicates (hand-checked with the haversine formula)', () => {
  const sebastopol = "geom'POINT(2.3499 48.8606)'";
  it('within_distance on points: Louvre 0.90 km, Notre-Dame 0.85 km, Action 0.48 km; Eiffel 4 km', async () => {
    expect(await r.ids(`within_distance(geo, ${sebastopol}, 1km)`)).toEqual([1, 3, 4, 10]);
    expect(await r.ids(`within_distance(geo, ${sebastopol}, 880m)`)).toEqual([1, 4, 10]);
    expect(await r.ids(`within_distance(geo, ${sebastopol}, 0.5mi)`)).toEqual([1, 10]);
    expect(await r.ids(`distance(geo, ${sebastopol}, 5km)`)).toEqual([1, 2, 3, 4, 10]);
  });

  it('distance() in select and order_by, in meters', async () => {
    const got = await r.records({ select: `name, distance(geo, ${sebastopol}) as d`, where: ['city = "Paris"'], order_by: 'd' });
    expect(got.rows.map((x) => x.name)).toEqual(['Platane du Boulevard de Sébastopol', 'Marronnier de Notre-Dame', 'Tilleul du Louvre', 'Chêne de la Tour Eiffel']);
    expect(got.rows[2].d).toBeCloseTo(901, -1);
  });

  it('in_bbox takes two corners as lat, lon', async () => {
    expect(await r.ids('in_bbox(geo, 48.85, 2.29, 48.87, 2.34)')).toEqual([2, 3]);
    expect(await r.ids('in_bbox(geo, 43, 7, 44, 8)')).toEqual([9]);
    expect(await r.ids('in_bbox(shape, 48.85, 2.29, 48.87, 2.36)')).toEqual([1, 2, 3]);
  });

  it('polygons (WKT and GeoJSON): intersects, within, disjoint on points', async () => {
    const triangle = "geom'POLYGON((2.3 48.85, 2.36 48.85, 2.36 48.87, 2.3 48.85))'";
    // The hypotenuse runs from (2.3, 48.85) to (2.36, 48.87): at x = 2.3499 it is at y = 48.8666, above
    // Sébastopol (48.8606); at x = 2.3376 at 48.8625, above the Louvre (48.8606). Eiffel has x < 2.3.
    expect(await r.ids(`intersects(geo, ${triangle})`)).toEqual([1, 3, 4, 10]);
    expect(await r.ids(`within(geo, ${triangle})`)).toEqual([1, 3, 4, 10]);
    expect(await r.ids(`disjoint(geo, ${triangle})`)).toEqual([2, 5, 6, 8, 9]);
    const geojson = `geom'{"type":"Polygon","coordinates":[[[2.3,48.85],[2.36,48.85],[2.36,48.87],[2.3,48.85]]]}'`;
    expect(await r.ids(`intersects(geo, ${geojson})`)).toEqual([1, 3, 4, 10]);
    expect(await r.ids(`geometry(geo, ${geojson}, INTERSECTS)`)).toEqual([1, 3, 4, 10]);
    expect(await r.ids(`intersects(geo, geom'POINT(4.832 45.7578)')`)).toEqual([5]);
    const withHole = "geom'POLYGON((2 48, 3 48, 3 49, 2 49, 2 48), (2.34 48.85, 2.36 48.85, 2.36 48.865, 2.34 48.865, 2.34 48.85))'";
    expect(await r.ids(`within(geo, ${withHole})`)).toEqual([2, 3]);
    const multi = "geom'MULTIPOLYGON(((4 45, 5 45, 5 46, 4 46, 4 45)), ((7 43, 8 43, 8 44, 7 44, 7 43)))'";
    expect(await r.ids(`intersects(geo, ${multi})`)).toEqual([5, 6, 9]);
  });

  it('geo_shape fields are tested by their exact shapes (squares and a point here; see test/http/exact-geometry)', async () => {
    const paris = "geom'POLYGON((2.2 48.8, 2.4 48.8, 2.4 48.9, 2.2 48.9, 2.2 48.8))'";
    expect(await r.ids(`within(shape, ${paris})`)).toEqual([1, 2, 3]);
    expect(await r.ids(`intersects(shape, geom'POLYGON((2.349 48.86, 2.36 48.86, 2.36 48.87, 2.349 48.86))')`)).toEqual([1]);
    // A small polygon inside a square shape intersects it.
    expect(await r.ids(`intersects(shape, geom'POLYGON((7.26 43.71, 7.261 43.71, 7.261 43.711, 7.26 43.71))')`)).toEqual([9]);
    expect(await r.ids(`disjoint(shape, ${paris})`)).toEqual([5, 9]);
    expect(await r.ids(`within_distance(shape, geom'POINT(2.3376 48.8606)', 10m)`)).toEqual([3]);
  });
});

describe('access rules', () => {
  it('the row filter is ANDed invisibly, and may use hidden fields', async () => {
    const access = { filterQuery: "secret in ('s1', 's2', 's5')", visibleFields: ['name', 'city', 'height'] };
    expect(await r.ids('height > 0', {}, access)).toEqual([1, 2, 5]);
    expect(await r.ids('city = "Paris"', {}, access)).toEqual([1, 2]);
  });

  it('isDataVisible=false gives no rows and a zero count', async () => {
    const got = await r.records({ select: 'name' }, { access: { isDataVisible: false } });
    expect(got.rows).toEqual([]);
    expect(got.total).toBe(0);
  });
});
