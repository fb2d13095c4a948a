// Type inference on nasty real-world-like files: expected types and values are read off the fixtures
// by hand (what a data team expects), not from our own output.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, importFile, openStore, records, types, columnTypes, type Store } from './helpers.ts';

let store: Store;
beforeAll(async () => { store = await openStore(); });
afterAll(async () => { await store.close(); });

describe('codes and numbers', () => {
  it('keeps codes with leading zeros as text and types the rest', async () => {
    const s = await importFile(store, fixture('codes.csv'), 'codes');
    expect(types(s)).toEqual({
      code_insee: 'text', code_postal: 'text', population: 'int', departement: 'text', surface_km2: 'double', ratio: 'double', siren: 'int',
    });
    const rows = await records(store, 'codes');
    expect(rows.map((r) => r.code_insee)).toEqual(['01053', '75056', '2A004', '13055']);
    expect(rows.map((r) => r.code_postal)).toEqual(['01000', '75001', '20000', '13001']);
    expect(rows.map((r) => r.departement)).toEqual(['01', '75', '2A', '13']);
    expect(rows.map((r) => r.ratio)).toEqual([0.5, 1.25, -3, 12000]);
    expect(rows.map((r) => r._rid)).toEqual([1, 2, 3, 4]);
    expect(await columnTypes(store, 'codes')).toMatchObject({ _rid: 'BIGINT', population: 'BIGINT', surface_km2: 'DOUBLE', code_postal: 'VARCHAR' });
  });
});

describe('a French ";" CSV in Windows-1252', () => {
  it('detects the encoding and delimiter, reads decimal commas and dd/mm/yyyy dates', async () => {
    const s = await importFile(store, fixture('french-latin1.csv'), 'fr');
    expect(s.fields.map((f) => [f.name, f.type, f.label])).toEqual([
      ['libelle', 'text', 'Libellé'],
      ['date_de_mise_a_jour', 'date', 'Date de mise à jour'],
      ['hauteur_m', 'double', 'Hauteur (m)'],
      ['cout', 'double', 'Coût (€)'],
      ['arrondissement', 'int', 'Arrondissement'],
      ['remarquable', 'text', 'Remarquable'],
    ]);
    const rows = await records(store, 'fr');
    expect(rows.map((r) => r.libelle)).toEqual(['Épicéa', 'Érable sycomore', "Œillet d'Inde"]);
    expect(rows.map((r) => (r.date_de_mise_a_jour as Date).toISOString().slice(0, 10))).toEqual(['2021-02-01', '2020-12-31', '2019-07-15']);
    expect(rows.map((r) => r.hauteur_m)).toEqual([6.5, 12, 0.75]);
    expect(rows.map((r) => r.cout)).toEqual([1200.5, 980, 15]);
  });
});

describe('quotes, embedded newlines and a BOM', () => {
  it('reads quoted fields across lines, doubled quotes, and drops the BOM from the header', async () => {
    const s = await importFile(store, fixture('embedded-bom.csv'), 'bom');
    expect(s.fields.map((f) => f.label)).toEqual(['id', 'comment', 'note']);
    const rows = await records(store, 'bom');
    expect(rows.map((r) => r.comment)).toEqual(['first line\nsecond line', 'he said "hello"', null, 'multi\r\nline, with comma']);
    expect(rows.map((r) => r.note)).toEqual(['ok', null, 'fine', 'last']);
  });
});

describe('dates and datetimes', () => {
  it('types ISO datetimes with offsets, naive ones as UTC, month-first dates and booleans', async () => {
    const s = await importFile(store, fixture('datetimes.csv'), 'dt');
    expect(types(s)).toEqual({ date_et_heure: 'datetime', jour: 'date', horodatage: 'datetime', jour_us: 'date', flag: 'boolean' });
    const rows = await records(store, 'dt');
    expect(rows.map((r) => (r.date_et_heure as Date).toISOString())).toEqual(['2021-09-01T01:00:00.000Z', '2021-09-01T04:00:00.000Z', '2021-09-01T10:00:00.000Z']);
    expect(rows.map((r) => (r.horodatage as Date).toISOString())).toEqual(['2021-09-01T03:00:00.000Z', '2021-09-01T04:30:00.000Z', '2021-09-01T05:00:00.000Z']);
    expect(rows.map((r) => (r.jour as Date).toISOString().slice(0, 10))).toEqual(['2021-09-01', '2021-02-28', '2020-02-29']);
    expect(rows.map((r) => (r.jour_us as Date).toISOString().slice(0, 10))).toEqual(['2020-12-31', '2021-01-15', '2021-02-01']);
    expect(rows.map((r) => r.flag)).toEqual([true, false, true]);
    expect(await columnTypes(store, 'dt')).toMatchObject({ date_et_heure: 'TIMESTAMP WITH TIME ZONE', jour: 'DATE' });
  });
});

describe('geography', () => {
  it('derives one geo_point_2d from a latitude/longitude pair and keeps the columns; metres are not degrees', async () => {
    const s = await importFile(store, fixture('geo-pairs.csv'), 'pairs');
    expect(types(s)).toEqual({ name: 'text', latitude: 'double', longitude: 'double', x: 'double', y: 'double', geo_point_2d: 'geo_point_2d' });
    const rows = await records(store, 'pairs');
    expect(rows.map((r) => [r.geo_point_2d__lon, r.geo_point_2d__lat])).toEqual([[2.2945, 48.8584], [2.3376, 48.8606], [2.3464, 48.8462]]);
  });

  it('pairs y_4326/x_4326', async () => {
    const s = await importFile(store, fixture('geo-4326.csv'), 'g4326');
    expect(types(s)).toEqual({ nom: 'text', y_4326: 'double', x_4326: 'double', geo_point_2d: 'geo_point_2d' });
    const rows = await records(store, 'g4326');
    expect(rows[0]).toMatchObject({ geo_point_2d__lon: 2.319167, geo_point_2d__lat: 48.883056 });
  });

  it('reads "lat, lon" text as geo_point_2d and WKT / GeoJSON text as geo_shape with bbox and centre', async () => {
    const s = await importFile(store, fixture('geo-text.csv'), 'geotext');
    expect(types(s)).toEqual({ id: 'int', geo_point_2d: 'geo_point_2d', wkt: 'geo_shape', geojson: 'geo_shape' });
    const rows = await records(store, 'geotext');
    expect(rows[0]).toMatchObject({ geo_point_2d__lat: 48.8391832608, geo_point_2d__lon: 2.40714227176 });
    expect(JSON.parse(rows[0].wkt as string)).toEqual({ type: 'Point', coordinates: [2.35, 48.85] });
    expect(rows[0]).toMatchObject({ wkt__lon: 2.35, wkt__lat: 48.85, wkt__xmin: 2.35, wkt__xmax: 2.35 });
    expect(JSON.parse(rows[1].wkt as string)).toEqual(JSON.parse(rows[1].geojson as string));
    expect(rows[1]).toMatchObject({ wkt__xmin: 2.3, wkt__ymin: 48.8, wkt__xmax: 2.4, wkt__ymax: 48.9 });
    expect(rows[2]).toMatchObject({ wkt__xmin: 0, wkt__ymin: 0, wkt__xmax: 12, wkt__ymax: 13, wkt__lon: 6, wkt__lat: 6.5, geojson: null, geojson__lon: null });
  });

  it('falls back to text when a WKT-looking value is not a geometry', async () => {
    const { writeFileSync, mkdtempSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const f = join(mkdtempSync(join(tmpdir(), 'agora-wkt-')), 'bad-wkt.csv');
    writeFileSync(f, 'id;shape\n1;POINT (1 2)\n2;POLYGON ((1 2, 3\n');
    const s = await importFile(store, f, 'badwkt');
    expect(types(s)).toEqual({ id: 'int', shape: 'text' });
    expect((await records(store, 'badwkt')).map((r) => r.shape)).toEqual(['POINT (1 2)', 'POLYGON ((1 2, 3']);
  });
});

describe('a column mostly numbers with a few codes', () => {
  it('stays text rather than failing, even when the odd value is far past the sample', async () => {
    const { writeFileSync, mkdtempSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const f = join(mkdtempSync(join(tmpdir(), 'agora-late-')), 'late.csv');
    const lines = ['n;code;when;v;ts;stamp'];
    for (let i = 1; i <= 30_000; i++) lines.push(`${i};${10000 + i};2021-01-01;${i % 7};2021-01-01 00:00:00;2021-01-01 00:00:00`);
    lines.push('30001;2A004;2021-01-02 10:00:00;3.5;2021-01-02T10:00:00+02:00;infinity');
    writeFileSync(f, lines.join('\n') + '\n');
    const s = await importFile(store, f, 'late');
    expect(types(s)).toEqual({ n: 'int', code: 'text', when: 'datetime', v: 'double', ts: 'datetime', stamp: 'text' });
    const rows = await store.backend.query(`SELECT code, v, ts, stamp FROM "${store.catalog.get('late').table}" WHERE _rid IN (1, 30001) ORDER BY _rid`);
    expect(rows).toEqual([
      { code: '10001', v: 1, ts: new Date('2021-01-01T00:00:00Z'), stamp: '2021-01-01 00:00:00' },
      { code: '2A004', v: 3.5, ts: new Date('2021-01-02T08:00:00Z'), stamp: 'infinity' }]);
  });

  it('a lat/lon pair becomes a point only when every row is in degree range, even past the sample', async () => {
    const { writeFileSync, mkdtempSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'agora-pair-'));
    const write = (name: string, last: string) => {
      const lines = ['id,latitude,longitude'];
      for (let i = 1; i <= 30_000; i++) lines.push(`${i},${(45 + (i % 100) / 1000).toFixed(3)},${(2 + (i % 50) / 1000).toFixed(3)}`);
      lines.push(last);
      writeFileSync(join(dir, name), lines.join('\n') + '\n');
      return join(dir, name);
    };
    // Projected metres on the last row only: no point, the numbers stay.
    const far = await importFile(store, write('far.csv', '30001,6250000.5,652000.25'), 'pair-far');
    expect(types(far)).toEqual({ id: 'int', latitude: 'double', longitude: 'double' });
    const ok = await importFile(store, write('ok.csv', '30001,-89.5,179.5'), 'pair-ok');
    expect(types(ok)).toEqual({ id: 'int', latitude: 'double', longitude: 'double', geo_point_2d: 'geo_point_2d' });
    const last = await store.backend.query(`SELECT * FROM "${store.catalog.get('pair-ok').table}" WHERE _rid = 30001`);
    expect(last[0]).toMatchObject({ latitude: -89.5, longitude: 179.5, geo_point_2d__lat: -89.5, geo_point_2d__lon: 179.5 });
  });
});
