// Setup file of the PostgreSQL run (vitest.postgres.config.ts): every test file's portals, and the
// CLI processes it starts, use the dev machine's PostgreSQL, in a schema of that file's own, dropped after.
import { randomBytes } from 'node:crypto';
import { afterAll } from 'vitest';
import pg from 'pg';

process.env.AGORA_STORE ??= 'postgres://postgres@127.0.0.1:5432/test';
// The suites check PostgreSQL's own answers: node-local DuckDB copies have their test (postgres-local-copies).
process.env.AGORA_LOCAL_COPIES = 'off';
const schema = `agora_t_${randomBytes(5).toString('hex')}`;
process.env.AGORA_STORE_SCHEMA = schema;

afterAll(async () => {
  const c = new pg.Client({ connectionString: process.env.AGORA_STORE });
  await c.connect();
  try { await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`); } finally { await c.end(); }
});
