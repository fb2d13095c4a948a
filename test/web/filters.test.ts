// The shared filter state of the web app: URL round trip and the API parameters it produces
// (refine/exclude syntax and ODSQL quoting from the Explore API v2.1 reference), range filters,
// the advanced filter's example and the histogram's buckets.
import { describe, expect, it } from 'vitest';
import { apiFilterParams, hasFilters, NO_FILTERS, readFilters, togglePick, writeFilters } from '../../web/src/state/filters.ts';
import { odsqlField, odsqlString } from '../../web/src/state/odsql.ts';
import { rangeClause, rangeProblem, readRanges, withoutRange, withRange, type RangeFilter } from '../../web/src/state/ranges.ts';
import { exampleDate, exampleNumber, whereExample } from '../../web/src/state/where-example.ts';
import { barInRange, bucketGroupBy, dateStep, emptyBars, fillBars, numberWidth } from '../../web/src/dataset/ranges/buckets.ts';
import { rangeFields, rangesForDataset, readStats, statsSelect } from '../../web/src/dataset/ranges/range-fields.ts';
import { rangeText } from '../../web/src/dataset/ranges/range-labels.ts';
import type { ApiDataset, ApiField } from '../../web/src/api/types.ts';

describe('filters in the URL', () => {
  it('round-trips search, where, refinements and exclusions (values may hold colons)', () => {
    const f = { q: 'chêne vert', where: 'height > 10', refine: [{ field: 'time', value: '12:30' }, { field: 'kind', value: 'Oak' }], exclude: [{ field: 'kind', value: 'Elm' }], ranges: [] };
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

describe('range filters in the URL (range.<field>=from..to)', () => {
  const planted: RangeFilter = { field: 'planted', kind: 'date', from: '2001-01-01', to: '2003-12-31' };
  const height: RangeFilter = { field: 'height', kind: 'number', from: '-2.5', to: '' };

  it('writes one readable parameter per range and reads the same ranges back', () => {
    const sp = writeFilters(new URLSearchParams('tab=table'), { ...NO_FILTERS, ranges: [planted, height] });
    expect(sp.get('range.planted')).toBe('2001-01-01..2003-12-31');
    expect(sp.get('range.height')).toBe('-2.5..');
    expect(sp.get('tab')).toBe('table');
    expect(readFilters(new URLSearchParams(sp.toString())).ranges).toEqual([planted, height]);
  });

  it('keeps decimal points apart from the separator and open starts', () => {
    expect(readRanges(new URLSearchParams('range.wind=1.5..2.25'))).toEqual([{ field: 'wind', kind: 'number', from: '1.5', to: '2.25' }]);
    expect(readRanges(new URLSearchParams('range.wind=..0.5'))).toEqual([{ field: 'wind', kind: 'number', from: '', to: '0.5' }]);
    expect(readRanges(new URLSearchParams('range.wind=1e3..'))).toEqual([{ field: 'wind', kind: 'number', from: '1000', to: '' }]);
  });

  it('drops what cannot be applied: no separator, words, impossible dates, reversed or empty bounds', () => {
    const sp = new URLSearchParams('range.a=5&range.b=abc..3&range.c=2020-02-30..&range.d=5..3&range.e=..&range.=1..2&range.f=2020-01-01..7');
    expect(readRanges(sp)).toEqual([]);
  });

  it('removes the ranges that are no longer set and leaves other parameters alone', () => {
    const sp = writeFilters(new URLSearchParams('range.height=1..2&range.planted=2001-01-01..&sort=x'), { ...NO_FILTERS, ranges: [planted] });
    expect([...sp.keys()].sort()).toEqual(['range.planted', 'sort']);
  });

  it('counts as an active filter', () => {
    expect(hasFilters(NO_FILTERS)).toBe(false);
    expect(hasFilters({ ...NO_FILTERS, ranges: [height] })).toBe(true);
  });

  it('sets, replaces and removes the range of one field', () => {
    const one = withRange([], planted);
    expect(withRange(one, { ...planted, to: '' })).toEqual([{ ...planted, to: '' }]);
    expect(withRange(one, { ...planted, from: '', to: '' })).toEqual([]);
    expect(withoutRange([planted, height], 'planted')).toEqual([height]);
  });
});

describe('range validation', () => {
  const r = (kind: 'date' | 'number', from: string, to: string): RangeFilter => ({ field: 'x', kind, from, to });
  it('compares numbers as numbers (9 < 10) and dates as days', () => {
    expect(rangeProblem(r('number', '9', '10'))).toBeNull();
    expect(rangeProblem(r('number', '10', '9'))).toBe('reversed');
    expect(rangeProblem(r('date', '2020-02-01', '2020-01-31'))).toBe('reversed');
    expect(rangeProblem(r('date', '2020-01-31', '2020-01-31'))).toBeNull();
  });
  it('names what is wrong with a bound', () => {
    expect(rangeProblem(r('number', 'abc', ''))).toBe('notNumber');
    expect(rangeProblem(r('number', '', '1,5'))).toBe('notNumber');
    expect(rangeProblem(r('date', '2020-13-01', ''))).toBe('notDate');
    expect(rangeProblem(r('date', '31/01/2020', ''))).toBe('notDate');
    expect(rangeProblem(r('number', ' ', ''))).toBe('empty');
    expect(rangeProblem(r('number', '-1', ''))).toBeNull();
  });
});

describe('range → ODSQL', () => {
  it('uses >= and <= with date literals, back-quoting keyword field names', () => {
    expect(rangeClause({ field: 'date', kind: 'date', from: '2012-03-01', to: '2012-05-31' })).toBe("`date` >= date'2012-03-01' AND `date` <= date'2012-05-31'");
    expect(rangeClause({ field: 'and', kind: 'number', from: '', to: '-0.5' })).toBe('`and` <= -0.5');
    expect(rangeClause({ field: 'temp_max', kind: 'number', from: '10', to: '' })).toBe('temp_max >= 10');
  });

  it('ANDs each range, parenthesised, after the search and the where', () => {
    const p = apiFilterParams({
      q: 'rain', where: 'wind > 3', refine: [{ field: 'weather', value: 'rain' }], exclude: [],
      ranges: [{ field: 'date', kind: 'date', from: '2012-03-01', to: '2012-05-31' }, { field: 'temp_max', kind: 'number', from: '5', to: '15' }],
    });
    expect(p).toEqual([
      ['where', "(\"rain\") AND (wind > 3) AND (`date` >= date'2012-03-01' AND `date` <= date'2012-05-31') AND (temp_max >= 5 AND temp_max <= 15)"],
      ['refine', 'weather:rain'],
    ]);
  });
});

describe('advanced filter example from the dataset\'s own fields', () => {
  it('puts a measure above its median, rounded to two significant digits, with the top text value', () => {
    expect(whereExample({ number: { field: 'temp_max', median: 15.6 }, text: { field: 'weather', value: 'sun' } })).toBe('temp_max > 16 AND weather = "sun"');
  });
  it('falls back to a date field from the middle of its period', () => {
    // 2012-01-01 + 730 days (half of 1460) = 2013-12-31: a four-year span starts the example on 1 January 2013.
    expect(whereExample({ date: { field: 'date', min: '2012-01-01', max: '2015-12-31' } })).toBe("`date` >= date'2013-01-01'");
    // One week around 3 February 2018: a short span starts on the 1st of the month.
    expect(exampleDate('2018-01-31', '2018-02-07')).toBe('2018-02-01');
  });
  it('quotes odd field names and text values, and gives nothing without real values', () => {
    expect(whereExample({ text: { field: 'and', value: 'say "x"' } })).toBe('`and` = "say \\"x\\""');
    expect(whereExample({})).toBeNull();
  });
  it('rounds example numbers', () => {
    expect([1234, 0.37, -1.64, 0, 7].map(exampleNumber)).toEqual([1200, 0.37, -1.6, 0, 7]);
  });
});

describe('histogram buckets', () => {
  it('chooses days up to two months, months up to five years, years beyond', () => {
    expect(dateStep('2018-01-31', '2018-02-07')).toBe('day');
    expect(dateStep('2020-01-01', '2020-03-02')).toBe('day'); // 31 + 29 + 2 = 62 days
    expect(dateStep('2020-01-01', '2020-03-03')).toBe('month');
    expect(dateStep('2012-01-01', '2015-12-31')).toBe('month'); // 48 months
    expect(dateStep('1958-03-01', '2020-04-01')).toBe('year');
    expect(bucketGroupBy('date', { kind: 'date', step: 'month' })).toBe('range(`date`, 1M)');
  });

  it('picks a 1-2-5 width for about 24 bars, whole for integers', () => {
    expect(numberWidth(-1.6, 35.6, false)).toBe(2); // 37.2 / 24 = 1.55
    expect(numberWidth(0, 55.9, false)).toBe(5); // 2.33
    expect(numberWidth(0, 1, false)).toBe(0.05); // 0.042
    expect(numberWidth(0, 10, true)).toBe(1); // 0.42 → 0.5, whole → 1
    expect(numberWidth(5, 5, false)).toBe(1);
    expect(bucketGroupBy('wind', { kind: 'number', width: 0.5 })).toBe('range(wind, 0.5)');
  });

  it('lays out every bar from min to max with inclusive filter bounds', () => {
    expect(emptyBars('2012-01-15', '2012-03-02', { kind: 'date', step: 'month' }).map((b) => [b.from, b.to])).toEqual([
      ['2012-01-01', '2012-01-31'], ['2012-02-01', '2012-02-29'], ['2012-03-01', '2012-03-31'],
    ]);
    expect(emptyBars(-1.6, 3, { kind: 'number', width: 2 }).map((b) => [b.from, b.to])).toEqual([['-2', '0'], ['0', '2'], ['2', '4']]);
    expect(emptyBars(3, 6, { kind: 'number', width: 2 }, true).map((b) => [b.from, b.to])).toEqual([['2', '3'], ['4', '5'], ['6', '7']]);
  });

  it('fills the bars from range() keys, float noise included', () => {
    const b = { kind: 'number', width: 0.2 } as const;
    const bars = fillBars(emptyBars(0, 0.7, b), [{ b: '[0.6000000000000001, 0.8[', n: 4 }, { b: '[0.0, 0.2[', n: 9 }], b);
    expect(bars.map((x) => [x.from, x.count])).toEqual([['0', 9], ['0.2', 0], ['0.4', 0], ['0.6', 4]]);
    const d = { kind: 'date', step: 'day' } as const;
    expect(fillBars(emptyBars('2018-01-31', '2018-02-01', d), [{ b: '[2018-02-01T00:00:00, 2018-02-02T00:00:00[', n: 3 }], d).map((x) => x.count)).toEqual([0, 3]);
  });

  it('tells which bars lie inside a range', () => {
    const bar = { from: '2012-02-01', to: '2012-02-29', count: 1 };
    expect(barInRange(bar, '2012-01-01', '2012-03-31', 'date')).toBe(true);
    expect(barInRange(bar, '2012-02-02', '', 'date')).toBe(false);
    expect(barInRange({ from: '9', to: '10', count: 1 }, '', '10', 'number')).toBe(true);
    expect(barInRange({ from: '9', to: '10', count: 1 }, '10', '', 'number')).toBe(false);
  });
});

describe('which fields get a range filter', () => {
  const field = (name: string, type: ApiField['type'], annotations: ApiField['annotations'] = {}): ApiField => ({ name, label: name, type, description: null, annotations });
  const ds = {
    dataset_id: 'x', metas: { default: {} },
    fields: [
      field('station_id', 'int'), field('zip_code', 'int'), field('lat', 'double'), field('longitude', 'double'), field('ref', 'int', { id: [] }),
      field('population', 'int'), field('name', 'text'), field('opened', 'date'), field('wind', 'double'), field('measured_at', 'datetime'),
    ],
  } as ApiDataset;

  it('takes dates first, then numeric measures, leaving out ids, codes, coordinates and id-annotated fields', () => {
    expect(rangeFields(ds).map((f) => f.name)).toEqual(['opened', 'measured_at', 'population', 'wind']);
    expect(rangeFields(ds, 3).map((f) => f.name)).toEqual(['opened', 'measured_at', 'population']);
  });

  it('keeps only the ranges of known fields whose type takes their bounds', () => {
    const ranges: RangeFilter[] = [
      { field: 'opened', kind: 'date', from: '2020-01-01', to: '' }, { field: 'opened', kind: 'number', from: '1', to: '' },
      { field: 'station_id', kind: 'number', from: '1', to: '9' }, { field: 'name', kind: 'number', from: '1', to: '' }, { field: 'nope', kind: 'number', from: '1', to: '' },
    ];
    expect(rangesForDataset(ds, ranges)).toEqual([ranges[0], ranges[2]]);
  });

  it('asks min and max of each, the median of numbers, and reads datetimes as days', () => {
    const chosen = rangeFields(ds).slice(1, 3);
    expect(statsSelect(chosen)).toBe('min(measured_at) as min_0, max(measured_at) as max_0, min(population) as min_1, max(population) as max_1, median(population) as median_1');
    const stats = readStats({ min_0: '2018-01-31T00:00:00+00:00', max_0: '2018-02-07T23:00:00+00:00', min_1: 12, max_1: 99, median_1: 40.5 }, chosen);
    expect(stats.get('measured_at')).toEqual({ min: '2018-01-31', max: '2018-02-07', median: null });
    expect(stats.get('population')).toEqual({ min: 12, max: 99, median: 40.5 });
  });
});

describe('range chips', () => {
  it('read as "Field: a – b", "Field ≥ a" or "Field ≤ b" in the page language', () => {
    expect(rangeText('en', { field: 'd', kind: 'date', from: '2012-03-01', to: '2012-05-31' }, 'Date')).toBe('Date: Mar 1, 2012 – May 31, 2012');
    expect(rangeText('en', { field: 'p', kind: 'number', from: '1000', to: '' }, 'Population')).toBe('Population ≥ 1,000');
    expect(rangeText('fr', { field: 'w', kind: 'number', from: '', to: '2.5' }, 'Vent')).toBe('Vent ≤ 2,5');
  });
});
