// FlatGeobuf renderer read back with the flatgeobuf package's own deserializer (geojson flavour),
// which follows the FlatGeobuf spec's reading rules independently of our streaming header choices.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { deserialize } from 'flatgeobuf/lib/mjs/geojson.js';
import type { HeaderMeta } from 'flatgeobuf/lib/mjs/header-meta.js';
import { fgbRenderer } from '../../src/server/respond/fgb.ts';
import { COLUMNS, LINE, POLYGON_WITH_HOLE, ROWS, context, render } from './fixtures.ts';

async function readBack(bytes: Buffer): Promise<{ header: HeaderMeta; features: Array<{ geometry: unknown; properties: Record<string, unknown> }> }> {
  let header!: HeaderMeta;
  const features: Array<{ geometry: unknown; properties: Record<string, unknown> }> = [];
  for await (const f of deserialize(new Uint8Array(bytes), { headerMetaFn: (h: HeaderMeta) => { header = h; } } as never)) features.push(f as never);
  return { header, features };
}

describe('fgb renderer', () => {
  it('writes features with their geometries and typed properties', async () => {
    const { header, features } = await readBack(await render(fgbRenderer, context(ROWS, COLUMNS, { timezone: 'Europe/Paris' })));
    expect(header.geometryType).toBe(0); // Unknown: per-feature types
    expect(header.crs?.code).toBe(4326);
    expect(header.columns!.map((c) => c.name)).toEqual(COLUMNS.filter((c) => c.name !== 'geo_shape').map((c) => c.name));
    expect(features).toHaveLength(3);
    expect(features.map((f) => f.geometry)).toEqual([
      { type: 'Point', coordinates: [2.2945, 48.8584] }, POLYGON_WITH_HOLE, LINE,
    ]);
    expect(features[0]!.properties).toMatchObject({
      name: 'Tour Eiffel; "la dame de fer"', count: 1, ratio: 45, ok: true, day: '2019-03-26',
      at: '2021-09-01T03:00:00+02:00', extra: { a: [1, 2] }, geo_point_2d: { lon: 2.2945, lat: 48.8584 },
    });
    expect(features[2]!.properties.name ?? null).toBeNull();
  });
  it('declares Point geometries when the geometry is a geo_point_2d', async () => {
    const columns = COLUMNS.filter((c) => c.type !== 'geo_shape');
    const { header, features } = await readBack(await render(fgbRenderer, context(ROWS, columns)));
    expect(header.geometryType).toBe(1);
    // Features start 8-byte aligned (zero-copy readers need it) whatever the header's size.
    const bytes = await render(fgbRenderer, context(ROWS, columns));
    const headerLength = bytes.readUInt32LE(8);
    expect((12 + headerLength) % 8).toBe(0);
    expect(features.map((f) => f.geometry)).toEqual([
      { type: 'Point', coordinates: [2.2945, 48.8584] }, { type: 'Point', coordinates: [2.5, 48.5] }, { type: 'Point', coordinates: [2.36, 48.85] },
    ]);
  });
  it('reads back through the streaming reader (as an HTTP client would) and carries the EPSG code', async () => {
    const bytes = await render(fgbRenderer, context(ROWS, COLUMNS, { epsg: '3857' }));
    let header!: HeaderMeta;
    const stream = Readable.toWeb(Readable.from([bytes])) as unknown as ReadableStream;
    const features = [];
    for await (const f of deserialize(stream, { headerMetaFn: (h: HeaderMeta) => { header = h; } } as never)) features.push(f);
    expect(header.crs?.code).toBe(3857);
    expect(features).toHaveLength(3);
  });
});
