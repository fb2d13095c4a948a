// WKT to GeoJSON and geometry checks: expectations are the WKT/GeoJSON equivalences of the OGC Simple
// Features and RFC 7946 examples, written by hand.
import { describe, expect, it } from 'vitest';
import { parseWkt, WktError } from '../../src/ingest/geo/wkt.ts';
import { bbox, geometryProblem } from '../../src/ingest/geo/geometry.ts';
import { toGeometry } from '../../src/ingest/geo/side-table.ts';

describe('parseWkt', () => {
  it.each([
    ['POINT (30 10)', { type: 'Point', coordinates: [30, 10] }],
    ['point(-1.5e1 +2.25)', { type: 'Point', coordinates: [-15, 2.25] }],
    ['POINT Z (1 2 3)', { type: 'Point', coordinates: [1, 2, 3] }],
    ['POINT M (1 2 9)', { type: 'Point', coordinates: [1, 2] }],
    ['POINT ZM (1 2 3 9)', { type: 'Point', coordinates: [1, 2, 3] }],
    ['LINESTRING (30 10, 10 30, 40 40)', { type: 'LineString', coordinates: [[30, 10], [10, 30], [40, 40]] }],
    ['POLYGON ((35 10, 45 45, 15 40, 10 20, 35 10), (20 30, 35 35, 30 20, 20 30))',
      { type: 'Polygon', coordinates: [[[35, 10], [45, 45], [15, 40], [10, 20], [35, 10]], [[20, 30], [35, 35], [30, 20], [20, 30]]] }],
    ['MULTIPOINT ((10 40), (40 30))', { type: 'MultiPoint', coordinates: [[10, 40], [40, 30]] }],
    ['MULTIPOINT (10 40, 40 30)', { type: 'MultiPoint', coordinates: [[10, 40], [40, 30]] }],
    ['MULTILINESTRING ((10 10, 20 20), (40 40, 30 30))', { type: 'MultiLineString', coordinates: [[[10, 10], [20, 20]], [[40, 40], [30, 30]]] }],
    ['MULTIPOLYGON (((30 20, 45 40, 10 40, 30 20)), ((15 5, 40 10, 10 20, 5 10, 15 5)))',
      { type: 'MultiPolygon', coordinates: [[[[30, 20], [45, 40], [10, 40], [30, 20]]], [[[15, 5], [40, 10], [10, 20], [5, 10], [15, 5]]]] }],
    ['GEOMETRYCOLLECTION (POINT (40 10), LINESTRING (10 10, 20 20))',
      { type: 'GeometryCollection', geometries: [{ type: 'Point', coordinates: [40, 10] }, { type: 'LineString', coordinates: [[10, 10], [20, 20]] }] }],
    ['SRID=4326;POINT(2.35 48.85)', { type: 'Point', coordinates: [2.35, 48.85] }],
  ])('%s', (wkt, geojson) => {
    expect(parseWkt(wkt)).toEqual(geojson);
  });

  it('reads EMPTY as no geometry', () => {
    expect(parseWkt('POINT EMPTY')).toBeNull();
    expect(parseWkt('GEOMETRYCOLLECTION EMPTY')).toEqual({ type: 'GeometryCollection', geometries: [] });
  });

  it.each(['POINT (1)', 'POLYGON ((1 2, 3 4)', 'CIRCLE (1 2)', 'POINT (1 2) trailing', 'LINESTRING (1 2, x 4)'])('rejects %s', (wkt) => {
    expect(() => parseWkt(wkt)).toThrow(WktError);
  });
});

describe('geometryProblem and bbox', () => {
  it('accepts RFC 7946 geometries and boxes them', () => {
    const g = { type: 'MultiPolygon', coordinates: [[[[102, 2], [103, 2], [103, 3], [102, 3], [102, 2]]], [[[100, 0], [101, 0], [101, 1], [100, 1], [100, 0]]]] };
    expect(geometryProblem(g)).toBeNull();
    expect(bbox(g)).toEqual({ xmin: 100, ymin: 0, xmax: 103, ymax: 3 });
  });

  it.each([
    [{ type: 'Point', coordinates: [1] }, /position/],
    [{ type: 'Polygon', coordinates: [1, 2] }, /nested arrays/],
    [{ type: 'Circle', coordinates: [1, 2] }, /unknown geometry type/],
    [{ type: 'LineString', coordinates: [[1, 'a']] }, /non-numbers/],
    [{ type: 'GeometryCollection' }, /geometries/],
    ['POINT (1 2)', /not an object/],
  ])('explains what is wrong with %j', (g, re) => {
    expect(geometryProblem(g)).toMatch(re);
  });

  it('converts GeoJSON text, Features and WKT; reports invalid values', () => {
    expect(toGeometry('{"type":"Feature","geometry":{"type":"Point","coordinates":[1,2]},"properties":{}}')).toEqual({ type: 'Point', coordinates: [1, 2] });
    expect(toGeometry(' POINT(1 2) ')).toEqual({ type: 'Point', coordinates: [1, 2] });
    expect(toGeometry('{"type":"Feature","geometry":null}')).toBeNull();
    expect(toGeometry('{"type":"Point","coordinates":[1]}')).toMatch(/position/);
    expect(toGeometry('{"type":')).toMatch(/invalid JSON/);
    expect(toGeometry('POLYGON ((1 2')).toMatch(/invalid WKT/);
  });
});
