// A real in-memory portal (DuckDB store, catalog, imported CSV files) for the interop tests that
// read records: CKAN datastore, Data Package, per-dataset OpenAPI. Expected values in those tests
// come from DuckDB reading the same CSV file directly.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPortal, closePortal } from '../../src/server/portal.ts';
import { importDataset } from '../../src/ingest/index.ts';
import type { AppContext } from '../../src/server/context.ts';
import { BASE } from './harness.ts';

export const STATIONS_CSV = [
  'station;city;opened;bikes;rating;electric;lat;lon',
  'A01;Paris;2020-01-05;12;4.5;true;48.85;2.35',
  'A02;Paris;2021-03-01;7;3.25;false;48.86;2.34',
  'B01;Lyon;2019-07-14;20;;true;45.76;4.83',
  'B02;Lyon;2021-11-30;3;2.0;false;45.75;4.84',
  'C01;Évry;2022-02-02;;5.0;true;48.63;2.44',
  'C02;"Saint-Denis; Nord";2022-05-06;9;1.5;false;48.93;2.36',
].join('\n');

export interface Fixture { ctx: AppContext; dir: string; stationsFile: string; close(): Promise<void> }

export async function stationsPortal(): Promise<Fixture> {
  const dir = mkdtempSync(join(tmpdir(), 'agora-interop-'));
  const stationsFile = join(dir, 'stations.csv');
  writeFileSync(stationsFile, STATIONS_CSV);
  const ctx = await openPortal({ inMemory: true, baseUrl: BASE, portalName: 'Test portal' });
  await importDataset(ctx.catalog, { source: stationsFile, datasetId: 'stations', title: 'Bike stations', mode: 'create' });
  const ds = ctx.catalog.get('stations');
  await ctx.catalog.updateMetas('stations', {
    default: { ...ds.metas.default, description: '<p>Bike sharing stations.</p>', keyword: ['bikes', 'mobility'], theme: ['Transport'], publisher: 'Ville de Test', license: 'CC BY 4.0', language: 'fr' },
    dcat: { ...ds.metas.dcat, contact_email: 'data@test.example', contact_name: 'Data team' },
  });
  const fields = ctx.catalog.get('stations').fields.map((f) => (f.name === 'city' ? { ...f, annotations: { ...f.annotations, facet: true } } : f));
  await ctx.catalog.updateFields('stations', fields);
  const secret = join(dir, 'secret.csv');
  writeFileSync(secret, 'a;b\n1;2\n');
  await importDataset(ctx.catalog, { source: secret, datasetId: 'secret', title: 'Secret', mode: 'create' });
  await ctx.catalog.updateFlags('secret', { is_restricted: true });
  return { ctx, dir, stationsFile, close: async () => { await closePortal(ctx); rmSync(dir, { recursive: true, force: true }); } };
}
