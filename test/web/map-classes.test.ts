// Colour by a field: class breaks (quantiles as DuckDB's quantile_cont computes them, equal
// intervals), category colours with "Other", the paint expression, and the layers kept in the URL.
import { describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import {
  CATEGORY_COLOURS, OTHER_COLOUR, categoryColouring, classColours, classOf, colourExpression, equalIntervalBreaks,
  quantileBreaks, quantilePercentiles, SEQUENTIAL_COLOURS,
} from '../../web/src/dataset/map/classes.ts';
import { addOverlay, OVERLAY_COLOURS, readOverlays, removeOverlay, toggleOverlay, writeOverlays } from '../../web/src/dataset/map/overlays.ts';

const values = [1, 2, 2, 3, 5, 8, 13, 21, 34, 100];

describe('class breaks', () => {
  it('quantile breaks use the percentiles DuckDB computes (what the API answers)', async () => {
    const db = await (await DuckDBInstance.create(':memory:')).connect();
    const ps = quantilePercentiles();
    expect(ps).toEqual([20, 40, 60, 80]);
    const sql = `select ${ps.map((p) => `quantile_cont(v, ${p / 100})`).join(', ')} from (values ${values.map((v) => `(${v})`).join(', ')}) t(v)`;
    const row = (await (await db.run(sql)).getRows())[0].map(Number);
    // Linear interpolation by hand (the R-7 definition): position (n-1)·p between sorted values.
    const byHand = ps.map((p) => { const h = (values.length - 1) * p / 100; const lo = Math.floor(h); return values[lo] + (h - lo) * (values[lo + 1] - values[lo]); });
    row.forEach((v, i) => expect(v).toBeCloseTo(byHand[i], 9));
    expect(quantileBreaks(1, 100, row)).toEqual([1, ...row, 100]);
  });
  it('equal percentile values merge into one class edge', () => {
    expect(quantileBreaks(0, 10, [0, 0, 4, 4])).toEqual([0, 4, 10]);
  });
  it('equal intervals split min..max into five classes of one width', () => {
    expect(equalIntervalBreaks(0, 100)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(equalIntervalBreaks(7, 7)).toEqual([7, 7]);
  });
  it('a value falls in the class whose lower edge it reaches; the maximum in the last class', () => {
    const b = [0, 20, 40, 60, 80, 100];
    expect([0, 19.9, 20, 99, 100, -1, 101].map((v) => classOf(b, v))).toEqual([0, 0, 1, 4, 4, -1, -1]);
  });
  it('class colours run light to dark over the sequential ramp', () => {
    expect(classColours(5)).toEqual(SEQUENTIAL_COLOURS);
    expect(classColours(2)).toEqual([SEQUENTIAL_COLOURS[0], SEQUENTIAL_COLOURS[4]]);
  });
});

describe('category colours', () => {
  it('the seven most frequent values get a colour each; the rest of the total is "Other"', () => {
    const counts = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'].map((value, i) => ({ value, count: 10 + i }));
    const c = categoryColouring('kind', counts, 200);
    expect(c.values.map((v) => v.value)).toEqual(['i', 'h', 'g', 'f', 'e', 'd', 'c']);
    expect(c.values.map((v) => v.colour)).toEqual(CATEGORY_COLOURS);
    const top = counts.slice(2).reduce((s, v) => s + v.count, 0);
    expect(c.other).toBe(200 - top);
  });
  it('the paint expression matches categories to colours and steps numbers through the classes', () => {
    const c = categoryColouring('kind', [{ value: 'Oak', count: 3 }], 3);
    expect(colourExpression(c, '#000')).toEqual(['match', ['to-string', ['get', 'kind']], 'Oak', CATEGORY_COLOURS[0], OTHER_COLOUR]);
    expect(colourExpression(null, '#123456')).toBe('#123456');
    const step = colourExpression({ kind: 'classes', field: 'p', method: 'equal', breaks: [0, 5, 10], colours: ['#a', '#b'], noValue: 0 }, '#000');
    expect(step).toEqual(['case', ['==', ['typeof', ['get', 'p']], 'number'], ['step', ['to-number', ['get', 'p']], '#a', 5, '#b'], '#ffffff']);
  });
});

describe('added layers in the URL', () => {
  it('reads, adds, hides and removes layers; the page dataset is never its own layer', () => {
    const sp = new URLSearchParams('layer=districts&layer=parks&layer=street-trees&hide=parks');
    const refs = readOverlays(sp, 'street-trees');
    expect(refs).toEqual([{ id: 'districts', hidden: false, colour: OVERLAY_COLOURS[0] }, { id: 'parks', hidden: true, colour: OVERLAY_COLOURS[1] }]);
    const added = addOverlay(refs, 'stops');
    expect(writeOverlays(new URLSearchParams('tab=map'), added).toString()).toBe('tab=map&layer=districts&layer=parks&layer=stops&hide=parks');
    expect(writeOverlays(new URLSearchParams(), toggleOverlay(refs, 'parks')).toString()).toBe('layer=districts&layer=parks');
    expect(writeOverlays(new URLSearchParams(), removeOverlay(refs, 'districts')).toString()).toBe('layer=parks&hide=parks');
  });
});
