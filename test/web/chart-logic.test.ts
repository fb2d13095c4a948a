// Chart logic of the Analyze tab: URL round trip, defaults from field types and data facts,
// sum vs average by meaning, the "Other" rule, granularity giving 12–60 buckets, axis names and
// the text twin's key values (never a "–" placeholder).
import { describe, expect, it } from 'vitest';
import { readSpec, writeSpec, type ChartSpec } from '../../web/src/dataset/analyze/spec.ts';
import { bucketCount, bucketExpr, niceWidth, pickBucketing } from '../../web/src/dataset/analyze/granularity.ts';
import { formatBucket } from '../../web/src/format/format.ts';
import { defaultSpec, isNearUnique } from '../../web/src/dataset/analyze/defaults.ts';
import { readFacts, factsSelect, type DataFacts, type FieldFacts } from '../../web/src/dataset/analyze/facts.ts';
import { aggregateFor, unitOf } from '../../web/src/dataset/analyze/meaning.ts';
import { keepOther } from '../../web/src/dataset/analyze/other.ts';
import { buildOption } from '../../web/src/dataset/analyze/option.ts';
import { describeChart, chartCsv } from '../../web/src/dataset/analyze/describe.ts';
import { categoryAxisName, keyLabel, parseRange, valueAxisName } from '../../web/src/dataset/analyze/labels.ts';
import { numberBins, type ChartData } from '../../web/src/dataset/analyze/query.ts';
import type { ApiField, FieldType } from '../../web/src/api/types.ts';

const field = (name: string, type: FieldType, facet = false): ApiField =>
  ({ name, label: name.toUpperCase(), type, description: null, annotations: facet ? { facet: [] } : {} });
const facts = (rows: number, fields: Record<string, FieldFacts>): DataFacts => ({ rows, fields: new Map(Object.entries(fields)) });

describe('chart spec in the URL', () => {
  it('round-trips every setting', () => {
    const spec: ChartSpec = { x: 'date', gran: 'month', series: [{ agg: 'count' }, { agg: 'avg', field: 'height' }], split: 'kind', type: 'area', stack: true, top: 5 };
    expect(readSpec(new URLSearchParams(writeSpec(new URLSearchParams('q=x'), spec).toString()))).toEqual(spec);
  });

  it('ignores unknown aggregates, types and granularities', () => {
    const s = readSpec(new URLSearchParams('x=a&series=median:b,sum:c&chart=radar&gran=minute'))!;
    expect(s.series).toEqual([{ agg: 'sum', field: 'c' }]);
    expect(s.type).toBe('column');
    expect(s.gran).toBeUndefined();
  });
});

describe('default chart from field types and data facts', () => {
  it('never charts a near-unique name: the category with few values is the x, the number its measure', () => {
    // 100 rows, 100 distinct names (every bar would be 1), 5 kinds.
    const fields = [field('name', 'text', true), field('kind', 'text'), field('height', 'int')];
    const s = defaultSpec(fields, facts(100, { name: { distinct: 100 }, kind: { distinct: 5 }, height: { min: 1, max: 30 } }))!;
    expect(s).toMatchObject({ x: 'kind', type: 'bar', top: 10, series: [{ agg: 'avg', field: 'height' }] }); // a height is a level
  });
  it('gives no default chart when the only text is unique per record (boundaries named once each)', () => {
    expect(defaultSpec([field('name', 'text'), field('geo_shape', 'geo_shape')], facts(33, { name: { distinct: 33 } }))).toBeNull();
    expect(isNearUnique(17, 33)).toBe(true); // 17 > 33 / 2
    expect(isNearUnique(16, 33)).toBe(false);
  });
  it('prefers facets, then a category of 2–60 values, else any that is not near-unique; one value is no category', () => {
    const airports = [field('iata', 'text'), field('name', 'text'), field('state', 'text', true), field('country', 'text', true), field('latitude', 'double')];
    const f = facts(3376, { iata: { distinct: 3376 }, name: { distinct: 3237 }, state: { distinct: 57 }, country: { distinct: 5 }, latitude: { min: 7, max: 71 } });
    expect(defaultSpec(airports, f)).toMatchObject({ x: 'state', series: [{ agg: 'count' }] });
    const zips = [field('zip_code', 'text'), field('county', 'text'), field('only', 'text')];
    expect(defaultSpec(zips, facts(42049, { zip_code: { distinct: 42049 }, county: { distinct: 1929 }, only: { distinct: 1 } }))).toMatchObject({ x: 'county' });
  });
  it('charts a date spanning more than one instant over time, with the first measure that varies', () => {
    const fields = [field('series', 'text', true), field('year', 'int'), field('month', 'int'), field('capacity', 'int'), field('count', 'int'), field('date', 'datetime')];
    const s = defaultSpec(fields, facts(1708, {
      series: { distinct: 14 }, year: { min: 2000, max: 2010 }, month: { min: 1, max: 12 }, capacity: { min: 500, max: 500 },
      count: { min: 19, max: 2440 }, date: { min: '2000-01-01T08:00:00+00:00', max: '2010-02-01T08:00:00+00:00' },
    }))!;
    // year and month are calendar parts, capacity is constant: count (a count, so summed) over time.
    expect(s).toMatchObject({ x: 'date', type: 'line', series: [{ agg: 'sum', field: 'count' }] });
    const oneDay = defaultSpec([field('day', 'date'), field('kind', 'text')], facts(10, { day: { min: '2021-01-01', max: '2021-01-01' }, kind: { distinct: 3 } }));
    expect(oneDay).toMatchObject({ x: 'kind', series: [{ agg: 'count' }] });
  });
  it('a lone varying number gives a histogram; nothing chartable, or no rows, gives null', () => {
    expect(defaultSpec([field('height', 'double')], facts(9, { height: { min: 1, max: 2 } }))).toMatchObject({ x: 'height', type: 'column', series: [{ agg: 'count' }] });
    expect(defaultSpec([field('shape', 'geo_shape')], facts(9, {}))).toBeNull();
    expect(defaultSpec([field('kind', 'text')], facts(0, { kind: { distinct: 0 } }))).toBeNull();
  });
  it('asks for the facts in one query and refuses an answer without a row count', () => {
    const ds = { fields: [field('kind', 'text'), field('height', 'int'), field('shape', 'geo_shape')] };
    expect(factsSelect(ds)).toBe('count(*) as n, count(distinct kind) as d0, min(height) as lo0, max(height) as hi0');
    expect(readFacts(ds, { total_count: 1, results: [{ n: 4, d0: 2, lo0: 1, hi0: 9 }] })).toEqual(facts(4, { kind: { distinct: 2 }, height: { min: 1, max: 9 } }));
    expect(() => readFacts(ds, { total_count: 0, results: [] })).toThrow(/row count/);
  });
});

describe('sum or average, by meaning', () => {
  const annotated = (name: string, type: FieldType, unit: string): ApiField => ({ ...field(name, type), annotations: { unit: [unit] } });
  it('adds counts and amounts, averages rates, temperatures, prices and positions', () => {
    expect(aggregateFor(field('amount_eur', 'int'))).toBe('sum');
    expect(aggregateFor(field('bicycles', 'int'), true)).toBe('sum');
    expect(aggregateFor(field('precipitation', 'double'), true)).toBe('sum');
    expect(aggregateFor(field('temp_max', 'double'))).toBe('avg');
    expect(aggregateFor(field('rate', 'double'))).toBe('avg');
    expect(aggregateFor(field('unit_price', 'int'))).toBe('avg');
    expect(aggregateFor(annotated('share', 'int', '%'))).toBe('avg');
    expect(aggregateFor(annotated('turnout', 'int', '%'))).toBe('avg');
    expect(aggregateFor(annotated('spent', 'double', 'EUR'))).toBe('sum');
    expect(aggregateFor({ ...field('v', 'double'), description: 'Average speed of the day' })).toBe('avg');
  });
  it('without evidence: an integer by category is a count, over time a level (employment does not add up over months)', () => {
    expect(aggregateFor(field('nonfarm', 'int'))).toBe('sum');
    expect(aggregateFor(field('nonfarm', 'int'), true)).toBe('avg');
    expect(aggregateFor(field('wind_x', 'double'))).toBe('avg');
  });
  it('reads the unit from the annotation, else from a name suffix', () => {
    expect(unitOf({ ...field('share', 'int'), annotations: { unit: ['%'] } })).toBe('%');
    expect(unitOf(field('amount_eur', 'int'))).toBe('EUR');
    expect(unitOf(field('temperature_c', 'double'))).toBe('°C');
    expect(unitOf(field('no2_ugm3', 'double'))).toBe('µg/m³');
    expect(unitOf(field('type_c', 'text'))).toBeUndefined();
    expect(unitOf(field('eur', 'int'))).toBeUndefined();
  });
});

describe('"Other" after the top N', () => {
  it('is shown only when it is not larger than the largest bar shown', () => {
    // Demo airports by state (counts from DuckDB): the top 10 hold 1,356 of 3,376, the largest 263 (AK); Other = 2,020.
    expect(keepOther([263, 209, 205, 102, 100, 100, 97, 97, 94, 89], 3376 - 1356)).toBe(false);
    // Demo tube segments by line: the top 10 of 12 lines hold 392 of 394 segments; Other = 2.
    expect(keepOther([66, 55, 52, 52, 51, 40, 26, 23, 15, 12], 394 - 392)).toBe(true);
    expect(keepOther([100], 100)).toBe(true);
    expect(keepOther([-100, 20], -90)).toBe(true);
    expect(keepOther([10, 5], 0)).toBe(false);
    expect(keepOther([10, 5], null)).toBe(false);
  });
});

describe('granularity', () => {
  // Independent count: walk the calendar one bucket at a time.
  type Walked = 'year' | 'month' | 'week' | 'day';
  function walk(from: Date, to: Date, g: Walked): number {
    const d = new Date(Date.UTC(from.getUTCFullYear(), g === 'year' ? 0 : from.getUTCMonth(), g === 'day' || g === 'week' ? from.getUTCDate() : 1));
    while (g === 'week' && d.getUTCDay() !== 1) d.setUTCDate(d.getUTCDate() - 1); // ISO weeks start on Monday
    let n = 0;
    while (d <= to) {
      n++;
      if (g === 'year') d.setUTCFullYear(d.getUTCFullYear() + 1);
      else if (g === 'month') d.setUTCMonth(d.getUTCMonth() + 1);
      else d.setUTCDate(d.getUTCDate() + (g === 'week' ? 7 : 1));
    }
    return n;
  }
  const cases: Array<[string, string]> = [
    ['1950-01-01', '2020-06-30'], ['2015-03-01', '2021-02-01'], ['2021-01-01', '2021-12-31'], ['2021-03-01', '2021-04-15'], ['2020-01-01', '2024-12-31'],
    // Spans only weeks can cut into 12–60 buckets (months give < 12, days > 60): 6 months of 2001, 100 days.
    ['2001-01-01', '2001-06-30'], ['2021-02-03', '2021-05-13'],
  ];
  it.each(cases)('%s → %s gives 12–60 buckets', (a, b) => {
    const from = new Date(`${a}T00:00:00Z`);
    const to = new Date(`${b}T00:00:00Z`);
    const { gran: g, step } = pickBucketing(from, to, false);
    // Calendar units are counted by walking the calendar; multiples (5 years, quarters…) in the cases below.
    const n = step === 1 ? walk(from, to, g as Walked) : bucketCount(from, to, g, step);
    if (step === 1) expect(bucketCount(from, to, g)).toBe(n);
    expect(n).toBeGreaterThanOrEqual(12);
    expect(n).toBeLessThanOrEqual(60);
  });
  // Spans of hours, days, months, years and decades; expected buckets counted by hand (and, for the
  // demo's CO₂ and earthquakes, the group counts DuckDB answers through the records API).
  const spans: Array<[string, string, string, boolean, { gran: string; step: number }, number]> = [
    ['20 hours', '2021-03-01T00:00:00Z', '2021-03-01T19:30:00Z', true, { gran: 'hour', step: 1 }, 20],
    ['a week of earthquakes', '2018-01-31T01:49:59Z', '2018-02-07T01:26:13Z', true, { gran: 'hour', step: 12 }, 15], // 7 days × 2 + 1
    ['5 days of hourly readings', '2021-03-01T00:00:00Z', '2021-03-05T23:00:00Z', true, { gran: 'hour', step: 6 }, 20], // 120 h / 6 (12 h would give 10)
    ['46 days', '2021-03-01T00:00:00Z', '2021-04-15T00:00:00Z', false, { gran: 'day', step: 1 }, 46], // 31 − 1 + 1 + 15
    ['70 days', '2021-01-01T00:00:00Z', '2021-03-11T00:00:00Z', false, { gran: 'day', step: 2 }, 35], // epoch day 18628 is even: 70 / 2
    ['a year of days', '2025-01-01T00:00:00Z', '2025-12-31T00:00:00Z', false, { gran: 'month', step: 1 }, 12],
    ['ten years of months', '2006-01-01T00:00:00Z', '2015-12-01T00:00:00Z', false, { gran: 'month', step: 3 }, 40], // 10 × 4 quarters
    ['17 years', '2001-01-01T00:00:00Z', '2017-01-01T00:00:00Z', false, { gran: 'year', step: 1 }, 17],
    ['63 years of CO₂', '1958-03-01T00:00:00Z', '2020-04-01T00:00:00Z', false, { gran: 'year', step: 5 }, 14], // 1955 … 2020
    ['two centuries', '1800-01-01T00:00:00Z', '2020-01-01T00:00:00Z', false, { gran: 'year', step: 10 }, 23], // 1800s … 2020s
  ];
  it.each(spans)('%s: %s → %s', (_, a, b, hours, expected, n) => {
    const from = new Date(a);
    const to = new Date(b);
    const picked = pickBucketing(from, to, hours);
    expect(picked).toEqual(expected);
    expect(bucketCount(from, to, picked.gran as 'year', picked.step)).toBe(n);
  });
  it('takes the closest bucketing when none gives 12–60, and never hours for dates', () => {
    expect(pickBucketing(new Date('2021-03-01T00:00:00Z'), new Date('2021-03-01T02:00:00Z'))).toEqual({ gran: 'hour', step: 1 }); // 3 buckets
    expect(pickBucketing(new Date('2021-03-01T00:00:00Z'), new Date('2021-03-07T00:00:00Z'), false)).toEqual({ gran: 'day', step: 1 }); // 7 days
    expect(() => bucketCount(new Date('2021-03-02'), new Date('2021-03-01'), 'day')).toThrow(/invalid span/);
  });
  it('writes multiples as ODSQL the API answers: n-year periods, quarters, n hours', () => {
    expect(bucketExpr('`date`', 'year', 5)).toBe('floor(year(`date`) / 5) * 5');
    expect(bucketExpr('`date`', 'month', 3)).toBe('range(`date`, 1 quarter)');
    expect(bucketExpr('`time`', 'hour', 12)).toBe('range(`time`, 12 hour)');
    expect(() => bucketExpr('`date`', 'month', 2)).toThrow(/1 or 3/);
    expect(() => bucketExpr('`date`', 'day', 0)).toThrow(/positive integer/);
  });
  it('labels an n-year period by its first and last year', () => {
    const words = { lang: 'en', fieldLabel: (n: string) => n, aggLabel: () => '', countOf: '', other: 'Other', empty: '', granLabel: (g: string) => g };
    expect(keyLabel('1955', { xKind: 'date', gran: 'year', step: 5, keys: ['1955'], series: [], truncated: false }, words)).toBe('1955–1959');
  });
  it('groups short integer spans by exact value and never bins integers finer than 1', () => {
    expect(numberBins('int', 2019, 2023)).toEqual({});
    expect(numberBins('int', 0, 59)).toEqual({});
    expect(numberBins('int', 0, 100)).toEqual({ width: 5 });
    expect(numberBins('double', 2019, 2023)).toEqual({ width: 0.2 });
  });
  it('shows year and code axes as written, measures grouped by locale', () => {
    const words = { lang: 'en', fieldLabel: (n: string) => n, aggLabel: () => '', countOf: '', other: 'Other', empty: '', granLabel: (g: string) => g };
    const years: ChartData = { xKind: 'number', keys: ['2019'], series: [], truncated: false, plainKeys: true };
    expect(keyLabel('2019', years, words)).toBe('2019');
    expect(keyLabel('[1000, 2000[', { ...years, width: 1000 }, words)).toBe('1000 – 2000');
    expect(keyLabel('2019', { ...years, plainKeys: false }, words)).toBe('2,019');
  });
  it('groups weeks with range(…, 1 week) and shows a week by its Monday', () => {
    expect(pickBucketing(new Date('2001-01-01T00:00:00Z'), new Date('2001-06-30T00:00:00Z'), true)).toEqual({ gran: 'week', step: 1 });
    expect(bucketExpr('`date`', 'week')).toBe('range(`date`, 1 week)');
    expect(bucketExpr('`date`', 'month')).toBe('date_format(`date`, "yyyy-MM")');
    expect(formatBucket('en', '[2001-01-01, 2001-01-08[', 'week')).toBe(new Intl.DateTimeFormat('en', { timeZone: 'UTC', year: 'numeric', month: 'short', day: 'numeric' }).format(Date.UTC(2001, 0, 1)));
  });
  it('picks round histogram widths', () => {
    expect(niceWidth(0, 100)).toBe(5);
    expect(niceWidth(0, 37)).toBe(2);
    expect(niceWidth(10, 10)).toBe(1);
  });
});

describe('axis names', () => {
  const words = {
    lang: 'en', fieldLabel: (n: string) => ({ amount_eur: 'Amount', department: 'Department', date: 'Date', depth_km: 'Depth' } as Record<string, string>)[n] ?? n,
    aggLabel: (a: string) => ({ sum: 'Sum', avg: 'Average' } as Record<string, string>)[a] ?? a, aggOf: (a: string, f: string) => `${a} of ${f}`,
    countOf: 'Number of records', other: 'Other', empty: '(empty)', granLabel: (g: string) => g[0].toUpperCase() + g.slice(1),
    stepLabel: (g: string, n: number) => `${n} ${g}s`, unitOf: (n: string) => ({ amount_eur: 'EUR', depth_km: 'km' } as Record<string, string>)[n],
  };
  const byDept: ChartSpec = { x: 'department', series: [{ agg: 'sum', field: 'amount_eur' }], type: 'bar', stack: false, top: 10 };
  const data: ChartData = { xKind: 'category', keys: ['Schools'], truncated: false, series: [{ spec: byDept.series[0], values: [1] }] };
  it('names the measure with its unit and the x field with its time bucket or unit', () => {
    expect(valueAxisName(byDept, words)).toBe('Sum of Amount (EUR)');
    expect(valueAxisName({ ...byDept, series: [{ agg: 'count' }] }, words)).toBe('Number of records');
    expect(categoryAxisName(data, byDept, words)).toBe('Department');
    expect(categoryAxisName({ ...data, xKind: 'date', gran: 'year', step: 5 }, { ...byDept, x: 'date' }, words)).toBe('Date (5 years)');
    expect(categoryAxisName({ ...data, xKind: 'date', gran: 'month' }, { ...byDept, x: 'date' }, words)).toBe('Date (month)');
    expect(categoryAxisName({ ...data, xKind: 'number', width: 5 }, { ...byDept, x: 'depth_km' }, words)).toBe('Depth (km)');
  });
  it('puts them on the ECharts axes: value axis along the bottom of horizontal bars, up the side of columns', () => {
    const bar = buildOption(data, byDept, words, { description: 'd' }) as { xAxis: { name: string }; yAxis: { name: string } };
    expect([bar.xAxis.name, bar.yAxis.name]).toEqual(['Sum of Amount (EUR)', 'Department']);
    const column = buildOption(data, { ...byDept, type: 'column' }, words, { description: 'd' }) as { xAxis: { name: string }; yAxis: { name: string } };
    expect([column.xAxis.name, column.yAxis.name]).toEqual(['Department', 'Sum of Amount (EUR)']);
  });
});

describe('text twin', () => {
  const data: ChartData = {
    xKind: 'category', keys: ['Oak', 'Elm', null, '\u0000other'], truncated: true,
    series: [{ spec: { agg: 'sum', field: 'height' }, values: [1200.5, 30, 7, 400] }],
  };
  const spec: ChartSpec = { x: 'kind', series: [{ agg: 'sum', field: 'height' }], type: 'bar', stack: false, top: 3 };
  const words = {
    lang: 'fr', fieldLabel: (n: string) => n.toUpperCase(), aggLabel: () => 'Somme', countOf: 'Nombre', other: 'Autres', empty: '(vide)',
    granLabel: (g: string) => g, typeName: 'Barres', points: (n: number) => `${n} points`,
    intro: (v: { type: string; title: string; points: string }) => `${v.type}|${v.title}|${v.points}`,
    series: (v: Record<string, string>) => `${v.series}: max ${v.max} (${v.maxAt}), min ${v.min} (${v.minAt}), total ${v.total}`,
    seriesNoTotal: (v: Record<string, string>) => `${v.series}: max ${v.max} (${v.maxAt}), min ${v.min} (${v.minAt})`,
    truncated: (n: number) => `top ${n}`,
    topOnly: (n: number) => `only ${n}`,
  };
  it('states the highest, lowest and total in the reader\'s locale', () => {
    const text = describeChart(data, spec, 'T', words);
    // 1200.5 + 30 + 7 + 400 = 1637.5; French: narrow no-break space groups, comma decimals (CLDR).
    expect(text).toBe('Barres|T|4 points Somme – HEIGHT: max 1\u202f200,5 (Oak), min 7 ((vide)), total 1\u202f637,5 top 3');
  });
  it('never writes a placeholder: an average has no total, and a dropped "Other" is said so', () => {
    const avg: ChartData = { xKind: 'category', keys: ['Oak', 'Elm'], truncated: true, series: [{ spec: { agg: 'avg', field: 'height' }, values: [12, 8.5] }] };
    const text = describeChart(avg, { ...spec, series: [{ agg: 'avg', field: 'height' }] }, 'T', words);
    expect(text).toBe('Barres|T|2 points Somme – HEIGHT: max 12 (Oak), min 8,5 (Elm) only 3');
    expect(text).not.toContain('–\u00a0');
    const nulls: ChartData = { xKind: 'category', keys: ['A', 'B'], truncated: false, series: [{ spec: { agg: 'count' }, values: [null, null] }] };
    expect(describeChart(nulls, { ...spec, series: [{ agg: 'count' }] }, 'T', words)).toBe('Barres|T|2 points');
  });
  it('exports plain numbers in CSV with the Other row named', () => {
    expect(chartCsv(data, spec, words)).toBe('KIND,Somme – HEIGHT\r\nOak,1200.5\r\nElm,30\r\n,7\r\nAutres,400\r\n');
  });
  it('reads range() group keys', () => {
    expect(parseRange('[10, 15[')).toEqual([10, 15]);
    expect(parseRange('[-5.5..0.5[')).toEqual([-5.5, 0.5]);
    expect(parseRange('abc')).toBeNull();
  });
});
