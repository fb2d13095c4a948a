// The pure parts of the page viewer's blocks and routes: which image addresses may load (never a
// script or data: URL), a table's default columns and its order as the table view's `sort`, a
// chart block read as the Analyze tab's ChartSpec, and the page routes and their links.
import { describe, expect, it } from 'vitest';
import { chartSpecOf, safeImageUrl, simpleOrder, tableFields, tableViewSearch } from '../../web/src/pages-view/blocks/block-logic.ts';
import { matchRoute, pageEmbedHref, pageHref } from '../../web/src/app/routes.ts';
import { blockDatasets } from '../../web/src/api/page-model.ts';
import type { ApiField } from '../../web/src/api/types.ts';

const field = (name: string, type: ApiField['type']): ApiField => ({ name, label: name, type, description: null, annotations: {} });

describe('image addresses', () => {
  it('loads http(s) and same-site paths only', () => {
    expect(safeImageUrl(' https://example.org/a.png ')).toBe('https://example.org/a.png');
    expect(safeImageUrl('/media/a.png')).toBe('/media/a.png');
    expect(safeImageUrl('javascript:alert(1)')).toBeNull();
    expect(safeImageUrl('data:image/svg+xml,<svg onload=alert(1)>')).toBeNull();
    expect(safeImageUrl('//evil.example/a.png')).toBeNull();
    expect(safeImageUrl('/\\evil.example/a.png')).toBeNull();
  });
});

describe('table blocks', () => {
  const fields = [field('geo', 'geo_point_2d'), field('a', 'text'), field('b', 'int'), field('c', 'date'), field('d', 'text'), field('e', 'double'), field('f', 'text'), field('g', 'text')];
  it('shows the chosen fields in their order (unknown ones dropped), else the first six non-geographic ones', () => {
    expect(tableFields({ fields: ['e', 'nope', 'a'] }, fields).map((f) => f.name)).toEqual(['e', 'a']);
    expect(tableFields({}, fields).map((f) => f.name)).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
  });
  it('reads a simple order (ascending by default) and gives the table view its where and sort', () => {
    expect(simpleOrder('measured_at desc')).toEqual({ field: 'measured_at', dir: 'desc' });
    expect(simpleOrder('`height`')).toEqual({ field: 'height', dir: 'asc' });
    expect(simpleOrder('a desc, b asc')).toBeNull();
    expect(simpleOrder(undefined)).toBeNull();
    expect(tableViewSearch('site = "A"', 'no2 DESC').toString()).toBe('tab=table&where=site+%3D+%22A%22&sort=-no2');
    expect(tableViewSearch('', 'length(x)').toString()).toBe('tab=table');
  });
});

describe('chart blocks', () => {
  it('become the Analyze tab\'s ChartSpec: stacking off and the top 10 unless set', () => {
    expect(chartSpecOf({ type: 'bar', x: 'site', series: [{ agg: 'avg', field: 'no2' }] }))
      .toEqual({ type: 'bar', x: 'site', gran: undefined, series: [{ agg: 'avg', field: 'no2' }], split: undefined, stack: false, top: 10 });
    expect(chartSpecOf({ type: 'line', x: 'd', gran: 'month', series: [], stack: true, top: 5 }))
      .toMatchObject({ series: [{ agg: 'count' }], stack: true, top: 5, gran: 'month' });
  });
});

describe('page routes', () => {
  it('matches a page, its embed and one block\'s embed', () => {
    expect(matchRoute('/pages/air-quality-dashboard')).toEqual({ page: 'pageview', slug: 'air-quality-dashboard' });
    expect(matchRoute('/pages/air-quality-dashboard/')).toEqual({ page: 'pageview', slug: 'air-quality-dashboard' });
    expect(matchRoute('/embed/pages/air')).toEqual({ page: 'embed-page', slug: 'air' });
    expect(matchRoute('/embed/pages/air/blocks/no2')).toEqual({ page: 'embed-page', slug: 'air', blockId: 'no2' });
    expect(matchRoute('/pages/a/b')).toEqual({ page: 'not-found' });
    expect(pageHref('air', 'pf.site=A')).toBe('/pages/air?pf.site=A');
    expect(pageEmbedHref('air', 'no2', new URLSearchParams({ lang: 'fr' }))).toBe('/embed/pages/air/blocks/no2?lang=fr');
  });
  it('a map reads each of its layers\' datasets once', () => {
    expect(blockDatasets({ id: 'm', type: 'map', layout: { w: 6, h: 4 }, layers: [{ dataset: 'a', style: 'points' }, { dataset: 'b', style: 'clusters' }, { dataset: 'a', style: 'points', where: 'x > 1' }] })).toEqual(['a', 'b']);
    expect(blockDatasets({ id: 't', type: 'text', layout: { w: 12, h: 1 }, markdown: 'x' })).toEqual([]);
  });
});
