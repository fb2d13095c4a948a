// Chart logic of the Analyze tab: URL round trip, defaults from field types, granularity
// giving 12–60 buckets, the text twin's key values, and Okabe–Ito colours.
import { describe, expect, it } from 'vitest';
import { readSpec, writeSpec, type ChartSpec } from '../../web/src/dataset/analyze/spec.ts';
import { bucketCount, bucketExpr, niceWidth, pickGranularity } from '../../web/src/dataset/analyze/granularity.ts';
import { formatBucket } from '../../web/src/format/format.ts';
import { defaultSpec } from '../../web/src/dataset/analyze/defaults.ts';
import { describeChart, chartCsv } from '../../web/src/dataset/analyze/describe.ts';
import { keyLabel, parseRange } from '../../web/src/dataset/analyze/labels.ts';
import { numberBins, type ChartData } from '../../web/src/dataset/analyze/query.ts';
import type { ApiField, FieldType } from '../../web/src/api/types.ts';

const field = (name: string, type: FieldType, facet = false): ApiField =>
  ({ name, label: name.toUpperCase(), type, description: null, annotations: facet ? { facet: [] } : {} });

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

describe('default chart from field types', () => {
  it('date + number gives a line over time', () => {
    const s = defaultSpec([field('name', 'text'), field('day', 'date'), field('amount', 'double')], [field('name', 'text')])!;
    expect(s).toMatchObject({ x: 'day', type: 'line', series: [{ agg: 'avg', field: 'amount' }] });
  });
  it('category + number gives sorted bars of the top 10', () => {
    const s = defaultSpec([field('kind', 'text', true), field('height', 'int'), field('id', 'int')], [field('kind', 'text', true)])!;
    expect(s).toMatchObject({ x: 'kind', type: 'bar', top: 10, series: [{ agg: 'sum', field: 'height' }] });
  });
  it('a lone number gives a histogram; nothing chartable gives null', () => {
    expect(defaultSpec([field('height', 'double')], [])).toMatchObject({ x: 'height', type: 'column', series: [{ agg: 'count' }] });
    expect(defaultSpec([field('shape', 'geo_shape')], [])).toBeNull();
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
  it.each(cases)('%s → %s gives 12–60 buckets when some granularity can', (a, b) => {
    const from = new Date(`${a}T00:00:00Z`);
    const to = new Date(`${b}T00:00:00Z`);
    const g = pickGranularity(from, to, false);
    expect(bucketCount(from, to, g)).toBe(walk(from, to, g as Walked));
    const feasible = (['year', 'month', 'week', 'day'] as const).some((x) => { const n = walk(from, to, x); return n >= 12 && n <= 60; });
    const n = walk(from, to, g as Walked);
    if (feasible) { expect(n).toBeGreaterThanOrEqual(12); expect(n).toBeLessThanOrEqual(60); }
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
    expect(pickGranularity(new Date('2001-01-01T00:00:00Z'), new Date('2001-06-30T00:00:00Z'), true)).toBe('week');
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
    truncated: (n: number) => `top ${n}`,
  };
  it('states the highest, lowest and total in the reader\'s locale', () => {
    const text = describeChart(data, spec, 'T', words);
    // 1200.5 + 30 + 7 + 400 = 1637.5; French: narrow no-break space groups, comma decimals (CLDR).
    expect(text).toBe('Barres|T|4 points Somme – HEIGHT: max 1\u202f200,5 (Oak), min 7 ((vide)), total 1\u202f637,5 top 3');
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
