// The demo catalog loaded on first start, on a temp data dir: every dataset with its record count
// (counted independently: DuckDB reading the vega-datasets files directly, the GeoJSON and TopoJSON
// feature counts, the 33 London boroughs), its metadata (titles, themes, keywords, licences, publishers) and fields,
// served through the Explore API catalog routes; a second load adds nothing.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoCatalog, vegaFile } from '../../src/demo/index.ts';
import { buildApp } from '../../src/server/app.ts';
import { closePortal, openPortal } from '../../src/server/portal.ts';
import type { AppContext } from '../../src/server/context.ts';

const dir = mkdtempSync(join(tmpdir(), 'agora-demo-test-'));
let ctx: AppContext;
let loaded: number;
const logged: string[] = [];

beforeAll(async () => {
  ctx = await openPortal({ dataDir: dir });
  loaded = await loadDemoCatalog(ctx.catalog, (m) => logged.push(m));
}, 120_000);
afterAll(async () => {
  await closePortal(ctx);
  rmSync(dir, { recursive: true, force: true });
});

/** Rows of a vega-datasets CSV as DuckDB counts them, independently of our import. */
async function csvRows(file: string): Promise<number> {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  try {
    return Number((await c.runAndReadAll('SELECT count(*) FROM read_csv(?)', [vegaFile(file)])).getRows()[0][0]);
  } finally { c.closeSync(); db.closeSync(); }
}

const US_GOV = { license: 'U.S. Government Work (public domain)', license_url: 'https://www.usa.gov/government-works' };
const ADMIN = ['Administration, Government, Public finances, Citizenship'];
const IDS = ['bike-counters-synthetic', 'city-air-sensors-synthetic', 'city-budget-synthetic', 'co2-concentration-mauna-loa', 'earthquakes-week',
  'iowa-electricity-generation', 'london-boroughs', 'london-tube-lines', 'parking-occupancy-synthetic', 'seattle-weather', 'us-airports',
  'us-employment-monthly', 'us-unemployment-by-industry', 'us-zipcodes'];

describe('the demo catalog', () => {
  it('loads fourteen datasets, each reported', () => {
    expect(loaded).toBe(14);
    expect(ctx.catalog.list().map((d) => d.dataset_id).sort()).toEqual(IDS);
    expect(logged).toHaveLength(14);
  });

  it('holds every record of its sources', async () => {
    const count = (id: string) => ctx.catalog.get(id).metas.default.records_count;
    expect(count('us-airports')).toBe(await csvRows('airports.csv'));
    expect(count('us-zipcodes')).toBe(await csvRows('zipcodes.csv'));
    expect(count('seattle-weather')).toBe(await csvRows('seattle-weather.csv'));
    const quakes = JSON.parse(readFileSync(vegaFile('earthquakes.json'), 'utf8')) as { features: unknown[] };
    expect(count('earthquakes-week')).toBe(quakes.features.length);
    expect(count('london-boroughs')).toBe(33);
    const tube = JSON.parse(readFileSync(vegaFile('londonTubeLines.json'), 'utf8')) as { objects: { line: { geometries: unknown[] } } };
    expect(count('london-tube-lines')).toBe(tube.objects.line.geometries.length);
    expect(count('co2-concentration-mauna-loa')).toBe(await csvRows('co2-concentration.csv'));
    expect(count('iowa-electricity-generation')).toBe(await csvRows('iowa-electricity.csv'));
    expect(count('us-employment-monthly')).toBe(await csvRows('us-employment.csv'));
    const unemployment = JSON.parse(readFileSync(vegaFile('unemployment-across-industries.json'), 'utf8')) as unknown[];
    expect(count('us-unemployment-by-industry')).toBe(unemployment.length);
    expect(count('city-air-sensors-synthetic')).toBe(10 * 24 * 60);
    expect(count('city-budget-synthetic')).toBe(7 * 8 * 2);
    expect(count('bike-counters-synthetic')).toBe(8 * 365);
    expect(count('parking-occupancy-synthetic')).toBe(6 * 24 * 28);
    for (const d of ctx.catalog.list()) {
      const [{ n }] = await ctx.backend.query(`SELECT count(*) AS n FROM "${d.table}"`);
      expect(n, d.dataset_id).toBe(d.metas.default.records_count);
    }
  });

  it('carries titles, descriptions, themes, keywords, licences and publishers', () => {
    const m = (id: string) => ctx.catalog.get(id).metas;
    expect(m('us-airports').default).toMatchObject({
      title: 'US airports', theme: ['Transport, Movements'], keyword: ['airports', 'aviation', 'transport'], ...US_GOV,
      publisher: 'FAA (data.gov) via Vega project (vega-datasets package)', language: 'en', references: 'https://catalog.data.gov/dataset/airports-5e97a',
    });
    expect(m('us-zipcodes').default).toMatchObject({
      title: 'US ZIP codes', theme: ADMIN, keyword: ['zip code', 'postal code', 'address'], license: 'CC BY 4.0', publisher: 'GeoNames via Vega project (vega-datasets package)' });
    expect(m('seattle-weather').default).toMatchObject({
      title: 'Seattle daily weather 2012–2015', theme: ['Environment'], keyword: ['weather', 'climate', 'temperature', 'precipitation'],
      ...US_GOV, publisher: 'NOAA via Vega project (vega-datasets package)',
    });
    expect(m('seattle-weather').dcat).toMatchObject({ temporal: '2012-01-01/2015-12-31', spatial: 'Seattle, WA', accrualperiodicity: 'daily' });
    expect(m('earthquakes-week').default).toMatchObject({
      title: 'Earthquakes of one week (USGS)', theme: ['Environment'], keyword: ['earthquakes', 'seismology', 'natural hazards'],
      license: 'Public Domain (USGS)', publisher: 'USGS via Vega project (vega-datasets package)',
    });
    expect(m('london-boroughs').default).toMatchObject({
      title: 'London boroughs', theme: ADMIN, keyword: ['boundaries', 'boroughs', 'London'], license: 'OGL-UK-3.0',
      license_url: 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/', publisher: 'Greater London Authority via Vega project (vega-datasets package)',
    });
    const synthetic = m('city-air-sensors-synthetic').default;
    expect(synthetic).toMatchObject({ theme: ['Environment'], keyword: ['air quality', 'sensors', 'synthetic', 'demo'], license: 'CC0-1.0', publisher: 'City of Northbridge (fictional) — Agora demo' });
    expect(synthetic.title).toMatch(/SYNTHETIC/);
    expect(synthetic.description).toMatch(/<strong>Synthetic data generated by Agora for demonstration only — not real measurements\.<\/strong>/);
    for (const d of ctx.catalog.list()) {
      expect(d.metas.default.description, d.dataset_id).toMatch(/^<p>.+<\/p>$/);
      expect(d.metas.default.keyword.length, d.dataset_id).toBeGreaterThan(0);
      expect(d.metas.default.data_processed, d.dataset_id).not.toBeNull();
    }
  });

  it('types the fields: codes stay text, coordinates become geo fields, facets are annotated', () => {
    const types = (id: string) => Object.fromEntries(ctx.catalog.get(id).fields.map((f) => [f.name, f.type]));
    expect(types('us-zipcodes')).toMatchObject({ zip_code: 'text', city: 'text', state: 'text' });
    expect(Object.values(types('us-zipcodes'))).toContain('geo_point_2d');
    expect(Object.values(types('us-airports'))).toContain('geo_point_2d');
    expect(types('seattle-weather')).toMatchObject({ date: 'date', precipitation: 'double', temp_max: 'double', weather: 'text' });
    expect(types('earthquakes-week')).toMatchObject({ mag: 'double', time: 'datetime', tsunami: 'boolean' });
    expect(Object.values(types('earthquakes-week'))).toContain('geo_point_2d');
    expect(Object.values(types('london-boroughs'))).toContain('geo_shape');
    expect(types('city-air-sensors-synthetic')).toMatchObject({ measured_at: 'datetime', no2_ugm3: 'double' });
    const facets = (id: string) => ctx.catalog.get(id).fields.filter((f) => f.annotations.facet).map((f) => f.name).sort();
    expect(facets('us-airports')).toEqual(['country', 'state']);
    expect(facets('earthquakes-week')).toEqual(['magtype', 'type']);
  });

  it('keeps the zip codes\' leading zeros (first line of zipcodes.csv: 00501)', async () => {
    const ds = ctx.catalog.get('us-zipcodes');
    const rows = await ctx.backend.query(`SELECT zip_code FROM "${ds.table}" ORDER BY _rid LIMIT 1`);
    expect(rows[0].zip_code).toBe('00501');
  });

  it('is served by the Explore API catalog routes', async () => {
    const app = await buildApp(ctx, { web: false });
    try {
      const list = (await app.inject({ url: '/api/explore/v2.1/catalog/datasets?limit=20' })).json() as { total_count: number; results: Array<{ dataset_id: string }> };
      expect(list.total_count).toBe(14);
      const one = (await app.inject({ url: '/api/explore/v2.1/catalog/datasets/us-airports' })).json() as {
        dataset_id: string; metas: { default: { title: string; keyword: string[]; records_count: number } }; fields: Array<{ name: string; type: string }>;
      };
      expect(one.dataset_id).toBe('us-airports');
      expect(one.metas.default.title).toBe('US airports');
      expect(one.metas.default.keyword).toEqual(['airports', 'aviation', 'transport']);
      expect(one.metas.default.records_count).toBe(await csvRows('airports.csv'));
      expect(one.fields.find((f) => f.name === 'iata')).toMatchObject({ type: 'text' });
    } finally { await app.close(); }
  });

  it('a second load adds nothing', async () => {
    const before = ctx.catalog.list().map((d) => [d.dataset_id, d.data_version]);
    expect(await loadDemoCatalog(ctx.catalog)).toBe(0);
    expect(ctx.catalog.list().map((d) => [d.dataset_id, d.data_version])).toEqual(before);
  });
});
