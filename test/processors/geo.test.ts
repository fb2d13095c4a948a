// Geo processors: WKT from the OGC Simple Features examples and WKB hex of the same geometries
// (as PostGIS writes them), distances against the haversine formula computed by DuckDB in SQL,
// simplification and point-in-shape joins on figures whose answers are worked out by hand, and
// geomasking checked by its promises (cell-mates merge, no point moves more than half a diagonal).
import { describe, expect, it } from 'vitest';
import { duckdb, run, text } from './support.ts';
import type { PField, Rec } from '../../src/ingest/processors/index.ts';

const pt: PField = { name: 'p', label: 'p', type: 'geo_point_2d' };

describe('create_geopoint, geojson_from_wkt, simplify_shape', () => {
  it('makes points from latitude and longitude; refuses out-of-range values', async () => {
    const out = await run({ type: 'create_geopoint', lat_field: 'lat', lon_field: 'lon' }, text('lat', 'lon'), [{ lat: '48,85', lon: '2.35' }, { lat: null, lon: '1' }]);
    expect(out.records.map((r) => r.geo_point_2d)).toEqual([{ lon: 2.35, lat: 48.85 }, null]);
    expect(out.fields.at(-1)).toMatchObject({ name: 'geo_point_2d', type: 'geo_point_2d' });
    await expect(run({ type: 'create_geopoint', lat_field: 'lat', lon_field: 'lon' }, text('lat', 'lon'), [{ lat: '91', lon: '0' }])).rejects.toMatchObject({ details: { field: 'lat' } });
  });
  it('reads WKT and WKB (hex) to GeoJSON', async () => {
    const inputs = ['POINT (30 10)', 'LINESTRING (30 10, 10 30, 40 40)', 'POLYGON ((30 10, 40 40, 20 40, 10 20, 30 10))',
      '0101000000000000000000F03F0000000000000040', '010200000002000000000000000000000000000000000000000000000000000040000000000000F03F'];
    const out = await run({ type: 'geojson_from_wkt', field: 'g' }, text('g'), inputs.map((g) => ({ g })));
    expect(out.records.map((r) => r.g)).toEqual([
      { type: 'Point', coordinates: [30, 10] }, { type: 'LineString', coordinates: [[30, 10], [10, 30], [40, 40]] },
      { type: 'Polygon', coordinates: [[[30, 10], [40, 40], [20, 40], [10, 20], [30, 10]]] },
      { type: 'Point', coordinates: [1, 2] }, { type: 'LineString', coordinates: [[0, 0], [2, 1]] },
    ]);
    await expect(run({ type: 'geojson_from_wkt', field: 'g' }, text('g'), [{ g: 'POINT (1' }])).rejects.toMatchObject({ code: 'PROCESSOR_FAILED', details: { field: 'g' } });
  });
  it('simplifies: a vertex closer to the line than the tolerance goes, a farther one stays', async () => {
    const shape: PField = { name: 's', label: 's', type: 'geo_shape' };
    const line = { type: 'LineString', coordinates: [[0, 0], [1, 0.00001], [2, 0], [3, 1]] };
    const out = await run({ type: 'simplify_shape', field: 's', tolerance: 0.001 }, [shape], [{ s: line }]);
    expect(out.records[0].s).toEqual({ type: 'LineString', coordinates: [[0, 0], [2, 0], [3, 1]] });
  });
});

describe('geo_distance and geomasking', () => {
  it('gives the haversine distance (mean Earth radius 6371.0088 km) as DuckDB computes it in SQL', async () => {
    const recs: Rec[] = [{ p: { lon: 2.3522, lat: 48.8566 } }, { p: { lon: -73.9857, lat: 40.7484 } }];
    const out = await run({ type: 'geo_distance', field: 'p', to_point: '51.5074, -0.1278', unit: 'kilometers', output_field: 'd' }, [pt], recs);
    for (const [i, r] of recs.entries()) {
      const { lon, lat } = r.p as { lon: number; lat: number };
      const want = Number(await duckdb(`SELECT 2 * 6371.0088 * asin(sqrt(pow(sin(radians(? - 51.5074) / 2), 2) + cos(radians(51.5074)) * cos(radians(?)) * pow(sin(radians(? + 0.1278) / 2), 2)))`, [lat, lat, lon]));
      expect(out.records[i].d as number).toBeCloseTo(want, 6);
    }
  });
  it('blurs points to the centre of their grid cell', async () => {
    const size = 500;
    const pts = [{ lon: 2.35, lat: 48.85 }, { lon: -122.4194, lat: 37.7749 }, { lon: 151.2093, lat: -33.8688 }];
    const out = await run({ type: 'geomasking', field: 'p', cell_size: size }, [pt], pts.map((p) => ({ p })));
    const masked = out.records.map((r) => r.p as { lon: number; lat: number });
    // A cell's centre is its own mask, and so is any point a few metres from it (same cell).
    const again = await run({ type: 'geomasking', field: 'p', cell_size: size }, [pt], masked.flatMap((m) => [{ p: m }, { p: { lon: m.lon + 0.00005, lat: m.lat - 0.00005 } }]));
    expect(again.records.map((r) => r.p)).toEqual(masked.flatMap((m) => [m, m]));
    expect(masked[1]).not.toEqual(masked[2]);
    for (const [i, m] of masked.entries()) {
      const d = Number(await duckdb(`SELECT 2 * 6371008.8 * asin(sqrt(pow(sin(radians(? - ?) / 2), 2) + cos(radians(?)) * cos(radians(?)) * pow(sin(radians(? - ?) / 2), 2)))`,
        [m.lat, pts[i].lat, pts[i].lat, m.lat, m.lon, pts[i].lon]));
      expect(d).toBeLessThanOrEqual((size * Math.SQRT2) / 2 + 1);
      expect(d).toBeGreaterThan(0);
    }
  });
});

describe('geojoin_dataset and join_dataset (datasets of the portal)', () => {
  const districts = {
    fields: [{ name: 'code', label: 'code', type: 'text' as const }, { name: 'shape', label: 'shape', type: 'geo_shape' as const }],
    records: [
      { code: 'W', shape: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]] } },
      { code: 'E', shape: { type: 'MultiPolygon', coordinates: [[[[1, 0], [2, 0], [2, 1], [1, 1], [1, 0]]], [[[5, 5], [6, 5], [6, 6], [5, 5]]]] } },
    ] as Rec[],
  };
  const ctx = { readDataset: async (id: string) => { if (id !== 'districts') throw new Error(id); return districts; } };
  it('gives each point the fields of the shape that contains it', async () => {
    const pts = [{ lon: 0.5, lat: 0.5 }, { lon: 1.5, lat: 0.2 }, { lon: 5.8, lat: 5.5 }, { lon: 5.2, lat: 5.8 }, { lon: 9, lat: 9 }];
    const out = await run({ type: 'geojoin_dataset', field: 'p', dataset: 'districts', shape_field: 'shape' }, [pt], pts.map((p) => ({ p })), ctx);
    expect(out.records.map((r) => r.code)).toEqual(['W', 'E', 'E', null, null]);
  });
  it('joins on a key compared as text; refuses a field that would be overwritten', async () => {
    const fields = [...text('name'), { name: 'n', label: 'n', type: 'int' as const }];
    const out = await run({ type: 'join_dataset', field: 'n', dataset: 'districts', remote_field: 'code', fields: 'shape' }, [...text('code'), ...fields.slice(1)],
      [{ code: 'x', n: 1 }], { readDataset: async () => ({ fields: districts.fields, records: [{ code: '1', shape: null }] }) });
    expect(out.records).toEqual([{ code: 'x', n: 1, shape: null }]);
    await expect(run({ type: 'join_dataset', field: 'name', dataset: 'districts', remote_field: 'shape' }, text('name', 'code'), [], ctx))
      .rejects.toMatchObject({ code: 'PROCESSOR_INVALID', details: { detail: { fields: expect.any(Array) } } });
    const joined = await run({ type: 'join_dataset', field: 'name', dataset: 'districts', remote_field: 'code' }, text('name'), [{ name: 'E' }, { name: 'Z' }], ctx);
    expect(joined.records.map((r) => (r.shape as { type: string } | null)?.type ?? null)).toEqual(['MultiPolygon', null]);
  });
});
