// Publishing: create refuses an existing dataset; replace swaps the data atomically (a failing import
// leaves the published data queryable and unchanged); append adds rows with continuing _rid and checks
// the schema. On disk, so the store is re-opened to check what survived.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Catalog } from '../../src/catalog/index.ts';
import { DuckDBBackend } from '../../src/storage/duckdb/index.ts';
import { failure, fixture, importFile, openStore, records, type Store } from './helpers.ts';

let store: Store;
const tmp = mkdtempSync(join(tmpdir(), 'agora-publish-'));
const file = (name: string, content: string): string => { const p = join(tmp, name); writeFileSync(p, content); return p; };
beforeEach(async () => { store = await openStore(true); });
afterEach(async () => { await store.close(); });

async function userTables(s: Store): Promise<string[]> {
  const rows = await s.backend.write((tx) => tx.query("SELECT table_name AS t FROM information_schema.tables WHERE table_name LIKE 'rec%' OR table_name LIKE 'stg%' ORDER BY 1"));
  return rows.map((r) => String(r.t));
}

describe('create', () => {
  it('fails with DATASET_EXISTS and leaves the dataset alone', async () => {
    await importFile(store, fixture('codes.csv'), 'communes');
    const e = await failure(importFile(store, fixture('geo-pairs.csv'), 'communes'));
    expect(e.code).toBe('DATASET_EXISTS');
    expect((await records(store, 'communes')).length).toBe(4);
  });

  it('a failed first import publishes nothing and leaves no table', async () => {
    const e = await failure(importFile(store, fixture('ragged.csv'), 'first'));
    expect(e.code).toBe('INGEST_RAGGED_ROW');
    expect(store.catalog.find('first')).toBeUndefined();
    expect(await userTables(store)).toEqual([]);
  });
});

describe('replace', () => {
  it('swaps the data and fields, keeps labels set by the publisher, drops the old table', async () => {
    const v1 = await importFile(store, fixture('codes.csv'), 'communes', { title: 'Communes' });
    await store.catalog.updateFields('communes', v1.fields.map((f) => (f.name === 'population' ? { ...f, label: 'Habitants', description: 'INSEE 2019' } : f)));
    const csv = file('codes-v2.csv', 'code_insee,population,nouveau\n01053,41000,x\n');
    const v2 = await importFile(store, csv, 'communes', { mode: 'replace' });
    expect(v2.dataset.table).not.toBe(v1.dataset.table);
    expect(v2.dataset.metas.default.records_count).toBe(1);
    expect(v2.dataset.metas.default.title).toBe('Communes');
    expect(v2.dataset.data_version).toBe(v1.dataset.data_version + 1);
    expect(v2.fields.map((f) => [f.name, f.label, f.description])).toEqual([['code_insee', 'code_insee', null], ['population', 'Habitants', 'INSEE 2019'], ['nouveau', 'nouveau', null]]);
    expect(await records(store, 'communes')).toEqual([{ _rid: 1, code_insee: '01053', population: 41000, nouveau: 'x' }]);
    expect(await userTables(store)).toEqual([v2.dataset.table]);
  });

  it('under a failing import, the published data stays unchanged and queryable, also after a restart', async () => {
    const v1 = await importFile(store, fixture('codes.csv'), 'communes');
    const before = await records(store, 'communes');
    for (const bad of [fixture('ragged.csv'), fixture('mixed-encoding.csv'), file('bad.geojson', '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":"x"}}]}')]) {
      const e = await failure(importFile(store, bad, 'communes', { mode: 'replace' }));
      expect(e.code).toMatch(/^INGEST_/);
      const ds = store.catalog.get('communes');
      expect(ds.table).toBe(v1.dataset.table);
      expect(ds.metas.default.records_count).toBe(4);
      expect(ds.data_version).toBe(v1.dataset.data_version);
      expect(await records(store, 'communes')).toEqual(before);
    }
    expect(await userTables(store)).toEqual([v1.dataset.table]);
    await store.backend.close();
    const backend = new DuckDBBackend({ dataDir: store.dir });
    await backend.open();
    const catalog = new Catalog(backend);
    await catalog.open();
    store = { ...store, backend, catalog };
    expect(catalog.get('communes').metas.default.records_count).toBe(4);
    expect(await records(store, 'communes')).toEqual(before);
  });

  it('a failure while publishing drops the new table', async () => {
    const v1 = await importFile(store, fixture('codes.csv'), 'communes');
    const publish = store.catalog.publishVersion.bind(store.catalog);
    store.catalog.publishVersion = async () => { throw new Error('disk full'); };
    const e = await failure(importFile(store, fixture('codes.csv'), 'communes', { mode: 'replace' }));
    store.catalog.publishVersion = publish;
    expect(e.code).toBe('INGEST_FAILED');
    expect(e.message).toMatch(/codes\.csv: loading failed, nothing was published \(disk full\)/);
    expect(await userTables(store)).toEqual([v1.dataset.table]);
  });
});

describe('append', () => {
  it('adds rows in one transaction, continues _rid and updates records_count', async () => {
    const v1 = await importFile(store, fixture('codes.csv'), 'communes');
    const more = file('more.csv', 'code_insee,code_postal,population,departement,surface_km2,ratio,siren\n33063,33000,257068,33,49.36,2,213300635\n');
    const s = await importFile(store, more, 'communes', { mode: 'append' });
    expect(s.rowsLoaded).toBe(1);
    expect(s.dataset.table).toBe(v1.dataset.table);
    expect(s.dataset.metas.default.records_count).toBe(5);
    const rows = await records(store, 'communes');
    expect(rows.map((r) => [r._rid, r.code_insee])).toEqual([[1, '01053'], [2, '75056'], [3, '2A004'], [4, '13055'], [5, '33063']]);
  });

  it('reads new values as the published types when they allow it', async () => {
    await importFile(store, fixture('codes.csv'), 'communes');
    // surface_km2 alone would be int here, ratio text-like ints: both go into the double fields; codes stay text.
    const more = file('more.csv', 'code_insee;code_postal;population;departement;surface_km2;ratio;siren\n33063;33000;257068;33;49;2;213300635\n');
    await importFile(store, more, 'communes', { mode: 'append' });
    const last = (await records(store, 'communes'))[4];
    expect(last).toEqual({ _rid: 5, code_insee: '33063', code_postal: '33000', population: 257068, departement: '33', surface_km2: 49, ratio: 2, siren: 213300635 });
  });

  it('refuses other fields or values of another type, and changes nothing', async () => {
    await importFile(store, fixture('codes.csv'), 'communes');
    const before = await records(store, 'communes');
    const e1 = await failure(importFile(store, file('other.csv', 'code_insee,habitants\n1,2\n'), 'communes', { mode: 'append' }));
    expect(e1.code).toBe('INGEST_SCHEMA_MISMATCH');
    expect(e1.message).toMatch(/other\.csv does not have the fields of dataset "communes": missing code_postal, population, departement, surface_km2, ratio, siren; unexpected habitants/);
    const bad = file('bad.csv', 'code_insee,code_postal,population,departement,surface_km2,ratio,siren\n1,2,3,4,5,6,7\n8,9,beaucoup,11,12,13,14\n');
    const e2 = await failure(importFile(store, bad, 'communes', { mode: 'append' }));
    expect(e2.code).toBe('INGEST_SCHEMA_MISMATCH');
    expect(e2.message).toMatch(/bad\.csv record 2, column "population": "beaucoup" is not a valid int, the type of field "population"/);
    expect(store.catalog.get('communes').metas.default.records_count).toBe(4);
    expect(await records(store, 'communes')).toEqual(before);
  });
});

describe('several files as one version', () => {
  const a = () => file('part-a.csv', 'code,count,day\nA1,1,2024-01-01\nA2,2,2024-01-02\n');
  const b = () => file('part-b.json', JSON.stringify([{ code: 'B1', count: 3.5, day: '2024-02-01' }, { code: 'B2', count: null, day: '2024-02-02' }]));
  const c = () => file('part-c.csv', 'code;count;day\nC1;4;2024-03-01\n');

  it('replace: one new data version holding every file in order, _rid continuing, read with the first file\'s types', async () => {
    const v1 = await importFile(store, fixture('codes.csv'), 'parts');
    const b2 = file('part-b2.json', JSON.stringify([{ code: 'B1', count: 3, day: '2024-02-01' }, { code: 'B2', count: null, day: '2024-02-02' }]));
    const out = await importFile(store, a(), 'parts', { mode: 'replace', more: [{ source: b2 }, { source: c(), delimiter: ';' }] });
    expect(out.rowsLoaded).toBe(5);
    expect(out.dataset.data_version).toBe(v1.dataset.data_version + 1); // one swap, not three
    expect(out.dataset.metas.default.records_count).toBe(5);
    expect(out.fields.map((f) => [f.name, f.type])).toEqual([['code', 'text'], ['count', 'int'], ['day', 'date']]);
    const rows = await records(store, 'parts');
    expect(rows.map((r) => [r._rid, r.code, r.count])).toEqual([[1, 'A1', 1], [2, 'A2', 2], [3, 'B1', 3], [4, 'B2', null], [5, 'C1', 4]]);
    expect(await userTables(store)).toEqual([out.dataset.table]);
  });

  it('a later file whose values do not fit the first file\'s types publishes nothing: old data, same version, no table left', async () => {
    const v1 = await importFile(store, fixture('codes.csv'), 'parts');
    const before = await records(store, 'parts');
    const e = await failure(importFile(store, a(), 'parts', { mode: 'replace', more: [{ source: c(), delimiter: ';' }, { source: b() }] }));
    expect(e.code).toBe('INGEST_SCHEMA_MISMATCH');
    expect(e.message).toContain('part-b.json');
    const ds = store.catalog.get('parts');
    expect([ds.table, ds.data_version, ds.metas.default.records_count]).toEqual([v1.dataset.table, v1.dataset.data_version, 4]);
    expect(await records(store, 'parts')).toEqual(before);
    expect(await userTables(store)).toEqual([v1.dataset.table]);
  });

  it('create and append: rows of every file, in order, with ids continuing across files and versions', async () => {
    const created = await importFile(store, a(), 'parts', { more: [{ source: c(), delimiter: ';' }] });
    expect(created.rowsLoaded).toBe(3);
    const appended = await importFile(store, c(), 'parts', { mode: 'append', delimiter: ';', more: [{ source: a() }] });
    expect(appended.dataset.data_version).toBe(created.dataset.data_version + 1);
    const rows = await records(store, 'parts');
    expect(rows.map((r) => [r._rid, r.code, r.count])).toEqual([
      [1, 'A1', 1], [2, 'A2', 2], [3, 'C1', 4], [4, 'C1', 4], [5, 'A1', 1], [6, 'A2', 2],
    ]);
    const e = await failure(importFile(store, c(), 'parts', { mode: 'append', delimiter: ';', more: [{ source: file('other.csv', 'x,y\n1,2\n') }] }));
    expect(e.code).toBe('INGEST_SCHEMA_MISMATCH');
    expect((await records(store, 'parts')).length).toBe(6);
  });
});
