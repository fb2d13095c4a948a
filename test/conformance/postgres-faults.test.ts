// Faults on a PostgreSQL store (the dev machine's, 127.0.0.1:5432, database test): a node killed
// (SIGKILL) while it replaces a dataset leaves the published version answering, unchanged, and
// nothing half-written that survives the next start; an unreachable store is a clear start error.
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { closePortal, openPortal } from '../../src/server/portal.ts';
import { vegaFile } from '../../src/demo/index.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const STORE = process.env.AGORA_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `agora_faults_${randomBytes(4).toString('hex')}`;
const dir = mkdtempSync(join(tmpdir(), 'agora-faults-'));
const env = { ...process.env, AGORA_STORE: STORE, AGORA_STORE_SCHEMA: schema, AGORA_DATA: join(dir, 'data') };

afterAll(async () => {
  const c = new pg.Client({ connectionString: STORE });
  await c.connect();
  await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).finally(() => c.end());
  rmSync(dir, { recursive: true, force: true });
});

describe('faults on the PostgreSQL store', () => {
  it('a node killed in the middle of a replace leaves the published version whole, and no leftovers after a restart', async () => {
    const small = join(dir, 'small.csv');
    writeFileSync(small, 'origin,delay\nATL,1\nBOS,2\nSFO,3\n');
    expect(spawnSync(process.execPath, ['bin/agora.js', 'import', small, '--id', 'flights'], { cwd: ROOT, env, encoding: 'utf8' }).status).toBe(0);
    const big = spawn(process.execPath, ['bin/agora.js', 'import', vegaFile('flights-3m.parquet'), '--id', 'flights', '--replace'], { cwd: ROOT, env, stdio: 'ignore' });
    // Killed once its rows stream into PostgreSQL (COPY), the middle of the move into the store.
    const watch = new pg.Client({ connectionString: STORE });
    await watch.connect();
    let copying = false;
    for (let i = 0; i < 300 && !copying && big.exitCode === null; i++) {
      copying = (await watch.query("SELECT 1 FROM pg_stat_activity WHERE state = 'active' AND query LIKE 'COPY %'")).rows.length > 0;
      if (!copying) await new Promise((r) => setTimeout(r, 100));
    }
    await watch.end();
    expect(copying).toBe(true);
    big.kill('SIGKILL');
    await new Promise((r) => big.once('exit', r));
    const ctx = await openPortal({ store: STORE, storeSchema: schema, dataDir: join(dir, 'data') });
    try {
      const ds = ctx.catalog.get('flights');
      expect(ds.metas.default.records_count).toBe(3);
      expect(await ctx.backend.query(`SELECT origin, delay FROM ${ds.table} ORDER BY origin`)).toEqual([
        { origin: 'ATL', delay: 1 }, { origin: 'BOS', delay: 2 }, { origin: 'SFO', delay: 3 },
      ]);
      const tables = await ctx.backend.query("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND (table_name LIKE 'rec%' OR table_name LIKE 'stg%')");
      expect(tables.map((t) => t.table_name)).toEqual([ds.table]);
    } finally {
      await closePortal(ctx);
    }
  });

  it('an unreachable store stops the start with one line naming host:port, never the password', () => {
    const r = spawnSync(process.execPath, ['bin/agora.js', 'serve', '--no-demo', '--store', 'postgres://agora:s3cret-pw@127.0.0.1:1/test'], { cwd: ROOT, env: { ...process.env, AGORA_DATA: join(dir, 'x') }, encoding: 'utf8', timeout: 30_000 });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('Cannot open the PostgreSQL store at 127.0.0.1:1');
    expect(r.stderr + r.stdout).not.toContain('s3cret-pw');
  });
});
