// Where the editor shows a refusal of the server: paths as the server names them (test/pages/
// pages-api.test.ts lists them) mapped to the page, a block's key or a filter's key.
import { describe, expect, it } from 'vitest';
import { detailItems, errorFor, placeErrors, placeOf } from '../../web/src/admin/pages/errors.ts';
import { slugify, SLUG_RE } from '../../web/src/admin/pages/slug.ts';
import { aggregateValue, simpleAggregate } from '../../web/src/admin/pages/kpi-value.ts';

describe('paths', () => {
  it.each([
    ['content.blocks[1].chart.x', { area: 'block', index: 1, key: 'chart.x' }],
    ['content.blocks[0].chart.series[0].field', { area: 'block', index: 0, key: 'chart.series[0].field' }],
    ['content.blocks[12].layers[0].dataset', { area: 'block', index: 12, key: 'layers[0].dataset' }],
    ['content.blocks[3]', { area: 'block', index: 3, key: '' }],
    ['content.filters[0].field', { area: 'filter', index: 0, key: 'field' }],
    ['content.title', { area: 'page', key: 'title' }],
    ['slug', { area: 'page', key: 'slug' }],
    ['readers.users[0]', { area: 'page', key: 'readers.users[0]' }],
  ])('%s', (path, place) => expect(placeOf(path)).toEqual(place));
});

it('groups a 400 detail by block and key, and finds messages under a key', () => {
  const placed = placeErrors(detailItems({ 'content.blocks[1].chart.x': ['dataset air has no field "date"'], 'content.blocks[1].chart.series[0].field': ['field "sensor" of air is text; expected int or double'], slug: ['already used'] }));
  expect(placed.page).toEqual({ slug: 'already used' });
  expect(placed.blocks[1]['chart.x']).toBe('dataset air has no field "date"');
  expect(errorFor(placed.blocks[1], 'chart.series')).toBe('field "sensor" of air is text; expected int or double');
  expect(errorFor(placed.blocks[0], 'chart.x')).toBeUndefined();
  expect(errorFor(placed.blocks[1], 'chart.x2')).toBeUndefined();
});

it.each([
  ['Air quality dashboard', 'air-quality-dashboard'], ['Qualité de l’air — été 2026 !', 'qualite-de-l-air-ete-2026'], ['  --Trees--  ', 'trees'], ['Ωμέγα', ''],
])('slug of "%s"', (title, slug) => {
  expect(slugify(title)).toBe(slug);
  if (slug) expect(SLUG_RE.test(slug)).toBe(true);
});

describe('KPI values in the form', () => {
  it.each([
    ['avg(pm25)', { agg: 'avg', field: 'pm25' }], [' SUM( amount ) ', { agg: 'sum', field: 'amount' }], ['count(*)', { agg: 'count', field: '' }],
    ['avg(pm25) * 2', null], ['count(pm25)', null], ['percentile(pm25, 90)', null], ['max(a.b)', null],
  ])('%s', (value, out) => expect(simpleAggregate(value)).toEqual(out));
  it('writes the aggregate back as ODSQL', () => {
    expect(aggregateValue('count', 'x')).toBe('count(*)');
    expect(aggregateValue('max', 'height')).toBe('max(height)');
  });
});
