// The shared filter state of the web app: URL round trip and the API parameters it produces
// (refine/exclude syntax and ODSQL string quoting from the Explore API v2.1 reference).
import { describe, expect, it } from 'vitest';
import { apiFilterParams, readFilters, togglePick, writeFilters } from '../../web/src/state/filters.ts';
import { odsqlField, odsqlString } from '../../web/src/state/odsql.ts';

describe('filters in the URL', () => {
  it('round-trips search, where, refinements and exclusions (values may hold colons)', () => {
    const f = { q: 'chêne vert', where: 'height > 10', refine: [{ field: 'time', value: '12:30' }, { field: 'kind', value: 'Oak' }], exclude: [{ field: 'kind', value: 'Elm' }] };
    const sp = writeFilters(new URLSearchParams('tab=table&sort=-height'), f);
    expect(sp.get('tab')).toBe('table');
    expect(sp.get('sort')).toBe('-height');
    expect(readFilters(new URLSearchParams(sp.toString()))).toEqual(f);
  });

  it('drops malformed refinements', () => {
    expect(readFilters(new URLSearchParams('refine=nocolon&refine=:x&refine=a:b')).refine).toEqual([{ field: 'a', value: 'b' }]);
  });

  it('toggles a facet pick on and off', () => {
    const once = togglePick([], { field: 'a', value: '1' });
    expect(once).toEqual([{ field: 'a', value: '1' }]);
    expect(togglePick(once, { field: 'a', value: '1' })).toEqual([]);
  });
});

describe('API parameters', () => {
  it('uses refine=<facet>:<value> and exclude=<facet>:<value> as the spec documents', () => {
    const p = apiFilterParams({ q: '', where: '', refine: [{ field: 'city', value: 'Paris' }], exclude: [{ field: 'modified', value: '2019/12' }] });
    expect(p).toEqual([['refine', 'city:Paris'], ['exclude', 'modified:2019/12']]);
  });

  it('ANDs the full-text search with the where clause, each parenthesised', () => {
    const p = apiFilterParams({ q: 'tree', where: 'a = 1 OR b = 2', refine: [], exclude: [] });
    expect(p).toEqual([['where', '("tree") AND (a = 1 OR b = 2)']]);
  });

  it('escapes quotes and backslashes in string literals (reference: "\\" escapes special characters)', () => {
    expect(odsqlString('say "hi" \\ bye')).toBe('"say \\"hi\\" \\\\ bye"');
  });

  it('back-quotes field names that are keywords or start with a digit (reference: Field names)', () => {
    expect(odsqlField('population')).toBe('population');
    expect(odsqlField('and')).toBe('`and`');
    expect(odsqlField('12')).toBe('`12`');
  });
});
