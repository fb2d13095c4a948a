// Importing real Opendatasoft exports (../shared/data/ods-export-samples) and the Paris bike counters:
// expected types are the ODS ones visible in the exports, expected values come from parsing the
// files independently (JSON.parse, DuckDB's own readers).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile, openStore, records, types, type Store } from '../ingest/helpers.ts';
import { DATA } from './shared.ts';
import { duckdbAnswer } from '../support/duckdb-oracle.ts';

const SAMPLES = join(DATA, 'ods-export-samples') + '/';
let store: Store;
beforeAll(async () => { store = await openStore(); });
afterAll(async () => { await store.close(); });

describe('les-arbres CSV export (";", upper-case headers, leading-zero codes, "lat, lon")', () => {
  it('types the fields and keeps IDEMPLACEMENT as text', async () => {
    const file = SAMPLES + 'les-arbres.2019.ods-export.csv';
    const s = await importFile(store, file, 'les-arbres');
    const t = types(s);
    expect(t).toMatchObject({ idemplacement: 'text', lieu_adresse: 'text', hauteur_m: 'double', circonferenceencm: 'double', geo_point_2d: 'geo_point_2d' });
    expect(s.fields.find((f) => f.name === 'hauteur_m')?.label).toBe('HAUTEUR (m)');
    const duck = await duckdbAnswer(`SELECT "IDEMPLACEMENT" AS idemplacement, "geo_point_2d" AS g FROM read_csv(?, delim=';', header=true, all_varchar=true)`, [file]);
    const rows = await records(store, 'les-arbres');
    expect(rows.length).toBe(duck.length);
    expect(rows.map((r) => r.idemplacement)).toEqual(duck.map((r) => r.idemplacement));
    expect(rows[0].idemplacement).toBe('00000148');
    rows.forEach((r, i) => {
      const [lat, lon] = String(duck[i].g).split(',').map(Number);
      expect([r.geo_point_2d__lat, r.geo_point_2d__lon]).toEqual([lat, lon]);
    });
  });
});

describe('bike counters CSV export sample', () => {
  it('reads datetimes with offsets and "lat,lon" coordinates', async () => {
    const s = await importFile(store, SAMPLES + 'comptage-velo-donnees-compteurs.sample.ods-export.csv', 'velo-sample');
    expect(types(s)).toMatchObject({
      identifiant_du_compteur: 'text', comptage_horaire: 'double', date_et_heure_de_comptage: 'datetime',
      date_d_installation_du_site_de_comptage: 'date', coordonnees_geographiques: 'geo_point_2d',
    });
    const first = (await records(store, 'velo-sample'))[0];
    expect((first.date_et_heure_de_comptage as Date).toISOString()).toBe(new Date('2021-09-01T03:00:00+02:00').toISOString());
    expect([first.coordonnees_geographiques__lat, first.coordonnees_geographiques__lon]).toEqual([48.83504, 2.33314]);
  });
});

describe('plaques commémoratives JSON export (geo_shape as a Feature, geo_point_2d as {lon, lat})', () => {
  it('gives geo_shape and geo_point_2d fields with the exported geometries', async () => {
    const file = SAMPLES + 'paris-plaques-commemoratives.ods-export.json';
    const src = JSON.parse(readFileSync(file, 'utf8')) as Array<Record<string, any>>;
    const s = await importFile(store, file, 'plaques');
    expect(types(s)).toMatchObject({ geo_shape: 'geo_shape', geo_point_2d: 'geo_point_2d', index_plaque: 'int', ardt: 'int', y_4326: 'double', x_4326: 'double', siecle: 'text' });
    expect(s.fields.filter((f) => f.type === 'geo_point_2d')).toHaveLength(1);
    expect(s.fields.map((f) => f.name)).toEqual(Object.keys(src[0]));
    const rows = await records(store, 'plaques');
    expect(rows.length).toBe(src.length);
    rows.forEach((r, i) => {
      expect(JSON.parse(String(r.geo_shape))).toEqual(src[i].geo_shape.geometry);
      expect([r.geo_point_2d__lon, r.geo_point_2d__lat]).toEqual([src[i].geo_point_2d.lon, src[i].geo_point_2d.lat]);
      expect(r.index_plaque).toBe(src[i].index_plaque);
    });
  });
});

describe('les-arbres GeoJSON export', () => {
  it('turns Point features into a geo_point_2d and properties into fields', async () => {
    const file = SAMPLES + 'les-arbres.subset.ods-export.geojson';
    const src = JSON.parse(readFileSync(file, 'utf8')) as { features: Array<{ geometry: { coordinates: number[] }; properties: Record<string, unknown> }> };
    const s = await importFile(store, file, 'arbres-geo');
    expect(types(s)).toMatchObject({ idemplacement: 'text', idbase: 'int', geo_point_2d: 'geo_point_2d' });
    const rows = await records(store, 'arbres-geo');
    expect(rows.length).toBe(src.features.length);
    rows.forEach((r, i) => {
      expect([r.geo_point_2d__lon, r.geo_point_2d__lat]).toEqual(src.features[i].geometry.coordinates);
      expect(r.idemplacement).toBe(src.features[i].properties.idemplacement);
    });
  });

  it('London borough polygons become a geo_shape with bounding boxes', async () => {
    const s = await importFile(store, join(DATA, 'london-boroughs.geojson'), 'boroughs');
    expect(types(s)).toEqual({ geo_shape: 'geo_shape' });
    const [r] = await store.backend.query(`SELECT min(geo_shape__xmin) AS x0, max(geo_shape__xmax) AS x1, min(geo_shape__ymin) AS y0, max(geo_shape__ymax) AS y1 FROM "${store.catalog.get('boroughs').table}"`);
    expect(r.x0).toBeGreaterThan(-0.6);
    expect(r.x1).toBeLessThan(0.4);
    expect(r.y0).toBeGreaterThan(51.2);
    expect(r.y1).toBeLessThan(51.8);
  });
});

describe('Paris bike counters Parquet', () => {
  it('keeps the declared types, derives geo_point_2d from latitude/longitude and agrees with read_parquet', async () => {
    const file = join(DATA, 'paris-bike-counters-test.parquet');
    const s = await importFile(store, file, 'bikes');
    expect(types(s)).toMatchObject({ counter_id: 'text', site_id: 'int', bike_count: 'double', date: 'datetime', latitude: 'double', longitude: 'double', geo_point_2d: 'geo_point_2d' });
    const table = store.catalog.get('bikes').table;
    const ours = await store.backend.query(`SELECT count(*) AS n, sum(bike_count) AS total, min(epoch(date)) AS d0, max(epoch(date)) AS d1, sum(geo_point_2d__lat) AS lat, count(DISTINCT counter_id) AS counters FROM "${table}"`);
    const duck = await duckdbAnswer('SELECT count(*) AS n, sum(bike_count) AS total, min(epoch(date)) AS d0, max(epoch(date)) AS d1, sum(latitude) AS lat, count(DISTINCT counter_id) AS counters FROM read_parquet(?)', [file]);
    expect(ours).toEqual(duck);
  });
});
