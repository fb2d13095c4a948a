// Processors at publish: a replace and an append run the dataset's pipeline before anything is
// published; a failing processor names itself, the record and the field, and the published data is
// untouched; skip_on_error leaves the record out and counts it. Expected rows are written by hand.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDataset } from '../../src/ingest/index.ts';
import { parseProcessor, processorStore } from '../../src/ingest/processors/index.ts';
import { openStore, records, type Store } from '../ingest/helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'agora-proc-'));
let store: Store;
const csv = (name: string, text: string) => { const p = join(dir, name); writeFileSync(p, text); return p; };
const pipeline = async (id: string, bodies: unknown[]) => {
  const ds = store.catalog.get(id);
  await (await processorStore(store.catalog)).putPipeline(ds.dataset_uid, bodies.map((b, i) => parseProcessor(b, `pr_${i}`)));
};

beforeAll(async () => {
  store = await openStore();
  await importDataset(store.catalog, { source: csv('a.csv', 'name,price\nAda,10\nBob,20\n'), datasetId: 'shop', mode: 'create' });
});
afterAll(async () => { await store.close(); rmSync(dir, { recursive: true, force: true }); });

describe('processors at publish', () => {
  it('a replace publishes the pipeline output', async () => {
    await pipeline('shop', [
      { type: 'string_replace', field: 'name', old: 'a', new: 'A' },
      { type: 'expression', expression: 'price * 2', output_field: 'double_price', label: 'Double' },
    ]);
    const s = await importDataset(store.catalog, { source: csv('b.csv', 'name,price\nAda,10\nBob,20\nanna,5\n'), datasetId: 'shop', mode: 'replace' });
    expect(s.rowsLoaded).toBe(3);
    expect(s.processorsEngine).toBe('sql');
    expect(store.catalog.get('shop').fields.map((f) => [f.name, f.type])).toEqual([['name', 'text'], ['price', 'int'], ['double_price', 'text']]);
    const rows = await records(store, 'shop');
    expect(rows.map((r) => [r._rid, r.name, r.double_price])).toEqual([[1, 'AdA', '20'], [2, 'Bob', '40'], [3, 'AnnA', '10']]);
  });

  it('a failing processor names processor, record and field, and nothing is published', async () => {
    await pipeline('shop', [{ type: 'normalize_date', label: 'Dates', field: 'name', input_formats: '%d/%m/%Y' }]);
    const before = await records(store, 'shop');
    const err = await importDataset(store.catalog, { source: csv('c.csv', 'name,price\n01/02/2024,1\nnot a date,2\n'), datasetId: 'shop', mode: 'replace' }).catch((e) => e);
    expect(err.code).toBe('PROCESSOR_FAILED');
    expect(err.message).toContain('processor 1 (normalize_date "Dates") failed on record 2, field "name"');
    expect(err.details).toMatchObject({ record: 2, field: 'name', position: 1 });
    expect(await records(store, 'shop')).toEqual(before);
    const tables = await store.backend.query("SELECT count(*) AS n FROM information_schema.tables WHERE table_name LIKE 'rec%'");
    expect(Number(tables[0].n)).toBe(1);
  });

  it('a record the SQL path cannot vouch for is run by JS, which names it, and nothing is published', async () => {
    await pipeline('shop', [{ type: 'expression', label: 'Ratio', expression: '100 / price', output_field: 'ratio', output_type: 'double' }]);
    const before = await records(store, 'shop');
    const err = await importDataset(store.catalog, { source: csv('z.csv', 'name,price\nAda,10\nBob,0\n'), datasetId: 'shop', mode: 'replace' }).catch((e) => e);
    expect(err.code).toBe('PROCESSOR_FAILED');
    expect(err.message).toContain('processor 1 (expression "Ratio") failed on record 2, field "expression": division by zero');
    expect(await records(store, 'shop')).toEqual(before);
    const tables = await store.backend.query("SELECT count(*) AS n FROM information_schema.tables WHERE table_name LIKE 'rec%'");
    expect(Number(tables[0].n)).toBe(1);
  });

  it('skip_on_error leaves the record out and counts it', async () => {
    await pipeline('shop', [{ type: 'normalize_date', field: 'name', input_formats: '%d/%m/%Y', skip_on_error: true }]);
    const s = await importDataset(store.catalog, { source: csv('d.csv', 'name,price\n01/02/2024,1\nnot a date,2\n31/12/1999,3\n'), datasetId: 'shop', mode: 'replace' });
    expect(s.rowsLoaded).toBe(2);
    expect(s.skippedByProcessors).toEqual([expect.objectContaining({ record: 2, field: 'name', position: 1 })]);
    const rows = await records(store, 'shop');
    expect(rows.map((r) => (r.name as Date).toISOString().slice(0, 10))).toEqual(['2024-02-01', '1999-12-31']);
  });

  it('an append runs the pipeline and must then match the published fields', async () => {
    await importDataset(store.catalog, { source: csv('e.csv', 'Nom,Prix\nAda,10\n'), datasetId: 'app', mode: 'create' });
    await pipeline('app', [{ type: 'rename_field', field: 'nom', new_name: 'name' }]);
    await importDataset(store.catalog, { source: csv('f.csv', 'Nom,Prix\nBob,20\n'), datasetId: 'app', mode: 'replace' });
    await importDataset(store.catalog, { source: csv('g.csv', 'Nom,Prix\nCy,30\n'), datasetId: 'app', mode: 'append' });
    expect((await records(store, 'app')).map((r) => [r._rid, r.name, r.prix])).toEqual([[1, 'Bob', 20], [2, 'Cy', 30]]);
    const err = await importDataset(store.catalog, { source: csv('h.csv', 'Other,Prix\nX,1\n'), datasetId: 'app', mode: 'append' }).catch((e) => e);
    expect(err.code).toBe('PROCESSOR_INVALID');
    expect(err.message).toContain('"nom" is not a field');
    expect(store.catalog.get('app').metas.default.records_count).toBe(2);
  });

  it('a deleted dataset takes its pipeline and sample with it', async () => {
    const uid = store.catalog.get('app').dataset_uid;
    const procs = await processorStore(store.catalog);
    expect(procs.pipeline(uid)).toHaveLength(1);
    await store.catalog.delete('app');
    expect(procs.pipeline(uid)).toEqual([]);
    expect(procs.sample(uid)).toBeNull();
  });
});
