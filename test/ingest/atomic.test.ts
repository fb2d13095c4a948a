// Atomic publishing under failure: a replace whose file goes bad half way, and imports killed with
// kill -9 at each stage (child processes), leave the published data untouched and queryable once the
// store is reopened; an append is all or nothing. Reads keep answering while an import is under way.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Catalog } from '../../src/catalog/index.ts';
import { DuckDBBackend } from '../../src/storage/duckdb/index.ts';
import { buildApp } from '../../src/server/app.ts';
import { closePortal, openPortal } from '../../src/server/portal.ts';
import type { WriteTx } from '../../src/storage/backend.ts';
import { failure, importFile, records, type Store } from './helpers.ts';

const tmp = mkdtempSync(join(tmpdir(), 'agora-atomic-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** `n` rows of `id,code,value` (codes with leading zeros); row `bad` (1-based) gets a fourth column. */
function bigCsv(name: string, n: number, opts: { bad?: number; offset?: number } = {}): string {
  const lines = ['id,code,value'];
  for (let i = 1; i <= n; i++) {
    const id = i + (opts.offset ?? 0);
    lines.push(`${id},${String(id % 1000).padStart(5, '0')},${(id * 0.5).toFixed(1)}${i === opts.bad ? ',extra' : ''}`);
  }
  const p = join(tmp, name);
  writeFileSync(p, lines.join('\n') + '\n');
  return p;
}

async function open(dir: string): Promise<Store> {
  const backend = new DuckDBBackend({ dataDir: dir, readPoolSize: 2 });
  await backend.open();
  const catalog = new Catalog(backend);
  await catalog.open();
  return { backend, catalog, dir, close: () => backend.close() };
}

async function storeTables(s: Store): Promise<string[]> {
  const rows = await s.backend.query("SELECT table_name AS t FROM information_schema.tables WHERE table_name LIKE 'rec%' OR table_name LIKE 'stg%' ORDER BY 1");
  return rows.map((r) => String(r.t));
}

/** The published rows as a query sees them: count, sum and the first rows, straight from SQL. */
async function snapshot(s: Store, id: string): Promise<{ n: number; sum: number; first: unknown[] }> {
  const t = s.catalog.get(id).table;
  const [agg] = await s.backend.query(`SELECT count(*) AS n, sum(value) AS sum FROM "${t}"`);
  const first = (await s.backend.query(`SELECT _rid, id, code FROM "${t}" ORDER BY _rid LIMIT 3`)).map((r) => [r._rid, r.id, r.code]);
  return { n: Number(agg.n), sum: Number(agg.sum), first };
}

describe('replace under a failing import', () => {
  it('a bad row half way through a 20,000-row file names its line and leaves the published data as it was', async () => {
    const dir = join(tmp, 'halfway');
    const s = await open(dir);
    try {
      await importFile(s, bigCsv('v1.csv', 1000), 'counts');
      const before = await snapshot(s, 'counts');
      // Independent expectation: 1000 rows, sum of i * 0.5 for i = 1..1000.
      expect(before).toEqual({ n: 1000, sum: 0.5 * 1000 * 1001 / 2, first: [[1, 1, '00001'], [2, 2, '00002'], [3, 3, '00003']] });
      const v1 = s.catalog.get('counts');
      // Line 10,002 of the file (header + 10,001 rows) has four columns.
      const e = await failure(importFile(s, bigCsv('v2-bad.csv', 20_000, { bad: 10_001, offset: 5000 }), 'counts', { mode: 'replace' }));
      expect(e.code).toBe('INGEST_RAGGED_ROW');
      expect(e.message).toMatch(/^v2-bad\.csv line 10002: 4 columns where the header has 3/);
      // UTF-8 "é" on every row but one, where a Latin-1 "é" (byte 0xE9) sits: line 12,347.
      const rows = Array.from({ length: 20_000 }, (_, i) => (i === 12_345 ? Buffer.from(`${i},caf\xe9,1\n`, 'latin1') : Buffer.from(`${i},café,1\n`, 'utf8')));
      const bytes = Buffer.concat([Buffer.from('id,code,value\n'), ...rows]);
      const badBytes = join(tmp, 'v2-bytes.csv');
      writeFileSync(badBytes, bytes);
      const e2 = await failure(importFile(s, badBytes, 'counts', { mode: 'replace' }));
      expect(e2.code).toBe('INGEST_ENCODING');
      expect(e2.message).toMatch(/^v2-bytes\.csv line 12347, column 2 \("code"\): bytes that are not valid UTF-8/);
      const after = s.catalog.get('counts');
      expect([after.table, after.data_version, after.metas.default.records_count]).toEqual([v1.table, v1.data_version, 1000]);
      expect(await snapshot(s, 'counts')).toEqual(before);
      expect(await storeTables(s)).toEqual([v1.table]);
    } finally { await s.close(); }
  });
});

/** Runs the import child until it reports PAUSED at `point`, then kills it with SIGKILL. */
function importAndKill(dir: string, file: string, id: string, mode: string, point: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/run-ts.js', 'test/ingest/support/import-child.ts', dir, file, id, mode, point], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes('PAUSED')) child.kill('SIGKILL');
    });
    child.stderr.on('data', (d) => { out += d; });
    child.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve(out) : reject(new Error(`child ended with ${code}: ${out}`))));
  });
}

describe('an import killed with kill -9', () => {
  const cases: Array<[string, 'replace' | 'append']> = [
    ['staged', 'replace'], ['created', 'replace'], ['published', 'replace'], ['staged', 'append'], ['published', 'append'],
  ];
  it.each(cases)('at "%s" during a %s leaves the published data queryable and unchanged after a restart', async (point, mode) => {
    const dir = join(tmp, `kill-${point}-${mode}`);
    let s = await open(dir);
    await importFile(s, bigCsv('base.csv', 1000), 'counts');
    const v1 = s.catalog.get('counts');
    const before = await snapshot(s, 'counts');
    await s.close();

    const next = mode === 'append' ? bigCsv(`more-${point}.csv`, 50_000, { offset: 1000 }) : bigCsv(`new-${point}.csv`, 50_000, { offset: 7 });
    const out = await importAndKill(dir, next, 'counts', mode, point);
    expect(out).not.toContain('DONE');

    s = await open(dir);
    try {
      const ds = s.catalog.get('counts');
      expect([ds.table, ds.data_version, ds.metas.default.records_count, ds.dataset_uid]).toEqual([v1.table, v1.data_version, 1000, v1.dataset_uid]);
      expect(await snapshot(s, 'counts')).toEqual(before);
      // Tables the killed import left behind are dropped when the store opens.
      expect(await storeTables(s)).toEqual([v1.table]);
      // And the store takes the same import afterwards.
      const done = await importFile(s, next, 'counts', { mode });
      expect(done.dataset.metas.default.records_count).toBe(mode === 'append' ? 51_000 : 50_000);
      expect((await snapshot(s, 'counts')).n).toBe(mode === 'append' ? 51_000 : 50_000);
    } finally { await s.close(); }
  });
});

describe('append', () => {
  it('is one transaction: a failure inside it adds no row', async () => {
    const dir = join(tmp, 'append-fail');
    const s = await open(dir);
    try {
      await importFile(s, bigCsv('base.csv', 1000), 'counts');
      const before = await snapshot(s, 'counts');
      // Fail the publishing transaction after its INSERT of the new rows has run.
      const write = s.backend.write.bind(s.backend);
      s.backend.write = <T>(fn: (tx: WriteTx) => Promise<T>): Promise<T> => write((tx) => fn({
        query: tx.query,
        stageRows: tx.stageRows,
        exec: async (sql, params) => {
          await tx.exec(sql, params);
          if (sql.startsWith('INSERT INTO agora_datasets')) throw new Error('disk full');
        },
      }));
      const e = await failure(importFile(s, bigCsv('more.csv', 30_000, { offset: 1000 }), 'counts', { mode: 'append' }));
      s.backend.write = write;
      expect(e.code).toBe('INGEST_FAILED');
      expect(e.message).toMatch(/^more\.csv: loading failed, nothing was published \(disk full\)/);
      expect(s.catalog.get('counts').metas.default.records_count).toBe(1000);
      expect(await snapshot(s, 'counts')).toEqual(before);
    } finally { await s.close(); }
  });
});

describe('reads during an import', () => {
  it('the records API answers with the published data while the writer holds an open transaction', async () => {
    const ctx = await openPortal({ dataDir: join(tmp, 'reads') });
    const app = await buildApp(ctx, { web: false });
    const s: Store = { backend: ctx.backend as DuckDBBackend, catalog: ctx.catalog, dir: null, close: async () => undefined };
    try {
      await importFile(s, bigCsv('base.csv', 1000), 'counts');
      const ask = async () => {
        const res = await app.inject({ url: '/api/explore/v2.1/catalog/datasets/counts/records?select=count(*) as n,sum(value) as s&limit=1' });
        expect(res.statusCode, res.body).toBe(200);
        return (res.json() as { results: Array<{ n: number; s: number }> }).results[0];
      };
      expect(await ask()).toEqual({ n: 1000, s: 250_250 });
      // Hold the import inside its transactions (after the new table is created, then after the
      // publishing statements ran) and query meanwhile.
      const seen: Array<{ n: number; s: number }> = [];
      const write = ctx.backend.write.bind(ctx.backend);
      ctx.backend.write = <T>(fn: (tx: WriteTx) => Promise<T>): Promise<T> => write((tx) => fn({
        query: tx.query,
        stageRows: tx.stageRows,
        exec: async (sql, params) => {
          await tx.exec(sql, params);
          if (sql.startsWith('CREATE TABLE "rec_') || sql.startsWith('INSERT INTO agora_datasets')) {
            seen.push(await ask());
          }
        },
      }));
      const s2 = await importFile(s, bigCsv('v2.csv', 40_000), 'counts', { mode: 'replace' });
      ctx.backend.write = write;
      expect(seen).toEqual([{ n: 1000, s: 250_250 }, { n: 1000, s: 250_250 }]);
      expect(s2.rowsLoaded).toBe(40_000);
      expect(await ask()).toEqual({ n: 40_000, s: 0.5 * 40_000 * 40_001 / 2 });
    } finally {
      await app.close();
      await closePortal(ctx);
    }
  });

  it('queries run to completion while a large load is in progress', async () => {
    const ctx = await openPortal({ dataDir: join(tmp, 'reads-live') });
    const s: Store = { backend: ctx.backend as DuckDBBackend, catalog: ctx.catalog, dir: null, close: async () => undefined };
    try {
      await importFile(s, bigCsv('base.csv', 1000), 'counts');
      const table = ctx.catalog.get('counts').table;
      let finished = false;
      const importing = importFile(s, bigCsv('big.csv', 300_000), 'big').finally(() => { finished = true; });
      let during = 0;
      const answers = new Set<number>();
      while (!finished) {
        const [r] = await ctx.backend.query(`SELECT count(*) AS n FROM "${table}"`);
        answers.add(Number(r.n));
        if (!finished) during++;
      }
      await importing;
      expect(during).toBeGreaterThan(0);
      expect([...answers]).toEqual([1000]);
      expect(ctx.catalog.get('big').metas.default.records_count).toBe(300_000);
    } finally { await closePortal(ctx); }
  });
});
