// OV2 renderer checked byte by byte against the TomTom POI record layout: type byte 2, int32 LE
// record length (including the 13-byte header and the name's terminator), int32 LE lon and lat in
// 1/100000 degree, zero-terminated name.
import { describe, expect, it } from 'vitest';
import { ov2Renderer } from '../../src/server/respond/ov2.ts';
import { COLUMNS, ROWS, context, render } from './fixtures.ts';

function records(b: Buffer): Array<{ type: number; lon: number; lat: number; name: string }> {
  const out = [];
  for (let at = 0; at < b.length;) {
    const type = b[at]!, length = b.readInt32LE(at + 1);
    expect(b[at + length - 1]).toBe(0);
    out.push({ type, lon: b.readInt32LE(at + 5), lat: b.readInt32LE(at + 9), name: b.toString('utf8', at + 13, at + length - 1) });
    at += length;
  }
  return out;
}

describe('ov2 renderer', () => {
  it('writes one simple POI record per located record', async () => {
    const b = await render(ov2Renderer, context(ROWS, COLUMNS));
    // First record by hand: 02 | 13+29+1 = 43 LE | round(2.2945e5) = 229450 LE | 4885840 LE | name | 00
    const name = Buffer.from('Tour Eiffel; "la dame de fer"', 'utf8');
    const first = Buffer.concat([
      Buffer.from([0x02, 13 + name.length + 1, 0, 0, 0]),
      Buffer.from([229450 & 0xff, (229450 >> 8) & 0xff, (229450 >> 16) & 0xff, 0]),
      Buffer.from([4885840 & 0xff, (4885840 >> 8) & 0xff, (4885840 >> 16) & 0xff, 0]),
      name, Buffer.from([0]),
    ]);
    expect(b.subarray(0, first.length)).toEqual(first);
    expect(records(b)).toEqual([
      { type: 2, lon: 229450, lat: 4885840, name: 'Tour Eiffel; "la dame de fer"' },
      { type: 2, lon: 250000, lat: 4850000, name: 'Épicéa\nmulti-ligne' },
      { type: 2, lon: 236000, lat: 4885000, name: '' },
    ]);
  });
  it('builds names from name_field and description_field_list, and handles negative coordinates', async () => {
    const columns = [{ name: 'city', type: 'text' as const }, { name: 'pop', type: 'int' as const }, { name: 'geo_point_2d', type: 'geo_point_2d' as const }];
    const rows = [{ city: 'Lima', pop: 9751000, geo_point_2d: { lon: -77.042793, lat: -12.046374 } }];
    const b = await render(ov2Renderer, context(rows, columns, { name_field: 'city', description_field_list: 'pop' }));
    expect(records(b)).toEqual([{ type: 2, lon: -7704279, lat: -1204637, name: 'Lima - 9751000' }]);
    expect(b.readInt32LE(5)).toBe(-7704279);
  });
});
