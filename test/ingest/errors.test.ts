// Bad input gets a clear AgoraError naming the file, the line/row and the column where it applies,
// and nothing is published. Line numbers are counted by hand in the fixtures.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure, fixture, importFile, openStore, records, type Store } from './helpers.ts';

let store: Store;
const tmp = mkdtempSync(join(tmpdir(), 'agora-errors-'));
const file = (name: string, content: string | Buffer): string => { const p = join(tmp, name); writeFileSync(p, content); return p; };
beforeAll(async () => { store = await openStore(); });
afterAll(async () => {
  expect(store.catalog.list()).toEqual([]);
  const left = await store.backend.write((tx) => tx.query("SELECT table_name FROM information_schema.tables WHERE table_name LIKE 'stg%' OR table_name LIKE 'rec%'"));
  expect(left).toEqual([]);
  await store.close();
});

async function expectError(p: Promise<unknown>, code: string, message: RegExp): Promise<void> {
  const e = await failure(p);
  expect(e.code, e.message).toBe(code);
  expect(e.message).toMatch(message);
  expect(e.message).not.toMatch(/\n\s+at |Error:/);
}

describe('empty and headerless files', () => {
  it('an empty file', () => expectError(importFile(store, file('empty.csv', ''), 'e'), 'INGEST_EMPTY', /^empty\.csv is empty\.$/));
  it('a file of blank lines', () => expectError(importFile(store, file('blank.csv', '\n\n  \n'), 'e'), 'INGEST_EMPTY', /blank\.csv is empty/));
  it('an empty JSON array', () => expectError(importFile(store, file('empty.json', '[]'), 'e'), 'INGEST_EMPTY', /empty\.json holds no records/));
  it('a blank header row', () => expectError(importFile(store, file('noheader.csv', ';;\n1;2;3\n'), 'e'), 'INGEST_NO_HEADER', /noheader\.csv line 1: the header row is empty/));
  it('a first row of values', () => expectError(importFile(store, file('data-first.csv', 'Paris;2.35;48.85;2021-01-01\nLyon;4.83;45.76;2021-01-02\n'), 'e'),
    'INGEST_NO_HEADER', /data-first\.csv line 1: the first row looks like data \("2\.35", "48\.85", "2021-01-01"\)/));
  it('years as column names are a header', async () => {
    const s = await importFile(store, file('years.csv', 'commune;2019;2020\nParis;1;2\n'), 'years');
    expect(s.fields.map((f) => f.name)).toEqual(['commune', '2019', '2020']);
    await store.catalog.delete('years');
  });
});

describe('ragged and malformed rows', () => {
  it('names the physical line of the first ragged row and the counts', () =>
    expectError(importFile(store, fixture('ragged.csv'), 'e'), 'INGEST_RAGGED_ROW', /^ragged\.csv line 3: 2 columns where the header has 3 \(2 bad rows in all;/));

  it('counts lines across quoted newlines', () =>
    expectError(importFile(store, file('ragged-nl.csv', 'a,b,c\n1,"x\ny",3\n4,5,6\n7,8\n'), 'e'), 'INGEST_RAGGED_ROW', /ragged-nl\.csv line 5: 2 columns/));

  it('with skipBadRows, loads the good rows and reports the others', async () => {
    const s = await importFile(store, fixture('ragged.csv'), 'ragged', { skipBadRows: true });
    expect(s.rowsLoaded).toBe(3);
    expect(s.rejected).toEqual([{ line: 3, message: 'expected 3 columns, found 2' }, { line: 5, message: 'expected 3 columns, found 4' }]);
    expect((await records(store, 'ragged')).map((r) => [r._rid, r.a, r.b, r.c])).toEqual([[1, 1, 2, 3], [2, 6, 7, 8], [3, 13, 14, 15]]);
    await store.catalog.delete('ragged');
  });

  it('an unterminated quote', () =>
    expectError(importFile(store, file('quote.csv', 'a;b\n1;x\n2;"open\n3;y\n'), 'e'), 'INGEST_MALFORMED_ROW', /quote\.csv line 3: unterminated quote/));
});

describe('encodings', () => {
  it('a UTF-8 file with a Latin-1 line names that line', () =>
    expectError(importFile(store, fixture('mixed-encoding.csv'), 'e'), 'INGEST_ENCODING', /^mixed-encoding\.csv line 4, column 1 \("ville"\): bytes that are not valid UTF-8 \(at byte 44\), .* mixes encodings/));
  it('names the column of the bad byte, quoted delimiters and all', () =>
    expectError(importFile(store, file('col.csv', Buffer.concat([Buffer.from('nom;"ville; pays";note\n"a;b";Lyon;é\n"c;d";"Orl'), Buffer.from([0xe9]), Buffer.from('ans; FR";x\n')])), 'e'),
      'INGEST_ENCODING', /^col\.csv line 3, column 2 \("ville; pays"\): bytes that are not valid UTF-8 \(at byte 47\)/));
  it('a forced UTF-8 that is not', () =>
    expectError(importFile(store, fixture('french-latin1.csv'), 'e', { encoding: 'utf-8' }), 'INGEST_ENCODING', /french-latin1\.csv line 1: bytes that are not valid UTF-8/));
  it('an unknown encoding name', () =>
    expectError(importFile(store, fixture('codes.csv'), 'e', { encoding: 'klingon' }), 'INGEST_ENCODING', /unknown encoding "klingon"/));
  it('binary content', () =>
    expectError(importFile(store, file('bin.csv', Buffer.from([0x61, 0x00, 0x01, 0x02, 0x00, 0xff, 0x10, 0x00, 0x00])), 'e'), 'INGEST_ENCODING', /bin\.csv: the file holds binary data/));
  it('a forced encoding is used', async () => {
    await importFile(store, fixture('french-latin1.csv'), 'forced', { encoding: 'latin1' });
    expect((await records(store, 'forced'))[0].libelle).toBe('Épicéa');
    await store.catalog.delete('forced');
  });
});

describe('JSON and GeoJSON', () => {
  it('invalid JSON Lines name the line', () =>
    expectError(importFile(store, file('bad.jsonl', '{"a":1}\n{"a":2,,}\n{"a":3}\n'), 'e'), 'INGEST_INVALID_JSON', /^bad\.jsonl line 2: invalid JSON, expected double-quoted property name\.$/));
  it('an invalid JSON array names the line', () =>
    expectError(importFile(store, file('bad.json', '[\n  {"a": 1},\n  {"a": 2 "b": 3},\n  {"a": 3}\n]'), 'e'), 'INGEST_INVALID_JSON', /^bad\.json line 3: invalid JSON, expected ',' or '}' after property value\.$/));
  it('records that are not objects', () =>
    expectError(importFile(store, file('scalars.json', '[{"a":1}, 2]'), 'e'), 'INGEST_INVALID_JSON', /scalars\.json: record #2 is a (u?bigint|integer), not an object/i));
  it('a GeoJSON that is not a FeatureCollection', () =>
    expectError(importFile(store, file('geom.geojson', '{"type":"Polygon","coordinates":[]}'), 'e'), 'INGEST_INVALID_GEOJSON', /geom\.geojson: expected a FeatureCollection, found type "Polygon"/));
  it('a FeatureCollection without features', () =>
    expectError(importFile(store, file('nofeat.geojson', '{"type":"FeatureCollection","features":{}}'), 'e'), 'INGEST_INVALID_GEOJSON', /no "features" array/));
  it('a feature that is not a Feature', () =>
    expectError(importFile(store, file('notfeat.geojson', '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":null},{"type":"Point"}]}'), 'e'),
      'INGEST_INVALID_GEOJSON', /feature #2 is not a \{"type": "Feature"\} object/));
  it('an invalid geometry names the feature', () =>
    expectError(importFile(store, file('badgeom.geojson', JSON.stringify({ type: 'FeatureCollection', features: [
      { type: 'Feature', properties: { a: 1 }, geometry: { type: 'Point', coordinates: [1, 2] } },
      { type: 'Feature', properties: { a: 2 }, geometry: { type: 'Polygon', coordinates: [[[1, 2], [3]]] } }] })), 'e'),
    'INGEST_INVALID_GEOJSON', /badgeom\.geojson feature #2: a Polygon position must be \[x, y\]/));
});

describe('workbooks', () => {
  it('a file that is not a workbook', () =>
    expectError(importFile(store, file('fake.xlsx', 'PK\u0003\u0004 not really a zip'), 'e'), 'INGEST_NOT_WORKBOOK', /fake\.xlsx is not a readable Excel workbook/));
  it('an old .xls', () =>
    expectError(importFile(store, file('old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])), 'e'), 'INGEST_NOT_WORKBOOK', /old binary Excel/));
  it('an unknown sheet lists the sheets', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Données').addRow(['a']);
    wb.addWorksheet('Notes').addRow(['b']);
    const p = join(tmp, 'two.xlsx');
    await wb.xlsx.writeFile(p);
    await expectError(importFile(store, p, 'e', { sheet: 'Feuil1' }), 'INGEST_NOT_WORKBOOK', /two\.xlsx has no sheet named "Feuil1" \(sheets: "Données", "Notes"\)/);
  });
  it('cells right of the header name the sheet and row', async () => {
    const wb = new ExcelJS.Workbook();
    const sh = wb.addWorksheet('S');
    sh.addRow(['a', 'b']);
    sh.addRow([1, 2]);
    sh.addRow([3, 4, 5]);
    const p = join(tmp, 'ragged.xlsx');
    await wb.xlsx.writeFile(p);
    await expectError(importFile(store, p, 'e'), 'INGEST_RAGGED_ROW', /ragged\.xlsx sheet "S" row 3: 3 cells where the header has 2/);
  });
});

describe('sources and formats', () => {
  it('a missing file', () => expectError(importFile(store, join(tmp, 'nope.csv'), 'e'), 'INGEST_UNREACHABLE', /nope\.csv: no such file/));
  it('a file that is not Parquet', () =>
    expectError(importFile(store, file('fake.parquet', 'a,b\n1,2\n'), 'e', { format: 'parquet' }), 'INGEST_FORMAT', /fake\.parquet is not a readable Parquet file/));
  it('an invalid dataset id', () => expectError(importFile(store, fixture('codes.csv'), 'Bad Id'), 'DATASET_ID_INVALID', /Invalid dataset id/));
});
