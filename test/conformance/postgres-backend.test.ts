// The shared Backend contract (test/storage/backend-contract.ts) on the dev machines' and CI's
// PostgreSQL 15 (AGORA_TEST_PG_URL, default postgres://postgres@127.0.0.1:5432/test), each run in a
// fresh schema dropped at the end; plus what only a server has: unreachable, lost connections, schemas.
// PostgreSQL not answering fails these tests (CI starts it): it is never a silent skip.
// Values must not depend on the process's time zone: run where local time is not UTC.
process.env.TZ = 'Europe/Paris';
import { randomBytes } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { AgoraError } from '../../src/core/errors.ts';
import { PostgresBackend } from '../../src/storage/postgres/index.ts';
import { runBackendContract } from '../storage/backend-contract.ts';

const URL_ = process.env.AGORA_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schemas: string[] = [];

function freshSchema(): string {
  const s = `agora_test_${randomBytes(6).toString('hex')}`;
  schemas.push(s);
  return s;
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: URL_, connectionTimeoutMillis: 5_000 });
  try {
    await c.connect();
  } catch (e) {
    const u = new URL(URL_);
    throw new Error(`PostgreSQL at ${u.hostname}:${u.port || 5432} (database ${u.pathname.slice(1)}) does not answer (${(e as Error).message}). `
      + 'These conformance tests need it: start it (service postgresql start) or point AGORA_TEST_PG_URL at one.');
  }
  try { return await fn(c); } finally { await c.end(); }
}

/** Terminates, from outside, the server process running this statement, once it shows. */
async function terminate(sql: string): Promise<void> {
  await admin(async (c) => {
    for (let i = 0; i < 50; i++) {
      const r = await c.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = $1 AND pid <> pg_backend_pid()', [sql]);
      if (r.rows.length) return;
      await new Promise((res) => setTimeout(res, 50));
    }
    throw new Error(`${sql} never showed in pg_stat_activity`);
  });
}

afterAll(async () => {
  if (schemas.length) await admin((c) => c.query(schemas.map((s) => `DROP SCHEMA IF EXISTS "${s}" CASCADE;`).join(' ')));
});

let contractSchema = '';
runBackendContract({
  name: 'PostgreSQL',
  async open() {
    await admin((c) => c.query('SELECT 1'));
    contractSchema = freshSchema();
    const b = new PostgresBackend({ url: URL_, schema: contractSchema, readPoolSize: 2 });
    await b.open();
    return b;
  },
  introspectTypes: { id: 'bigint', t: 'text', b: 'bigint', d: 'double precision', f: 'boolean', day: 'date', ts: 'timestamp with time zone', j: 'json', tags: 'text[]' },
  describeTypes: { id: 'bigint', t: 'text', b: 'bigint', d: 'double precision', f: 'boolean', day: 'date', ts: 'timestamp with time zone', j: 'json', tags: 'text[]' },
});

describe('PostgreSQL backend: server matters', () => {
  let b: PostgresBackend;
  let schema: string;
  beforeAll(async () => {
    schema = freshSchema();
    b = new PostgresBackend({ url: URL_, schema, readPoolSize: 2, statementTimeoutMs: 20_000 });
    await b.open();
  });
  afterAll(async () => { await b?.close(); });

  it('keeps every table in its own schema, created on open', async () => {
    await b.write((tx) => tx.exec('CREATE TABLE mine (n BIGINT)'));
    const rows = await admin((c) => c.query('SELECT table_schema FROM information_schema.tables WHERE table_name = $1 AND table_schema = $2', ['mine', schema]));
    expect(rows.rows).toEqual([{ table_schema: schema }]);
  });

  it('finds functions in public (where extensions live) while its own tables stay in its schema', async () => {
    const fn = `agora_probe_${randomBytes(4).toString('hex')}`;
    await admin((c) => c.query(`CREATE FUNCTION public.${fn}() RETURNS text LANGUAGE sql AS $$ SELECT 'from public' $$`));
    try {
      expect(await b.query(`SELECT ${fn}() AS v`)).toEqual([{ v: 'from public' }]);
    } finally {
      await admin((c) => c.query(`DROP FUNCTION public.${fn}()`));
    }
  });

  it('an unreachable server fails open with STORAGE_FAILED naming host:port, never the password', async () => {
    const down = new PostgresBackend({ url: 'postgres://agora:s3cret-pw@127.0.0.1:1/test', connectTimeoutMs: 3_000 });
    const e = await down.open().then(() => null, (err: unknown) => err);
    expect(e).toBeInstanceOf(AgoraError);
    expect((e as AgoraError).code).toBe('STORAGE_FAILED');
    expect((e as AgoraError).message).toContain('127.0.0.1:1');
    expect(JSON.stringify({ m: (e as AgoraError).message, d: (e as AgoraError).details })).not.toContain('s3cret-pw');
  });

  it('an unreachable read replica fails open, naming the replica', async () => {
    const down = new PostgresBackend({ url: URL_, readUrl: 'postgres://postgres:pw-replica@127.0.0.1:2/test', schema, connectTimeoutMs: 3_000 });
    const e = await down.open().then(() => null, (err: unknown) => err);
    expect((e as AgoraError).code).toBe('STORAGE_FAILED');
    expect((e as AgoraError).message).toContain('127.0.0.1:2');
    expect((e as AgoraError).message).not.toContain('pw-replica');
  });

  it('a connection lost mid-query rejects with STORAGE_UNAVAILABLE (503), and the next query works', async () => {
    const running = b.query("SELECT pg_sleep(15), 'x' AS v").then(() => null, (err: unknown) => err);
    await terminate("SELECT pg_sleep(15), 'x' AS v");
    const e = await running;
    expect(e).toBeInstanceOf(AgoraError);
    expect((e as AgoraError).code).toBe('STORAGE_UNAVAILABLE');
    expect((e as AgoraError).status).toBe(503);
    expect(await b.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });

  it('a connection lost mid-stream rejects the stream with STORAGE_UNAVAILABLE and frees its slot', async () => {
    const sql = 'SELECT g FROM generate_series(1, 100000) AS s(g)';
    const e = await (async () => {
      let batches = 0;
      for await (const batch of b.stream(sql)) {
        expect(batch.length).toBeGreaterThan(0);
        if (++batches === 1) await terminate(sql);
      }
      return null;
    })().catch((err: unknown) => err);
    expect((e as AgoraError).code).toBe('STORAGE_UNAVAILABLE');
    for (let i = 0; i < 3; i++) expect(await b.query('SELECT 3 AS three')).toEqual([{ three: 3 }]);
  });

  it('a lost writer connection fails that write with STORAGE_UNAVAILABLE; the next write reconnects', async () => {
    const running = b.write((tx) => tx.exec('SELECT pg_sleep(15)')).then(() => null, (err: unknown) => err);
    await terminate('SELECT pg_sleep(15)');
    expect((await running as AgoraError).code).toBe('STORAGE_UNAVAILABLE');
    expect(await b.write((tx) => tx.query('SELECT 2 AS two'))).toEqual([{ two: 2 }]);
  });

  it('a statement past the statement timeout is cancelled, not left hanging; a slow stream is not cut', async () => {
    const quick = new PostgresBackend({ url: URL_, schema, statementTimeoutMs: 300 });
    await quick.open();
    try {
      const e = await quick.query('SELECT pg_sleep(5)').then(() => null, (err: unknown) => err);
      expect((e as AgoraError).code).toBe('STORAGE_UNAVAILABLE');
      // The timeout is per cursor batch: a reader slower than it, over the whole stream, still gets every row.
      let rows = 0;
      for await (const batch of quick.stream('SELECT g FROM generate_series(1, 8000) AS s(g)')) {
        rows += batch.length;
        await new Promise((res) => setTimeout(res, 200));
      }
      expect(rows).toBe(8000);
    } finally {
      await quick.close();
    }
  });

  it('a server that accepts connections but never answers fails open within the connect timeout', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((res) => silent.listen(0, '127.0.0.1', res));
    const port = (silent.address() as AddressInfo).port;
    try {
      const mute = new PostgresBackend({ url: `postgres://agora@127.0.0.1:${port}/test`, connectTimeoutMs: 500 });
      const e = await mute.open().then(() => null, (err: unknown) => err);
      expect((e as AgoraError).code).toBe('STORAGE_FAILED');
      expect((e as AgoraError).message).toContain(`127.0.0.1:${port}`);
    } finally {
      silent.close();
    }
  });

  it('documented difference: a swap waits for a snapshot that read the replaced table, then drops it', async () => {
    await b.write((tx) => tx.exec('CREATE TABLE held (n BIGINT); INSERT INTO held VALUES (1)'));
    const s = await b.openSnapshot();
    let swapped = false;
    let swap: Promise<void> | null = null;
    try {
      expect(await s.query('SELECT n FROM held')).toEqual([{ n: 1 }]);
      swap = b.swap(async () => undefined, 'held').then(() => { swapped = true; });
      await new Promise((res) => setTimeout(res, 300));
      expect(swapped).toBe(false);
    } finally {
      await s.close();
    }
    await swap;
    expect(swapped).toBe(true);
    expect(await b.introspect('held')).toEqual([]);
  });

  it('documented difference: a snapshot reading a table dropped after it began gets an error, not the old rows', async () => {
    await b.write((tx) => tx.exec('CREATE TABLE gone (n BIGINT); INSERT INTO gone VALUES (1)'));
    const s = await b.openSnapshot();
    try {
      await b.swap(async () => undefined, 'gone');
      await expect(s.query('SELECT n FROM gone')).rejects.toThrow(/does not exist/);
    } finally {
      await s.close();
    }
  });

  it('rejects a schema name that is not a plain lowercase identifier', () => {
    expect(() => new PostgresBackend({ url: URL_, schema: 'x"; DROP SCHEMA public; --' })).toThrow(AgoraError);
  });
});
