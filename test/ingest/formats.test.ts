// One import round-trip per format: values come back from the record table with the right types,
// checked against the fixture's content or against DuckDB's own reading of the same file.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, importFile, openStore, records, types, type Store } from './helpers.ts';
import { duckdbAnswer } from '../support/duckdb-oracle.ts';

let store: Store;
const tmp = mkdtempSync(join(tmpdir(), 'agora-formats-'));
beforeAll(async () => { store = await openStore(); });
afterAll(async () => { await store.close(); });

describe('delimited text', () => {
  it('TSV (by extension), with a comma inside a value', async () => {
    const s = await importFile(store, fixture('sample.tsv'), 'tsv');
    expect(types(s)).toEqual({ name: 'text', count: 'int', share: 'double' });
    expect(await records(store, 'tsv')).toEqual([
      { _rid: 1, name: 'alpha', count: 1, share: 0.25 }, { _rid: 2, name: 'beta, gamma', count: 2, share: 0.75 }]);
  });

  it('a "|" delimited .txt file, sniffed', async () => {
    const s = await importFile(store, fixture('pipes.txt'), 'pipes');
    expect(types(s)).toEqual({ name: 'text', count: 'int', when: 'date' });
  });

  it('UTF-16 with a BOM (Excel "Unicode text")', async () => {
    await importFile(store, fixture('utf16.csv'), 'utf16');
    expect((await records(store, 'utf16')).map((r) => [r.nom, r.valeur])).toEqual([['Café', 1], ['Noël', 2]]);
  });

  it('agrees with DuckDB read_csv on a plain comma CSV', async () => {
    await importFile(store, fixture('codes.csv'), 'codes-duck');
    const ours = await store.backend.query(`SELECT population, surface_km2, siren FROM "${store.catalog.get('codes-duck').table}" ORDER BY _rid`);
    const duck = await duckdbAnswer('SELECT population, surface_km2, siren FROM read_csv(?)', [fixture('codes.csv')]);
    expect(ours).toEqual(duck);
  });
});

describe('JSON', () => {
  const expectedTypes = {
    id: 'int', name: 'text', score: 'double', ok: 'boolean', tags: 'json_blob', meta: 'json_blob', pos: 'geo_point_2d',
    shape: 'geo_shape', code: 'text', when: 'datetime', extra: 'text',
  };
  for (const [file, id] of [['sample.json', 'json'], ['sample.jsonl', 'jsonl']] as const) {
    it(`${file}: keys in first-seen order, nested objects as json_blob or geo fields`, async () => {
      const s = await importFile(store, fixture(file), id);
      expect(types(s)).toEqual(expectedTypes);
      const rows = await records(store, id);
      expect(rows.map((r) => r.name)).toEqual(['Stéphane', null, null]);
      expect(rows.map((r) => r.score)).toEqual([1.5, 2, 3.25]);
      expect(rows.map((r) => r.code)).toEqual(['01000', '75001', '2A']);
      expect(rows.map((r) => JSON.parse(String(r.meta ?? 'null')))).toEqual([{ k: 'v' }, { k: 'w', n: 1 }, null]);
      expect(rows.map((r) => JSON.parse(String(r.tags ?? 'null')))).toEqual([['a', 'b'], [], null]);
      expect(rows.map((r) => [r.pos__lon, r.pos__lat])).toEqual([[2.3191, 48.883], [2.3256, 48.8806], [null, null]]);
      expect(JSON.parse(String(rows[0].shape))).toEqual({ type: 'Point', coordinates: [2.3191, 48.883] });
      expect(rows[1]).toMatchObject({ shape__xmin: 2.3, shape__ymin: 48.8, shape__xmax: 2.4, shape__ymax: 48.9 });
      expect((rows[0].when as Date).toISOString()).toBe('2021-09-01T01:00:00.000Z');
      expect(rows.map((r) => r.extra)).toEqual([null, null, 'only here']);
    });
  }

  it('agrees with DuckDB read_json on the scalar columns', async () => {
    const ours = await store.backend.query(`SELECT id, score, ok FROM "${store.catalog.get('json').table}" ORDER BY _rid`);
    const duck = await duckdbAnswer('SELECT id, score, ok FROM read_json(?)', [fixture('sample.json')]);
    expect(ours).toEqual(duck);
  });
});

describe('GeoJSON', () => {
  it('shapes: properties become fields, geometries a geo_shape with bbox; a null geometry stays null', async () => {
    const s = await importFile(store, fixture('shapes.geojson'), 'shapes');
    expect(types(s)).toEqual({ name: 'text', area: 'double', code: 'text', geo_shape: 'geo_shape' });
    const rows = await records(store, 'shapes');
    expect(JSON.parse(String(rows[0].geo_shape))).toEqual({ type: 'Polygon', coordinates: [[[0, 0], [2, 0], [2, 1], [0, 1], [0, 0]]] });
    expect(rows.map((r) => [r.geo_shape__xmin, r.geo_shape__ymin, r.geo_shape__xmax, r.geo_shape__ymax])).toEqual([
      [0, 0, 2, 1], [10, 20, 11, 25], [-5, -5, 6, 7], [null, null, null, null]]);
    expect(rows.map((r) => [r.geo_shape__lon, r.geo_shape__lat])).toEqual([[1, 0.5], [10.5, 22.5], [0.5, 1], [null, null]]);
  });

  it('points: a Point-only FeatureCollection gives a geo_point_2d', async () => {
    const s = await importFile(store, fixture('points.geojson'), 'points');
    expect(types(s)).toEqual({ nom: 'text', habitants: 'int', geo_point_2d: 'geo_point_2d' });
    expect((await records(store, 'points')).map((r) => [r.nom, r.geo_point_2d__lon, r.geo_point_2d__lat])).toEqual([
      ['Mairie', 2.35, 48.85], ['École', -1.55, 47.22]]);
  });
});

describe('XLSX', () => {
  it('reads the first sheet (or --sheet) with numbers, dates, booleans, formulas and leading-zero text', async () => {
    const wb = new ExcelJS.Workbook();
    const first = wb.addWorksheet('Communes');
    first.addRow(['Code INSEE', 'Nom', 'Population', 'Densité', 'Mise à jour', 'Chef-lieu', 'Double']);
    first.addRow(['01053', 'Bourg-en-Bresse', 40186, 1684.5, new Date(Date.UTC(2021, 0, 31)), true, { formula: 'C2*2', result: 80372 }]);
    first.addRow(['2A004', 'Ajaccio', 71361, 872.25, new Date(Date.UTC(2020, 11, 1)), false, { formula: 'C3*2', result: 142722 }]);
    first.addRow([]);
    first.addRow(['75056', { richText: [{ text: 'Pa' }, { text: 'ris' }] }, 2165423, 20545.1, new Date(Date.UTC(2019, 5, 15)), true, { formula: 'C5*2', result: 4330846 }]);
    const second = wb.addWorksheet('Notes');
    second.addRow(['Quand', 'Texte']);
    second.addRow([new Date(Date.UTC(2021, 8, 1, 3, 30)), 'une note']);
    const file = join(tmp, 'communes.xlsx');
    await wb.xlsx.writeFile(file);

    const s = await importFile(store, file, 'xlsx');
    expect(s.fields.map((f) => [f.name, f.type, f.label])).toEqual([
      ['code_insee', 'text', 'Code INSEE'], ['nom', 'text', 'Nom'], ['population', 'int', 'Population'], ['densite', 'double', 'Densité'],
      ['mise_a_jour', 'date', 'Mise à jour'], ['chef_lieu', 'boolean', 'Chef-lieu'], ['double', 'int', 'Double']]);
    const rows = await records(store, 'xlsx');
    expect(rows.map((r) => [r.code_insee, r.nom, r.population, r.densite, (r.mise_a_jour as Date).toISOString().slice(0, 10), r.chef_lieu, r.double])).toEqual([
      ['01053', 'Bourg-en-Bresse', 40186, 1684.5, '2021-01-31', true, 80372],
      ['2A004', 'Ajaccio', 71361, 872.25, '2020-12-01', false, 142722],
      ['75056', 'Paris', 2165423, 20545.1, '2019-06-15', true, 4330846]]);

    const notes = await importFile(store, file, 'xlsx-notes', { sheet: 'Notes' });
    expect(types(notes)).toEqual({ quand: 'datetime', texte: 'text' });
    expect(((await records(store, 'xlsx-notes'))[0].quand as Date).toISOString()).toBe('2021-09-01T03:30:00.000Z');
  });
});

describe('Parquet', () => {
  it('keeps declared types, types text columns from their values, and agrees with DuckDB read_parquet', async () => {
    const file = join(tmp, 'typed.parquet');
    await store.backend.write((tx) => tx.exec(`COPY (SELECT * FROM (VALUES
        (1::INTEGER, 'a', 1.5::DOUBLE, DATE '2021-01-02', TIMESTAMP '2021-01-02 03:04:05', true, '01000', 48.85::DOUBLE, 2.35::DOUBLE, {'k': 1}, [1, 2], '2021-05-06'),
        (2::INTEGER, 'b', NULL, DATE '2022-03-04', TIMESTAMP '2022-03-04 05:06:07', false, '75001', 43.3::DOUBLE, 5.37::DOUBLE, {'k': 2}, [], '2021-05-07'))
      AS t(id, name, v, d, ts, b, zip, lat, lon, obj, list, day_text)) TO '${file}' (FORMAT parquet)`));
    const s = await importFile(store, file, 'parquet');
    expect(types(s)).toEqual({
      id: 'int', name: 'text', v: 'double', d: 'date', ts: 'datetime', b: 'boolean', zip: 'text', lat: 'double', lon: 'double',
      obj: 'json_blob', list: 'json_blob', day_text: 'date', geo_point_2d: 'geo_point_2d',
    });
    const table = store.catalog.get('parquet').table;
    const ours = await store.backend.query(`SELECT id, name, v, d, epoch(ts) AS ts, b, zip, lat, lon FROM "${table}" ORDER BY _rid`);
    const duck = await duckdbAnswer('SELECT id, name, v, d, epoch(ts) AS ts, b, zip, lat, lon FROM read_parquet(?)', [file]);
    expect(ours).toEqual(duck);
    const rows = await records(store, 'parquet');
    expect(rows.map((r) => JSON.parse(String(r.obj)))).toEqual([{ k: 1 }, { k: 2 }]);
    expect(rows.map((r) => [r.geo_point_2d__lon, r.geo_point_2d__lat])).toEqual([[2.35, 48.85], [5.37, 43.3]]);
  });
});

describe('format detection', () => {
  it('sniffs content when the extension lies or is missing', async () => {
    const noExt = join(tmp, 'export');
    writeFileSync(noExt, '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"a":1},"geometry":{"type":"Point","coordinates":[1,2]}}]}');
    expect(types(await importFile(store, noExt, 'sniff-geojson'))).toEqual({ a: 'int', geo_point_2d: 'geo_point_2d' });
    const lines = join(tmp, 'lines.json');
    writeFileSync(lines, '{"a":1}\n{"a":2}\n');
    expect((await importFile(store, lines, 'sniff-jsonl')).rowsLoaded).toBe(2);
  });
});
