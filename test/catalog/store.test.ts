// The catalog store: publishing versions in one transaction, metadata rules, orphan clean-up.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBBackend } from '../../src/storage/duckdb/index.ts';
import { Catalog, applyMeta, newRecordTable, parseMetaAssignment } from '../../src/catalog/index.ts';
import type { Field } from '../../src/core/types.ts';

const FIELDS: Field[] = [{ name: 'n', label: 'N', type: 'int', description: null, annotations: {} }];

async function tableWithRows(b: DuckDBBackend, id: string, n: number): Promise<string> {
  const t = newRecordTable(id);
  await b.write((tx) => tx.exec(`CREATE TABLE "${t}" AS SELECT range AS n, range + 1 AS _rid FROM range(?)`, [n]));
  return t;
}

describe('Catalog', () => {
  let dir: string;
  let backend: DuckDBBackend;
  let catalog: Catalog;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'agora-cat-'));
    backend = new DuckDBBackend({ dataDir: dir });
    await backend.open();
    catalog = new Catalog(backend);
    await catalog.open();
  });
  afterEach(async () => { await backend.close(); rmSync(dir, { recursive: true, force: true }); });

  it('publishes a first version with default metadata and a stable uid', async () => {
    const t = await tableWithRows(backend, 'trees', 5);
    const ds = await catalog.publishVersion({ datasetId: 'trees', title: 'Trees', table: t, fields: FIELDS, recordsCount: 5, mode: 'create' });
    expect(ds.dataset_uid).toMatch(/^da_[a-z0-9]{6}$/);
    expect(ds.metas.default.title).toBe('Trees');
    expect(ds.metas.default.records_count).toBe(5);
    expect(ds.metas.default.data_processed).not.toBeNull();
    await expect(catalog.publishVersion({ datasetId: 'trees', table: t, fields: FIELDS, recordsCount: 5, mode: 'create' })).rejects.toThrow(/already exists/);
  });

  it('replaces data by swapping tables, drops the old one, keeps uid and labels, bumps data_version', async () => {
    const t1 = await tableWithRows(backend, 'trees', 5);
    const v1 = await catalog.publishVersion({ datasetId: 'trees', table: t1, fields: FIELDS, recordsCount: 5, mode: 'create' });
    await catalog.updateFields('trees', [{ ...FIELDS[0], label: 'Number', description: 'kept' }]);
    const t2 = await tableWithRows(backend, 'trees', 7);
    const v2 = await catalog.publishVersion({ datasetId: 'trees', table: t2, fields: FIELDS, recordsCount: 7, mode: 'replace' });
    expect(v2.dataset_uid).toBe(v1.dataset_uid);
    expect(v2.data_version).toBe(v1.data_version + 1);
    expect(v2.fields[0].label).toBe('Number');
    expect(v2.fields[0].description).toBe('kept');
    const tables = (await backend.query("SELECT table_name FROM information_schema.tables WHERE table_name LIKE 'rec_%'")).map((r) => r.table_name);
    expect(tables).toEqual([t2]);
  });

  it('rolls the whole publication back when a statement inside the transaction fails', async () => {
    const t1 = await tableWithRows(backend, 'trees', 5);
    await catalog.publishVersion({ datasetId: 'trees', table: t1, fields: FIELDS, recordsCount: 5, mode: 'create' });
    await expect(catalog.publishVersion({
      datasetId: 'trees', table: t1, fields: FIELDS, recordsCount: 6, mode: 'append',
      beforeCommit: async (tx) => { await tx.exec(`INSERT INTO "${t1}" VALUES (99, 6)`); await tx.exec('SELECT * FROM no_such_table'); },
    })).rejects.toThrow();
    expect(catalog.get('trees').metas.default.records_count).toBe(5);
    expect((await backend.query(`SELECT count(*) AS n FROM "${t1}"`))[0].n).toBe(5);
  });

  it('survives a restart and drops tables a killed import left behind', async () => {
    const t1 = await tableWithRows(backend, 'trees', 3);
    await catalog.publishVersion({ datasetId: 'trees', table: t1, fields: FIELDS, recordsCount: 3, mode: 'create' });
    await tableWithRows(backend, 'trees', 9); // never published: as if the process died mid-import
    await backend.write((tx) => tx.exec('CREATE TABLE stg_dead AS SELECT 1 AS x'));
    await backend.close();
    backend = new DuckDBBackend({ dataDir: dir });
    await backend.open();
    catalog = new Catalog(backend);
    await catalog.open();
    expect(catalog.get('trees').table).toBe(t1);
    const tables = (await backend.query("SELECT table_name FROM information_schema.tables WHERE table_name LIKE 'rec_%' OR table_name LIKE 'stg_%'")).map((r) => r.table_name);
    expect(tables).toEqual([t1]);
  });

  it('rejects invalid dataset ids and unknown datasets with clear messages', async () => {
    await expect(catalog.publishVersion({ datasetId: 'Bad Id!', table: 'x', fields: [], recordsCount: 0, mode: 'create' })).rejects.toThrow(/Invalid dataset id "Bad Id!"/);
    expect(() => catalog.get('nope')).toThrow(/Unknown dataset: nope/);
    await expect(catalog.delete('nope')).rejects.toThrow(/Unknown dataset/);
  });
});

describe('metadata assignments', () => {
  const base = { default: { title: 't', theme: [] }, dcat: {} } as never;
  it('splits lists on commas, routes dcat keys, sanitises HTML', () => {
    let m = applyMeta(base, 'default', 'keyword', 'trees, nature,');
    expect(m.default.keyword).toEqual(['trees', 'nature']);
    const a = parseMetaAssignment('contact_email=data@city.example');
    expect(a.template).toBe('dcat');
    m = applyMeta(m, a.template, a.key, a.value);
    expect(m.dcat.contact_email).toBe('data@city.example');
    m = applyMeta(m, 'default', 'description', '<p onclick="x()">Hi<script>alert(1)</script></p>');
    expect(m.default.description).toBe('<p>Hi</p>');
  });
  it('names the bad key or value', () => {
    expect(() => applyMeta(base, 'default', 'colour', 'red')).toThrow(/Unknown metadata "colour"/);
    expect(() => applyMeta(base, 'default', 'records_count', '3')).toThrow(/computed/);
    expect(() => applyMeta(base, 'dcat', 'contact_email', 'nope')).toThrow(/Invalid dcat.contact_email "nope"/);
    expect(() => applyMeta(base, 'default', 'license_url', 'ftp://x')).toThrow(/license_url/);
    expect(() => parseMetaAssignment('novalue')).toThrow(/expected key=value/);
  });
});
