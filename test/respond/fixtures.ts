// Hand-built rows and columns following the row-value conventions (text string, int/double number,
// date = Date at UTC midnight, datetime = Date instant, geo_point_2d {lon, lat}, geo_shape GeoJSON
// text, json_blob JSON text), and a RenderContext builder for the renderer tests.
import type { ResultColumn } from '../../src/core/request.ts';
import type { Dataset } from '../../src/core/types.ts';
import type { Backend, Row } from '../../src/storage/backend.ts';
import { parseExportOptions } from '../../src/server/respond/options.ts';
import type { RenderContext, Renderer } from '../../src/server/respond/renderer.ts';
import { collect } from '../../src/server/respond/streams.ts';

export const COLUMNS: ResultColumn[] = [
  { name: 'name', type: 'text', label: 'Name' },
  { name: 'count', type: 'int', label: 'Count (n)' },
  { name: 'ratio', type: 'double', label: 'Ratio' },
  { name: 'ok', type: 'boolean', label: 'OK?' },
  { name: 'day', type: 'date', label: 'Day' },
  { name: 'at', type: 'datetime', label: 'At' },
  { name: 'extra', type: 'json_blob', label: 'Extra' },
  { name: 'geo_point_2d', type: 'geo_point_2d', label: 'Geo Point' },
  { name: 'geo_shape', type: 'geo_shape', label: 'Geo Shape' },
];

export const POLYGON_WITH_HOLE = {
  type: 'Polygon',
  coordinates: [
    [[2.0, 48.0], [3.0, 48.0], [3.0, 49.0], [2.0, 49.0], [2.0, 48.0]],
    [[2.2, 48.2], [2.2, 48.4], [2.4, 48.4], [2.4, 48.2], [2.2, 48.2]],
  ],
};
export const LINE = { type: 'LineString', coordinates: [[2.35, 48.85], [2.36, 48.86], [2.37, 48.84]] };

export const ROWS: Row[] = [
  {
    name: 'Tour Eiffel; "la dame de fer"', count: 1, ratio: 45, ok: true,
    day: new Date(Date.UTC(2019, 2, 26)), at: new Date('2021-09-01T01:00:00Z'), extra: '{"a":[1,2]}',
    geo_point_2d: { lon: 2.2945, lat: 48.8584 }, geo_shape: '{"type":"Point","coordinates":[2.2945,48.8584]}',
  },
  {
    name: 'Épicéa\nmulti-ligne', count: -12, ratio: 0.125, ok: false,
    day: new Date(Date.UTC(2000, 0, 1)), at: new Date('2021-01-15T12:30:05Z'), extra: null,
    geo_point_2d: { lon: 2.5, lat: 48.5 }, geo_shape: JSON.stringify(POLYGON_WITH_HOLE),
  },
  {
    name: null, count: null, ratio: null, ok: null, day: null, at: null, extra: null,
    geo_point_2d: { lon: 2.36, lat: 48.85 }, geo_shape: JSON.stringify(LINE),
  },
  {
    name: 'no geometry', count: 3, ratio: 1e-7, ok: true, day: null, at: null, extra: '[]',
    geo_point_2d: null, geo_shape: null,
  },
];

export const DATASET: Dataset = {
  dataset_uid: 'da_test', dataset_id: 'test-set', table: 'ds_test', fields: [],
  metas: { default: { title: 'Test set' }, dcat: {} } as unknown as Dataset['metas'],
  has_records: true, is_restricted: false, is_published: true, created: '2024-01-01T00:00:00Z', data_version: 1,
};

/** Yields the rows in batches of `size`, as Backend.stream does. */
export async function* batches(rows: Row[], size = 2): AsyncIterable<Row[]> {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}

/** A store that knows no engine types: renderers with an engine path (csv) take their row path. */
const ROWS_ONLY_BACKEND = { describe: async () => [] } as unknown as Backend;

export function context(
  rows: Row[], columns: ResultColumn[], query: Record<string, string> = {}, backend?: Backend,
): RenderContext {
  return {
    dataset: DATASET, columns, rows: batches(rows), options: parseExportOptions(query),
    query: { sql: 'SELECT 1', params: [], columns }, backend: backend ?? ROWS_ONLY_BACKEND,
    baseUrl: 'https://data.example.org',
  };
}

export async function render(renderer: Renderer, ctx: RenderContext): Promise<Buffer> {
  return collect(renderer.render(ctx));
}
