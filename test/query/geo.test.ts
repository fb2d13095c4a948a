// Geometry literals: WKT and GeoJSON to GeoJSON geometries, bounding boxes, errors as messages.
import { describe, expect, it } from 'vitest';
import { bboxOf, parseGeometry, polygonRings } from '../../src/query/geo.ts';

describe('geometry literals', () => {
  it('parses WKT', () => {
    expect(parseGeometry('POINT(1 1)')).toEqual({ type: 'Point', coordinates: [1, 1] });
    expect(parseGeometry('point (2.35 48.85)')).toEqual({ type: 'Point', coordinates: [2.35, 48.85] });
    expect(parseGeometry('MULTIPOINT((1 2), (3 4))')).toEqual({ type: 'MultiPoint', coordinates: [[1, 2], [3, 4]] });
    expect(parseGeometry('MULTIPOINT(1 2, 3 4)')).toEqual({ type: 'MultiPoint', coordinates: [[1, 2], [3, 4]] });
    expect(parseGeometry('LINESTRING(0 0, 1 1)')).toEqual({ type: 'LineString', coordinates: [[0, 0], [1, 1]] });
    const p = parseGeometry('POLYGON((0 0, 4 0, 4 4, 0 4, 0 0), (1 1, 2 1, 2 2, 1 1))');
    expect(p).toEqual({ type: 'Polygon', coordinates: [[[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]], [[1, 1], [2, 1], [2, 2], [1, 1]]] });
    expect(polygonRings(p as never)).toHaveLength(2);
    const mp = parseGeometry('MULTIPOLYGON(((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 5, 6 6, 5 5)))');
    expect(bboxOf(mp as never)).toEqual({ xmin: 0, ymin: 0, xmax: 6, ymax: 6 });
  });

  it('parses GeoJSON geometries (and a Feature)', () => {
    const g = { type: 'Polygon', coordinates: [[[100, 0], [101, 0], [101, 1], [100, 1], [100, 0]]] };
    expect(parseGeometry(JSON.stringify(g))).toEqual(g);
    expect(parseGeometry(JSON.stringify({ type: 'Feature', geometry: { type: 'Point', coordinates: [1, 2] }, properties: {} }))).toEqual({ type: 'Point', coordinates: [1, 2] });
  });

  it('reports invalid geometries as messages', () => {
    for (const bad of ['POINT(1)', 'POLYGON((0 0, 1 1)', 'CIRCLE(1 1, 2)', '{"type":"Point"}', '{"type":"Polygon","coordinates":[]}', '{bad json', 'POINT(1 1) trailing']) {
      expect(typeof parseGeometry(bad)).toBe('string');
    }
  });
});
