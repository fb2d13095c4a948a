// agora migrate against the dev machine's PostgreSQL: a real embedded portal (CSV and GeoJSON datasets,
// users, groups, keys, rules, a page, audit, a real-time push) moved into a fresh schema answers the same
// Explore API bodies, logins and keys; a corrupted row fails the check and commits nothing; bad input.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import pg from 'pg';
import { closePortal, openPortal } from '../../src/server/portal.ts';
import { buildApp } from '../../src/server/app.ts';
import type { AppContext } from '../../src/server/context.ts';
import { DuckDBBackend } from '../../src/storage/duckdb/index.ts';
import { PostgresBackend } from '../../src/storage/postgres/index.ts';
import { migrateStore, VerifyError } from '../../src/storage/migrate/copy.ts';
import { answersOf, type Answer } from './migrate-requests.ts';

const URL = 'postgres://postgres@127.0.0.1:5432/test';
const run = randomBytes(4).toString('hex');
const schema = `agora_mig_${run}`;
const spare = `agora_mig2_${run}`;
const API = '/api/explore/v2.1';

let dir: string;
let keys: Record<string, string> = {};
let answers: Record<string, Answer> = {};

function agora(...args: string[]): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, ['bin/agora.js', 'migrate', ...args], { encoding: 'utf8', env: { ...process.env, AGORA_STORE: '', AGORA_STORE_SCHEMA: '' } });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

async function onPg<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: URL });
  await c.connect();
  try { return await fn(c); } finally { await c.end(); }
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'agora-migrate-'));
  const built = spawnSync(process.execPath, ['bin/run-ts.js', 'test/conformance/migrate-source.ts', dir], { encoding: 'utf8', env: { ...process.env, AGORA_STORE: '', AGORA_STORE_SCHEMA: '' } });
  if (built.status !== 0) throw new Error(`building the source portal failed: ${built.stderr}`);
  ({ keys, answers } = JSON.parse(readFileSync(join(dir, 'source.json'), 'utf8')));
  process.env.AGORA_RATE_LIMIT_ANONYMOUS = 'off';
});

afterAll(async () => {
  delete process.env.AGORA_RATE_LIMIT_ANONYMOUS;
  await onPg(async (c) => { for (const s of [schema, spare]) await c.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`); });
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('agora migrate', () => {
  it('moves the whole portal, printing each table checked, the URL without its password', async () => {
    const r = agora('--from', join(dir, 'portal'), '--to', URL.replace('postgres@', 'postgres:hunter2@'), '--schema', schema);
    expect(r.code, r.err).toBe(0);
    expect(r.out + r.err).not.toContain('hunter2');
    for (const t of ['agora_datasets', 'agora_users', 'agora_groups', 'agora_group_members', 'agora_api_keys', 'agora_dataset_security', 'agora_audit_log', 'agora_realtime_state']) {
      expect(r.out).toMatch(new RegExp(`^${t}\\s+\\d+\\s+[0-9a-f]{12}  OK$`, 'm'));
    }
    expect(r.out).toMatch(/^rec_stations_\S+\s+4\s+[0-9a-f]{12}  OK$/m);
    expect(r.out).toMatch(/Migrated \d+ tables, \d+ rows in [\d.]+ s/);
  });

  it('gives a portal on PostgreSQL that answers the same bodies, logins and keys', async () => {
    const ctx = await openPortal({ store: URL, storeSchema: schema, dataDir: join(dir, 'pg-node'), baseUrl: 'http://portal.test' });
    const app = await buildApp(ctx, { web: false });
    try {
      const got = await answersOf(app, keys);
      expect(Object.keys(answers).length).toBeGreaterThan(5);
      for (const [k, v] of Object.entries(answers)) {
        expect(v.status, k).toBe(200);
        expect(got.get(k), k).toEqual(v);
      }
      const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'ana', password: 'password-ana' } });
      expect(login.statusCode, login.body).toBe(200);
      expect((await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'ana', password: 'wrong-password' } })).statusCode).toBe(401);
      const masked = await app.inject({ url: `${API}/catalog/datasets/stations/records?limit=1`, headers: { authorization: `Apikey ${keys.ana}` } });
      expect(Object.keys(masked.json().results[0]).sort()).toEqual(['city', 'station']);
    } finally {
      await app.close();
      await closePortal(ctx);
    }
  });

  it('refuses a schema that holds a portal unless --replace', () => {
    const again = agora('--from', join(dir, 'portal'), '--to', URL, '--schema', schema);
    expect(again.code).toBe(1);
    expect(again.err).toContain(`schema "${schema}" already holds an Agora portal (agora_datasets: 3 rows)`);
    const replaced = agora('--from', join(dir, 'portal'), '--to', URL, '--schema', schema, '--replace');
    expect(replaced.code, replaced.err).toBe(0);
  });

  it('fails the check naming the corrupted table, and leaves the target without a half portal', async () => {
    const source = new DuckDBBackend({ dataDir: join(dir, 'portal'), readOnly: true });
    const target = new PostgresBackend({ url: URL, schema: spare });
    await source.open();
    await target.open();
    try {
      const err = await migrateStore(source, target, {
        schema: spare, workDir: dir, beforeVerify: (tx) => tx.exec("UPDATE agora_users SET email = 'eve@example.org' WHERE username = 'ana'"),
      }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(VerifyError);
      expect((err as VerifyError).bad.map((b) => b.table)).toEqual(['agora_users']);
      expect((err as Error).message).toContain('agora_users');
      expect(await target.query('SELECT table_name FROM information_schema.tables WHERE table_schema = ?', [spare])).toEqual([]);
    } finally {
      await target.close();
      await source.close();
    }
  });

  it('refuses while real-time entries are acknowledged but not applied, and never writes its source', () => {
    const logDir = join(dir, 'portal', 'realtime');
    const segment = join(logDir, readdirSync(logDir).filter((f) => f.endsWith('.log')).sort().at(-1)!);
    const before = readFileSync(segment, 'utf8');
    const last = JSON.parse(before.trim().split('\n').at(-1)!.split('\t')[1]);
    const json = JSON.stringify({ ...last, seq: last.seq + 1 });
    appendFileSync(segment, `${crc32(json).toString(16).padStart(8, '0')}\t${json}\n`);
    const store = readFileSync(join(dir, 'portal', 'agora.duckdb'));
    try {
      const r = agora('--from', join(dir, 'portal'), '--to', URL, '--schema', spare);
      expect(r.code).toBe(1);
      expect(r.err).toContain('holds 1 real-time entries acknowledged but not yet applied');
      expect(readFileSync(join(dir, 'portal', 'agora.duckdb')).equals(store)).toBe(true);
    } finally {
      writeFileSync(segment, before);
    }
  });

  it('answers bad input with a clear message and exit code', () => {
    const noFrom = agora('--to', URL);
    expect([noFrom.code, noFrom.err]).toEqual([2, expect.stringContaining('missing --from DIR')]);
    const noTo = agora('--from', dir);
    expect([noTo.code, noTo.err]).toEqual([2, expect.stringContaining('missing --to')]);
    const notPortal = agora('--from', dir, '--to', URL);
    expect([notPortal.code, notPortal.err]).toEqual([1, expect.stringContaining('holds no Agora portal')]);
    const down = agora('--from', join(dir, 'portal'), '--to', 'postgres://postgres:hunter2@127.0.0.1:1/test');
    expect(down.code).toBe(1);
    expect(down.err).toContain('127.0.0.1:1');
    expect(down.err).not.toContain('hunter2');
  });
});
