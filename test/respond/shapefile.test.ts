// Shapefile export read back by hand from the ESRI Shapefile Technical Description (1998) and the
// dBase III layout: zip entries (via jszip, an independent reader), .shp/.shx headers (file code
// 9994, lengths in 16-bit words, shape type, bbox), record geometry and ring orientation, .dbf fields.
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { shapefileRenderer } from '../../src/server/respond/shapefile.ts';
import { COLUMNS, ROWS, context, render } from './fixtures.ts';

function readDbf(b: Buffer): { count: number; fields: Array<{ name: string; type: string; width: number; decimals: number }>; records: string[][] } {
  const count = b.readUInt32LE(4), headerLength = b.readUInt16LE(8), recordLength = b.readUInt16LE(10);
  const fields = [];
  for (let at = 32; b[at] !== 0x0d; at += 32) {
    fields.push({
      name: b.toString('latin1', at, at + 11).replace(/\0+$/, ''), type: String.fromCharCode(b[at + 11]!),
      width: b[at + 16]!, decimals: b[at + 17]!,
    });
  }
  expect(headerLength).toBe(32 + 32 * fields.length + 1);
  expect(recordLength).toBe(1 + fields.reduce((s, f) => s + f.width, 0));
  const records: string[][] = [];
  for (let r = 0; r < count; r++) {
    let at = headerLength + r * recordLength;
    expect(b[at]).toBe(0x20); // not deleted
    at++;
    records.push(fields.map((f) => { const s = b.toString('utf8', at, at + f.width); at += f.width; return s; }));
  }
  expect(b[headerLength + count * recordLength]).toBe(0x1a);
  expect(b.length).toBe(headerLength + count * recordLength + 1);
  return { count, fields, records };
}

function readShpHeader(b: Buffer) {
  expect(b.readInt32BE(0)).toBe(9994);
  expect(b.readInt32BE(24) * 2).toBe(b.length);
  expect(b.readInt32LE(28)).toBe(1000);
  return { shapeType: b.readInt32LE(32), bbox: [0, 1, 2, 3].map((i) => b.readDoubleLE(36 + 8 * i)) };
}

/** Shoelace area of ring `i` of a polygon record; negative = clockwise. */
function ringAreas(content: Buffer): number[] {
  const numParts = content.readInt32LE(36), numPoints = content.readInt32LE(40);
  const starts = Array.from({ length: numParts }, (_, i) => content.readInt32LE(44 + 4 * i));
  const pts = Array.from({ length: numPoints }, (_, i) => [content.readDoubleLE(44 + 4 * numParts + 16 * i), content.readDoubleLE(52 + 4 * numParts + 16 * i)]);
  return starts.map((s, i) => {
    const ring = pts.slice(s, starts[i + 1] ?? numPoints);
    let a = 0;
    for (let k = 0; k + 1 < ring.length; k++) a += ring[k]![0]! * ring[k + 1]![1]! - ring[k + 1]![0]! * ring[k]![1]!;
    return a / 2;
  });
}

describe('shapefile renderer', () => {
  it('writes one shapefile per geometry type, with consistent .shp/.shx/.dbf and WGS84 .prj', async () => {
    const zip = await JSZip.loadAsync(await render(shapefileRenderer, context(ROWS, COLUMNS, { timezone: 'Europe/Paris' })));
    const names = Object.keys(zip.files).sort();
    expect(names).toEqual(['point', 'polygon', 'polyline'].flatMap((t) =>
      ['cpg', 'dbf', 'prj', 'shp', 'shx'].map((e) => `test-set_${t}.${e}`)).sort());
    const file = async (n: string) => Buffer.from(await zip.file(n)!.async('uint8array'));

    const shp = await file('test-set_polygon.shp');
    const header = readShpHeader(shp);
    expect(header.shapeType).toBe(5);
    expect(header.bbox).toEqual([2, 48, 3, 49]);
    expect(shp.readInt32BE(100)).toBe(1); // record number
    const contentWords = shp.readInt32BE(104);
    const content = shp.subarray(108, 108 + contentWords * 2);
    expect(content.readInt32LE(0)).toBe(5);
    const [outer, hole] = ringAreas(content);
    expect(outer).toBeCloseTo(-1, 9); // 1x1 degree square, clockwise
    expect(hole).toBeCloseTo(0.04, 9); // 0.2x0.2 hole, counter-clockwise

    const shx = await file('test-set_polygon.shx');
    readShpHeader(shx);
    expect(shx.length).toBe(100 + 8);
    expect([shx.readInt32BE(100), shx.readInt32BE(104)]).toEqual([50, contentWords]);

    const pt = await file('test-set_point.shp');
    expect(readShpHeader(pt).shapeType).toBe(1);
    expect([pt.readInt32LE(108), pt.readDoubleLE(112), pt.readDoubleLE(120)]).toEqual([1, 2.2945, 48.8584]);

    const line = await file('test-set_polyline.shp');
    expect(readShpHeader(line).shapeType).toBe(3);

    const dbf = readDbf(await file('test-set_point.dbf'));
    expect(dbf.count).toBe(1);
    expect(dbf.fields.map((f) => [f.name, f.type])).toEqual([
      ['name', 'C'], ['count', 'N'], ['ratio', 'N'], ['ok', 'L'], ['day', 'D'], ['at', 'C'], ['extra', 'C'], ['geo_point_', 'C'],
    ]);
    const rec = dbf.records[0]!.map((s) => s.trim());
    expect(rec).toEqual(['Tour Eiffel; "la dame de fer"', '1', '45.000', 'T', '20190326', '2021-09-01T03:00:00+02:00', '{"a":[1,2]}', '48.8584, 2.2945']);
    expect((await zip.file('test-set_point.prj')!.async('string'))).toMatch(/^GEOGCS\["GCS_WGS_1984"/);
    expect((await zip.file('test-set_point.cpg')!.async('string'))).toBe('UTF-8');
    // The null row's dbf record (polyline group) keeps blanks and '?' for unknown logicals.
    const lineDbf = readDbf(await file('test-set_polyline.dbf'));
    expect(lineDbf.records[0]!.map((s) => s.trim())).toEqual(['', '', '', '?', '', '', '', '48.85, 2.36']);
  });

  it('names the files after the dataset when there is one geometry type, and projects to EPSG:3857', async () => {
    const columns = COLUMNS.filter((c) => c.type !== 'geo_shape');
    const zip = await JSZip.loadAsync(await render(shapefileRenderer, context(ROWS, columns, { epsg: '3857' })));
    expect(Object.keys(zip.files).sort()).toEqual(['test-set.cpg', 'test-set.dbf', 'test-set.prj', 'test-set.shp', 'test-set.shx']);
    const shp = Buffer.from(await zip.file('test-set.shp')!.async('uint8array'));
    // Rows with a geo_point_2d: 3 of 4. Each point record is 8 + 20 bytes.
    expect(shp.length).toBe(100 + 3 * 28);
    // EPSG:3857 of (2.2945, 48.8584): x = R·λ, y = R·ln(tan(π/4 + φ/2)), R = 6378137
    // (values computed with CPython's math module).
    expect(shp.readDoubleLE(112)).toBeCloseTo(255422.5716, 3);
    expect(shp.readDoubleLE(120)).toBeCloseTo(6250868.9015, 3);
    expect(await zip.file('test-set.prj')!.async('string')).toMatch(/Web_Mercator/);
    const dbf = readDbf(Buffer.from(await zip.file('test-set.dbf')!.async('uint8array')));
    expect(dbf.count).toBe(3);
    // ratio column: 45, 0.125, null → N with 3 decimals.
    expect(dbf.fields.find((f) => f.name === 'ratio')).toMatchObject({ type: 'N', width: 6, decimals: 3 });
  });
});

describe('dbf field names', () => {
  it('fit in 10 ASCII characters and stay unique, case-insensitively (dBase III limits)', async () => {
    const { dbfFieldNames } = await import('../../src/server/respond/dbf.ts');
    expect(dbfFieldNames(['circonferenceencm', 'circonferenceenm', 'Circonfere', 'é'])).toEqual(['circonfere', 'circonfe_1', 'Circonfe_2', 'e']);
  });
});
