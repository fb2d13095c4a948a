// JSON, JSON Lines and GeoJSON renderers parsed back with JSON.parse and checked against the shapes of
// the real ODS exports (flat records, geo_shape as Feature, geo_point_2d {lon, lat}) and RFC 7946.
import { describe, expect, it } from 'vitest';
import { jsonLinesRenderer, jsonRenderer } from '../../src/server/respond/json.ts';
import { geojsonRenderer } from '../../src/server/respond/geojson.ts';
import { COLUMNS, LINE, POLYGON_WITH_HOLE, ROWS, context, render } from './fixtures.ts';

describe('json renderer', () => {
  it('writes an array of flat records in the Explore API shapes', async () => {
    const out = JSON.parse((await render(jsonRenderer, context(ROWS, COLUMNS, { timezone: 'Europe/Paris' }))).toString('utf8'));
    expect(out).toHaveLength(4);
    expect(Object.keys(out[0])).toEqual(COLUMNS.map((c) => c.name));
    expect(out[0]).toEqual({
      name: 'Tour Eiffel; "la dame de fer"', count: 1, ratio: 45, ok: true, day: '2019-03-26',
      at: '2021-09-01T03:00:00+02:00', extra: { a: [1, 2] }, geo_point_2d: { lon: 2.2945, lat: 48.8584 },
      geo_shape: { type: 'Feature', geometry: { type: 'Point', coordinates: [2.2945, 48.8584] }, properties: {} },
    });
    expect(out[2]).toMatchObject({ name: null, count: null, geo_shape: { geometry: LINE } });
    expect(out[3]).toMatchObject({ geo_point_2d: null, geo_shape: null, extra: [] });
  });
  it('writes [] for no rows', async () => {
    expect(JSON.parse((await render(jsonRenderer, context([], COLUMNS))).toString())).toEqual([]);
  });
});

describe('jsonl renderer', () => {
  it('writes one record per line', async () => {
    const text = (await render(jsonLinesRenderer, context(ROWS, COLUMNS))).toString('utf8');
    const lines = text.split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(4);
    expect(JSON.parse(lines[1]!)).toMatchObject({ name: 'Épicéa\nmulti-ligne', at: '2021-01-15T12:30:05+00:00', day: '2000-01-01' });
  });
});

describe('geojson renderer', () => {
  it('writes an RFC 7946 FeatureCollection: geometry from geo_shape, the rest in properties', async () => {
    const fc = JSON.parse((await render(geojsonRenderer, context(ROWS, COLUMNS))).toString('utf8'));
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features).toHaveLength(4);
    for (const f of fc.features) {
      expect(Object.keys(f).sort()).toEqual(['geometry', 'properties', 'type']);
      expect(f.type).toBe('Feature');
      if (f.geometry !== null) {
        expect(['Point', 'LineString', 'Polygon', 'MultiPoint', 'MultiLineString', 'MultiPolygon', 'GeometryCollection']).toContain(f.geometry.type);
        expect(Array.isArray(f.geometry.coordinates)).toBe(true);
      }
      expect(f.properties).not.toHaveProperty('geo_shape');
    }
    expect(fc.features[0].geometry).toEqual({ type: 'Point', coordinates: [2.2945, 48.8584] });
    expect(fc.features[1].geometry).toEqual(POLYGON_WITH_HOLE);
    expect(fc.features[3].geometry).toBeNull();
    expect(fc.features[0].properties).toMatchObject({ name: 'Tour Eiffel; "la dame de fer"', count: 1, geo_point_2d: { lon: 2.2945, lat: 48.8584 } });
  });
  it('uses geo_point_2d as a Point geometry when there is no geo_shape (like the ODS les-arbres export)', async () => {
    const columns = COLUMNS.filter((c) => c.type !== 'geo_shape');
    const fc = JSON.parse((await render(geojsonRenderer, context(ROWS.slice(0, 1), columns))).toString('utf8'));
    expect(fc.features[0].geometry).toEqual({ type: 'Point', coordinates: [2.2945, 48.8584] });
    expect(fc.features[0].properties).not.toHaveProperty('geo_point_2d');
  });
});
