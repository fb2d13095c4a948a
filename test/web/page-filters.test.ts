// The page filter bar's state (web/src/pages-view/page-filters.ts): the `pf.<id>` URL form and the
// ODSQL each block gets, with ODSQL's string quoting (double quotes, backslash escapes) and date
// literals (date'YYYY-MM-DD') as the Explore API v2.1 reference writes them.
import { describe, expect, it } from 'vitest';
import { andWhere, blockWhere, filterClauses, readPageFilters, writePageFilter } from '../../web/src/pages-view/page-filters.ts';
import type { PageFilter } from '../../web/src/api/page-model.ts';

const FILTERS: PageFilter[] = [
  { id: 'site', type: 'facet', dataset: 'air', field: 'site_name' },
  { id: 'period', type: 'date_range', dataset: 'air', field: 'measured_at' },
  { id: 'kind', type: 'facet', dataset: 'weather', field: 'weather' },
];

describe('page filters in the URL', () => {
  it('reads facet values and date ranges, skipping malformed ranges', () => {
    const sp = new URLSearchParams('pf.site=Harbour%20Road&pf.period=2024-01-01..2024-01-31&pf.kind=&other=1');
    expect(readPageFilters(FILTERS, sp)).toEqual({
      site: { kind: 'facet', value: 'Harbour Road' },
      period: { kind: 'date_range', from: '2024-01-01', to: '2024-01-31' },
    });
    expect(readPageFilters(FILTERS, new URLSearchParams('pf.period=2024-13-01..'))).toEqual({});
    expect(readPageFilters(FILTERS, new URLSearchParams('pf.period=2024-02-01..2024-01-01'))).toEqual({});
    expect(readPageFilters(FILTERS, new URLSearchParams('pf.period=..2024-01-01'))).toEqual({ period: { kind: 'date_range', from: '', to: '2024-01-01' } });
  });

  it('writes and removes one filter, keeping the rest of the query', () => {
    const sp = writePageFilter(new URLSearchParams('preview=draft'), 'site', { kind: 'facet', value: 'A & B' });
    expect(sp.toString()).toBe('preview=draft&pf.site=A+%26+B');
    expect(writePageFilter(sp, 'site', null).toString()).toBe('preview=draft');
    expect(writePageFilter(sp, 'period', { kind: 'date_range', from: '2024-01-01', to: '' }).get('pf.period')).toBe('2024-01-01..');
  });
});

describe('the where of a block', () => {
  const state = { site: { kind: 'facet' as const, value: 'Quai "Nord" \\ 2' }, period: { kind: 'date_range' as const, from: '2024-01-01', to: '2024-01-31' }, kind: { kind: 'facet' as const, value: 'rain' } };

  it('quotes facet values as ODSQL strings and ANDs the block\'s own where', () => {
    expect(blockWhere(FILTERS, state, 'air', 'no2_ugm3 > 10')).toBe(
      '(no2_ugm3 > 10) AND (site_name = "Quai \\"Nord\\" \\\\ 2") AND (measured_at >= date\'2024-01-01\' AND measured_at <= date\'2024-01-31\')');
  });

  it('applies only the filters over the block\'s dataset', () => {
    expect(blockWhere(FILTERS, state, 'weather')).toBe('weather = "rain"');
    expect(blockWhere(FILTERS, state, 'other', 'x = 1')).toBe('x = 1');
    expect(blockWhere(FILTERS, {}, 'air')).toBe('');
  });

  it('a facet\'s own list is narrowed by the other filters, not by itself', () => {
    expect(filterClauses(FILTERS, state, 'air', 'site')).toEqual(["measured_at >= date'2024-01-01' AND measured_at <= date'2024-01-31'"]);
    expect(andWhere(['', ' a = 1 ', null])).toBe('a = 1');
  });
});
