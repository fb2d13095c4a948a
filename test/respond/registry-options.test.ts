// The registry against the spec's format enum (enum-format-datasets-v2.1, copied here as the spec
// lists it), export option parsing against the spec's defaults, and gzip wrapping read back by zlib.
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { assertRenderable, getRenderer, gzipStream, parseExportOptions, rendererFormats } from '../../src/server/respond/index.ts';
import { collect } from '../../src/server/respond/streams.ts';
import { AgoraError } from '../../src/core/errors.ts';
import { COLUMNS, ROWS, context } from './fixtures.ts';

// From the Explore API v2.1 OpenAPI document, components.schemas["enum-format-datasets-v2.1"].
const SPEC_FORMATS = ['csv', 'fgb', 'geojson', 'gpx', 'json', 'jsonl', 'jsonld', 'kml', 'n3', 'ov2', 'parquet', 'rdfxml', 'shp', 'turtle', 'xlsx'];

describe('renderer registry', () => {
  it('registers every format of the spec', () => {
    expect([...rendererFormats()].sort()).toEqual(SPEC_FORMATS);
  });
  it('marks the geo formats', () => {
    expect(SPEC_FORMATS.filter((f) => getRenderer(f)!.needsGeo).sort()).toEqual(['fgb', 'geojson', 'gpx', 'kml', 'ov2', 'shp']);
  });
  it('refuses a geo format for a result without geo column, before any byte', () => {
    const columns = COLUMNS.filter((c) => c.type !== 'geo_point_2d' && c.type !== 'geo_shape');
    expect(() => assertRenderable(getRenderer('kml')!, columns, parseExportOptions({}))).toThrow(/needs a geo_point_2d or geo_shape/);
    expect(() => assertRenderable(getRenderer('csv')!, columns, parseExportOptions({}))).not.toThrow();
    expect(() => assertRenderable(getRenderer('gpx')!, COLUMNS, parseExportOptions({ description_field_list: 'name,nope' }))).toThrow(/nope/);
  });
});

describe('parseExportOptions', () => {
  it('applies the v2.1 defaults', () => {
    expect(parseExportOptions({})).toEqual({
      delimiter: ';', list_separator: ',', quote_all: false, neutralise_formulas: true, with_bom: true, use_labels: false, compressed: false,
      timezone: 'UTC', lang: 'fr', name_field: undefined, description_field_list: undefined, use_extension: true,
      parquet_compression: 'snappy', epsg: 4326,
    });
  });
  it('parses given values', () => {
    const o = parseExportOptions({
      delimiter: '\t', quote_all: 'true', with_bom: 'false', use_labels: 'TRUE', compressed: '1', timezone: 'Europe/Paris',
      lang: 'en', name_field: 'name', description_field_list: 'a, b', use_extension: 'false', parquet_compression: 'zstd', epsg: '3857',
    });
    expect(o).toMatchObject({
      delimiter: '\t', quote_all: true, with_bom: false, use_labels: true, compressed: true, timezone: 'Europe/Paris',
      lang: 'en', name_field: 'name', description_field_list: ['a', 'b'], use_extension: false, parquet_compression: 'zstd', epsg: 3857,
    });
    expect(parseExportOptions({ delimiter: '\\t' }).delimiter).toBe('\t');
  });
  const bad: Array<[Record<string, string>, RegExp]> = [
    [{ delimiter: ':' }, /delimiter: ":"\. Expected one of ";", ",", "\\t", "\|"/],
    [{ with_bom: 'maybe' }, /with_bom: "maybe"\. Expected true or false/],
    [{ timezone: 'Mars/Olympus' }, /timezone: "Mars\/Olympus"/],
    [{ parquet_compression: 'gzip' }, /parquet_compression: "gzip"\. Expected one of "snappy", "zstd"/],
    [{ epsg: '2154' }, /epsg: "2154"\. Supported EPSG codes: 4326, 3857/],
    [{ lang: 'xx' }, /lang: "xx"/],
  ];
  for (const [query, message] of bad) {
    it(`refuses ${JSON.stringify(query)} with PARAMETER_INVALID`, () => {
      try {
        parseExportOptions(query);
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(AgoraError);
        expect((e as AgoraError).code).toBe('PARAMETER_INVALID');
        expect((e as AgoraError).status).toBe(400);
        expect((e as Error).message).toMatch(message);
      }
    });
  }
});

describe('gzipStream', () => {
  it('gzips a rendered export', async () => {
    const plain = await collect(getRenderer('csv')!.render(context(ROWS, COLUMNS)));
    const zipped = await collect(gzipStream(getRenderer('csv')!.render(context(ROWS, COLUMNS))));
    expect([zipped[0], zipped[1]]).toEqual([0x1f, 0x8b]);
    expect(gunzipSync(zipped)).toEqual(plain);
  });
  it('surfaces a failure of the source', async () => {
    async function* failing(): AsyncIterable<string> { yield 'a'; throw new Error('store failed'); }
    await expect(collect(gzipStream(failing()))).rejects.toThrow('store failed');
  });
});
