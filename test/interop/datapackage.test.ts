// The Frictionless Data Package export through the real export route: the zip is read with jszip,
// the package is loaded and validated by the `datapackage` library (descriptor profile, then every
// row cast against the Table Schema and its constraints), and the values compared with DuckDB
// reading the same CSV file directly.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import JSZip from 'jszip';
// @ts-expect-error the datapackage library ships no type declarations
import { Package } from 'datapackage';
import { buildApp } from '../../src/server/app.ts';
import { stationsPortal, type Fixture } from './portal-fixture.ts';
import { duckdbAnswer } from '../support/duckdb-oracle.ts';

let fx: Fixture;
let app: FastifyInstance;
let work: string;
beforeAll(async () => {
  fx = await stationsPortal();
  app = await buildApp(fx.ctx);
  work = mkdtempSync(join(tmpdir(), 'agora-dp-'));
});
afterAll(async () => { await app?.close(); await fx?.close(); rmSync(work, { recursive: true, force: true }); });

interface Loaded { descriptor: Record<string, any>; csv: string; dir: string }
let n = 0;
async function fetchPackage(query = ''): Promise<Loaded> {
  const r = await app.inject(`/api/explore/v2.1/catalog/datasets/stations/exports/datapackage${query}`);
  expect(r.statusCode, r.body.slice(0, 300)).toBe(200);
  expect(r.headers['content-type']).toMatch(/^application\/zip/);
  const zip = await JSZip.loadAsync(r.rawPayload);
  const dir = join(work, String(n++));
  const names = Object.keys(zip.files).filter((f) => !zip.files[f]!.dir).sort();
  expect(names).toEqual(['data/stations.csv', 'datapackage.json']);
  for (const name of names) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), await zip.files[name]!.async('nodebuffer'));
  }
  return { descriptor: JSON.parse(await zip.files['datapackage.json']!.async('string')), csv: await zip.files['data/stations.csv']!.async('string'), dir };
}

describe('datapackage export', () => {
  it('is a valid tabular data package whose every row casts against the schema', async () => {
    const { dir, descriptor } = await fetchPackage();
    const pkg = await Package.load(join(dir, 'datapackage.json'));
    expect(pkg.errors).toEqual([]);
    expect(pkg.valid).toBe(true);
    expect(descriptor.profile).toBe('tabular-data-package');
    const rows = await pkg.getResource('stations').read({ keyed: true });
    const truth = await duckdbAnswer(`SELECT station, city, bikes, rating, electric, opened FROM read_csv(?, delim=';', header=true) ORDER BY station`, [fx.stationsFile]);
    const got = rows.map((r: Record<string, any>) => [r.station, r.city, r.bikes, r.rating === null ? null : Number(r.rating), r.electric, r.opened?.toISOString().slice(0, 10) ?? null])
      .sort((a: unknown[], b: unknown[]) => String(a[0]).localeCompare(String(b[0])));
    expect(got).toEqual(truth.map((t) => [t.station, t.city, t.bikes === null ? null : Number(t.bikes), t.rating === null ? null : Number(t.rating), t.electric, (t.opened as Date).toISOString().slice(0, 10)]));
  });

  it('maps our types to Table Schema types, with observed constraints and missing values', async () => {
    const { descriptor } = await fetchPackage();
    const schema = descriptor.resources[0].schema;
    const field = (name: string) => schema.fields.find((f: { name: string }) => f.name === name);
    expect(schema.missingValues).toEqual(['']);
    expect(field('station')).toMatchObject({ type: 'string', constraints: { required: true } });
    expect(field('bikes')).toMatchObject({ type: 'integer', constraints: { minimum: 3, maximum: 20 } });
    expect(field('bikes').constraints.required).toBeUndefined();
    expect(field('rating')).toMatchObject({ type: 'number', constraints: { minimum: 1.5, maximum: 5 } });
    expect(field('opened')).toMatchObject({ type: 'date', constraints: { minimum: '2019-07-14', maximum: '2022-05-06' } });
    expect(field('electric').type).toBe('boolean');
    const geo = fx.ctx.catalog.get('stations').fields.find((f) => f.type === 'geo_point_2d');
    if (geo) expect(field(geo.name).type).toBe('geopoint');
    expect(descriptor.licenses).toEqual([{ name: 'CC-BY-4.0', path: 'https://creativecommons.org/licenses/by/4.0/', title: 'CC BY 4.0' }]);
    expect(descriptor.keywords).toEqual(['bikes', 'mobility', 'Transport']);
  });

  it('applies the export query (where) to both the rows and the constraints', async () => {
    const { dir, descriptor } = await fetchPackage(`?where=${encodeURIComponent('city = "Paris"')}`);
    const pkg = await Package.load(join(dir, 'datapackage.json'));
    expect(pkg.valid).toBe(true);
    const rows = await pkg.getResource('stations').read({ keyed: true });
    expect(rows.map((r: { station: string }) => r.station).sort()).toEqual(['A01', 'A02']);
    expect(descriptor.resources[0].schema.fields.find((f: { name: string }) => f.name === 'bikes').constraints).toEqual({ required: true, minimum: 7, maximum: 12 });
  });

  it('the validator catches data that break the schema (control)', async () => {
    const { dir, csv } = await fetchPackage();
    const lines = csv.split('\r\n');
    const header = lines[0]!.split(',');
    const col = header.indexOf('bikes');
    const cells = lines[1]!.split(',');
    cells[col] = 'many';
    lines[1] = cells.join(',');
    writeFileSync(join(dir, 'data/stations.csv'), lines.join('\r\n'));
    const pkg = await Package.load(join(dir, 'datapackage.json'));
    await expect(pkg.getResource('stations').read({ keyed: true })).rejects.toThrow();
  });
});

describe('datapackage export of geometries and datetimes', () => {
  it('writes geo_shape as geojson and datetimes in UTC, accepted by the validator', async () => {
    // tableschema validates geojson with tv4 against its bundled GeoJSON profile, whose $refs point
    // at raw.githubusercontent.com: offline every value fails. Registering that same bundled
    // profile under its URL lets tv4 resolve the refs locally (checked: a bad ring still fails).
    const require = createRequire(import.meta.url);
    const tv4 = require('tv4') as { addSchema(uri: string, schema: object): void };
    tv4.addSchema('https://raw.githubusercontent.com/fge/sample-json-schemas/master/geojson/geojson.json', require('tableschema/lib/profiles/geojson.json'));
    const file = join(work, 'zones.geojson');
    writeFileSync(file, JSON.stringify({
      type: 'FeatureCollection', features: [
        { type: 'Feature', properties: { name: 'North', seen: '2021-09-01T03:00:00+02:00' }, geometry: { type: 'Polygon', coordinates: [[[2.3, 48.8], [2.4, 48.8], [2.4, 48.9], [2.3, 48.8]]] } },
        { type: 'Feature', properties: { name: 'South', seen: '2022-01-15T12:30:00Z' }, geometry: { type: 'Point', coordinates: [2.35, 48.7] } },
      ],
    }));
    const { importDataset } = await import('../../src/ingest/index.ts');
    await importDataset(fx.ctx.catalog, { source: file, datasetId: 'zones', title: 'Zones', mode: 'create' });
    const types = Object.fromEntries(fx.ctx.catalog.get('zones').fields.map((f) => [f.name, f.type]));
    const r = await app.inject('/api/explore/v2.1/catalog/datasets/zones/exports/datapackage');
    expect(r.statusCode).toBe(200);
    const zip = await JSZip.loadAsync(r.rawPayload);
    const dir = join(work, 'zones');
    mkdirSync(join(dir, 'data'), { recursive: true });
    for (const name of ['datapackage.json', 'data/zones.csv']) writeFileSync(join(dir, name), await zip.files[name]!.async('nodebuffer'));
    const pkg = await Package.load(join(dir, 'datapackage.json'));
    expect(pkg.valid).toBe(true);
    const fields = pkg.descriptor.resources[0].schema.fields as Array<{ name: string; type: string }>;
    const shape = Object.keys(types).find((k) => types[k] === 'geo_shape')!;
    expect(fields.find((f) => f.name === shape)!.type).toBe('geojson');
    const rows = await pkg.getResource('zones').read({ keyed: true }).catch((e: { errors?: Error[] }) => { throw new Error(String(e.errors?.map((x) => x.message))); });
    const north = rows.find((x: { name: string }) => x.name === 'North');
    const { castGeojson } = require('tableschema/lib/types/geojson.js') as { castGeojson(f: string, v: string): unknown };
    expect(castGeojson('default', '{"type":"Polygon","coordinates":[[2.3,48.8]]}')).toBe('tableschema.error');
    expect(north[shape].type).toBe('Polygon');
    if (types.seen === 'datetime') {
      expect(fields.find((f) => f.name === 'seen')!.type).toBe('datetime');
      expect((north.seen as Date).toISOString()).toBe('2021-09-01T01:00:00.000Z');
    }
  });
});
