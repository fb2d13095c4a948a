// Errors of the analysis and planning stages: unknown and hidden fields (indistinguishable), types,
// unknown functions, clauses, limits, invalid parameters and broken access rules.
import { describe, expect, it } from 'vitest';
import { AgoraError, type ErrorCode } from '../../src/core/errors.ts';
import type { AccessRules, RecordsQuery } from '../../src/core/request.ts';
import { compileFacets, compileRecordById, compileRecords, duckdbDialect } from '../../src/plan/index.ts';
import { dataset } from '../odsql-engine/fixture.ts';

const HIDE: AccessRules = { visibleFields: ['name', 'city', 'height', 'age', 'measured', 'geo', 'tags'] };

function compile(q: Partial<RecordsQuery>, access: AccessRules = {}, mode: 'records' | 'export' = 'records') {
  return compileRecords(dataset(), { where: [], refine: [], exclude: [], ...q }, { mode, access, dialect: duckdbDialect });
}
function error(fn: () => unknown): AgoraError {
  try { fn(); } catch (e) { if (e instanceof AgoraError) return e; throw e; }
  throw new Error('expected an AgoraError');
}
const code = (fn: () => unknown): ErrorCode => error(fn).code;

describe('names', () => {
  it('unknown fields in every clause', () => {
    expect(code(() => compile({ where: ['nosuch = 1'] }))).toBe('ODSQL_UNKNOWN_FIELD');
    expect(code(() => compile({ select: 'nosuch' }))).toBe('ODSQL_UNKNOWN_FIELD');
    expect(code(() => compile({ group_by: 'nosuch' }))).toBe('ODSQL_UNKNOWN_FIELD');
    expect(code(() => compile({ order_by: 'nosuch' }))).toBe('ODSQL_UNKNOWN_FIELD');
    expect(code(() => compile({ refine: ['nosuch:1'] }))).toBe('ODSQL_UNKNOWN_FIELD');
    expect(code(() => compile({ where: ['search(nosuch, "x")'] }))).toBe('ODSQL_UNKNOWN_FIELD');
    expect(error(() => compile({ where: ['height > 1 and nosuch = 1'] })).message)
      .toBe('ODSQL query is malformed: Unknown field: nosuch (at position 15). Clause(s) containing the error(s): where.');
  });

  it('hidden fields behave exactly as unknown fields', () => {
    const cases: Array<[Partial<RecordsQuery>, Partial<RecordsQuery>]> = [
      [{ where: ['secret = "s1"'] }, { where: ['nosuch = "s1"'] }],
      [{ select: 'secret' }, { select: 'nosuch' }],
      [{ group_by: 'species' }, { group_by: 'nosuch' }],
      [{ order_by: 'planted' }, { order_by: 'nosuch' }],
      [{ exclude: ['secret:s1'] }, { exclude: ['nosuch:s1'] }],
      [{ where: ['startswith(secret, "s")'] }, { where: ['startswith(nosuch, "s")'] }],
    ];
    for (const [hidden, unknown] of cases) {
      const a = error(() => compile(hidden, HIDE));
      const b = error(() => compile(unknown, HIDE));
      expect(a.code).toBe('ODSQL_UNKNOWN_FIELD');
      expect(a.message.replace(/secret|species|planted/, 'nosuch')).toBe(b.message);
    }
    expect(code(() => compileFacets(dataset(), { where: [], refine: [], exclude: [] }, ['secret'], { mode: 'records', access: HIDE, dialect: duckdbDialect }))).toBe('ODSQL_UNKNOWN_FIELD');
    expect(code(() => compileRecordById(dataset(), '1', { select: 'secret' }, { mode: 'records', access: HIDE, dialect: duckdbDialect }))).toBe('ODSQL_UNKNOWN_FIELD');
    // select * and include() only list visible fields
    expect(compile({}, HIDE).records.columns.map((c) => c.name)).toEqual(['name', 'city', 'height', 'age', 'measured', 'geo', 'tags', '_rid']);
    expect(compile({ select: 'include(s*), name' }, HIDE).records.sql).not.toContain('secret');
  });

  it('unknown functions', () => {
    const e = error(() => compile({ select: 'invalid_function()' }));
    expect(e.code).toBe('ODSQL_UNKNOWN_FUNCTION');
    expect(e.message).toBe('ODSQL query is malformed: Unknown function invalid_function() (at position 0). Clause(s) containing the error(s): select.');
    expect(code(() => compile({ where: ['foo(x) > 1'] }))).toBe('ODSQL_UNKNOWN_FUNCTION');
  });
});

describe('types', () => {
  it.each([
    ['name > true'], ['height = "tall"'], ['sum(name) > 1'], ['length(height) = 2'], ['year(name) = 2020'], ['public = 3'],
    ["within_distance(name, geom'POINT(1 1)', 1km)"], ["within_distance(geo, geom'POINT(1 1)', 1 day)"], ["within_distance(geo, geom'POINT(1', 1km)"],
    ["intersects(geo, geom'LINESTRING(0 0, 1 1)')"], ['in_bbox(geo, 1, 2, 3)'], ['name like 3'], ["planted = date'2021-02-30'"],
    ['now(fortnights=1) > measured'], ['height in ["a".."b"]'], ['geo = 3'], ['tags > "a"'], ['search(height, "x")'], ['search(name, other)'],
  ])('where %s', (where) => {
    expect(['ODSQL_TYPE', 'ODSQL_CLAUSE']).toContain(code(() => compile({ where: [where] })));
  });

  it('group_by and range arguments', () => {
    expect(code(() => compile({ group_by: 'range(name, 10)' }))).toBe('ODSQL_TYPE');
    expect(code(() => compile({ group_by: 'range(height, 10, 5)' }))).toBe('ODSQL_TYPE');
    expect(code(() => compile({ group_by: 'range(height, 10, *, 20)' }))).toBe('ODSQL_TYPE');
    expect(code(() => compile({ group_by: 'range(measured, 2 months)' }))).toBe('ODSQL_TYPE');
    expect(code(() => compile({ group_by: 'range(measured, 10)' }))).toBe('ODSQL_TYPE');
    expect(code(() => compile({ group_by: 'geo_cluster(geo, 30)' }))).toBe('ODSQL_TYPE');
    expect(code(() => compile({ select: 'percentile(height, 101)' }))).toBe('ODSQL_TYPE');
    expect(code(() => compile({ select: "date_format(measured, 'qqq')" }))).toBe('ODSQL_TYPE');
  });
});

describe('deprecations', () => {
  it('answers a group_by on a geo field (deprecated in v2.1) and reports it for the Ods-Explore-Api-Deprecation header', () => {
    expect(compile({ group_by: 'geo' }).deprecations).toEqual([expect.stringMatching(/^GROUP_BY_GEO_FIELD: .*geo_cluster\(\)/)]);
    expect(compile({ group_by: 'geo_cluster(geo, 5)' }).deprecations).toEqual([]);
    expect(compile({ group_by: 'name' }).deprecations).toEqual([]);
  });
});

describe('clauses', () => {
  it.each([
    [{ where: ['count(*) > 1'] }],
    [{ select: 'search(name, "x")' }],
    [{ select: 'random(1)' }],
    [{ select: 'range(height, 5)' }],
    [{ order_by: 'geo_cluster(geo, 3)' }],
    [{ where: ['include(name)'] }],
    [{ select: 'name, count(*)' }],
    [{ select: 'name, count(*)', group_by: 'city' }],
    [{ order_by: 'count(*)' }],
    [{ select: 'count(*)', group_by: 'city', order_by: 'name' }],
    [{ select: 'sum(count(*))' }],
    [{ select: 'envelope(geo)', where: ['envelope(geo) = 1'] }],
    [{ select: 'ifnull(envelope(geo), "x")' }],
    [{ select: 'height as h, age as H' }],
    [{ select: 'name as _rid' }],
    [{ select: 'exclude(*)' }],
  ])('%j', (q) => {
    expect(['ODSQL_CLAUSE', 'ODSQL_TYPE', 'ODSQL_SYNTAX']).toContain(code(() => compile(q)));
  });
});

describe('limits', () => {
  it('records: default 10, at most 100, offset + limit ≤ 10,000', () => {
    expect(compile({}).records.params.at(-1)).toBe(10);
    expect(() => compile({ limit: 100, offset: 9900 })).not.toThrow();
    const e = error(() => compile({ limit: 101 }));
    expect([e.code, e.status, e.odsCode]).toEqual(['LIMIT_INVALID', 400, 'InvalidRESTParameterError']);
    expect(e.message).toContain('between -1 and 100');
    expect(code(() => compile({ limit: 10, offset: 9995 }))).toBe('LIMIT_INVALID');
    expect(code(() => compile({ limit: -2 }))).toBe('LIMIT_INVALID');
    expect(code(() => compile({ offset: -1 }))).toBe('LIMIT_INVALID');
    expect(code(() => compile({ limit: 1.5 }))).toBe('LIMIT_INVALID');
    expect(compile({ limit: -1 }).records.params.at(-1)).toBe(100);
  });

  it('records with group_by: up to 20,000', () => {
    expect(() => compile({ group_by: 'city', limit: 20000 })).not.toThrow();
    expect(code(() => compile({ group_by: 'city', limit: 20001 }))).toBe('LIMIT_INVALID');
    expect(code(() => compile({ group_by: 'city', limit: 1000, offset: 19500 }))).toBe('LIMIT_INVALID');
  });

  it('exports: no cap, -1 or nothing means all', () => {
    expect(compile({ limit: 1_000_000, offset: 50_000 }, {}, 'export').records.sql).toContain('LIMIT');
    expect(compile({}, {}, 'export').records.sql).not.toContain('LIMIT');
    expect(compile({ limit: -1 }, {}, 'export').records.sql).not.toContain('LIMIT');
    expect(compile({}, {}, 'export').records.columns.map((c) => c.name)).not.toContain('_rid');
  });
});

describe('parameters and access rules', () => {
  it('timezone and lang are validated', () => {
    expect(code(() => compile({ timezone: 'Mars/Olympus' }))).toBe('PARAMETER_INVALID');
    expect(code(() => compile({ lang: "fr'; --" }))).toBe('PARAMETER_INVALID');
    expect(() => compile({ timezone: 'US/Eastern', lang: 'en' })).not.toThrow();
  });

  it('a broken access rule is a server error that does not reveal the rule', () => {
    const e = error(() => compile({}, { filterQuery: 'classified_field = 1' }));
    expect(e.code).toBe('CONFIG_INVALID');
    expect(e.status).toBe(500);
    expect(e.message).not.toContain('classified_field');
  });
});

describe('group_by output names', () => {
  it('group keys are appended after the select items; a label clashing with a key is an error', () => {
    expect(compile({ select: 'count(*) as n', group_by: 'city' }).records.columns.map((c) => c.name)).toEqual(['n', 'city']);
    expect(compile({ select: 'city, count(*) as n', group_by: 'city' }).records.columns.map((c) => c.name)).toEqual(['city', 'n']);
    expect(code(() => compile({ select: 'count(*) as city', group_by: 'city' }))).toBe('ODSQL_CLAUSE');
  });
});
