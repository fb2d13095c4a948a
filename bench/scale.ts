// bench:scale — Agora on PostgreSQL (the dev machine's 127.0.0.1:5432, database test) with 3M flights:
// (1) aggregations answered by PostgreSQL, by the node-local DuckDB copy, and by the embedded store,
// all through the HTTP API in one run; (2) records pages at 32 connections on one node, then on two
// `agora serve` nodes sharing the store (load generators in their own processes; pages come from
// each node's records index, local copies off). Prints ratios.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openPortal, closePortal } from '../src/server/portal.ts';
import { buildApp } from '../src/server/app.ts';
import { importDataset } from '../src/ingest/index.ts';
import { vegaFile } from '../src/demo/index.ts';
import type { AppContext } from '../src/server/context.ts';

const STORE = process.env.AGORA_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SCHEMA = 'agora_bench_scale';
const RUNS = 5;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ROOT = join(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'agora-bench-scale-'));
process.env.AGORA_RATE_LIMIT_ANONYMOUS = 'off';

const pgc = new pg.Client({ connectionString: STORE });
await pgc.connect();
await pgc.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
console.log(`load average (1 min) at the start: ${loadavg()[0].toFixed(2)} on ${cpus().length} cores (shared machine)`);

const csv = join(dir, 'flights.csv');
const embedded = await openPortal({ dataDir: join(dir, 'embedded'), baseUrl: 'http://127.0.0.1', recordsIndexMb: 0 });
await embedded.backend.write((tx) => tx.exec(`COPY (SELECT * FROM read_parquet('${vegaFile('flights-3m.parquet')}')) TO '${csv}' (HEADER, DELIMITER ',')`));
let t = performance.now();
await importDataset(embedded.catalog, { source: csv, datasetId: 'flights', mode: 'create' });
const embeddedImport = (performance.now() - t) / 1000;
const onPg = await openPortal({ dataDir: join(dir, 'pg-node'), store: STORE, storeSchema: SCHEMA, baseUrl: 'http://127.0.0.1', recordsIndexMb: 0, localCopies: true });
t = performance.now();
await importDataset(onPg.catalog, { source: csv, datasetId: 'flights', mode: 'create' });
const pgImport = (performance.now() - t) / 1000;
console.log(`import of 3,000,000 rows: embedded ${embeddedImport.toFixed(1)} s, PostgreSQL store ${pgImport.toFixed(1)} s (staged on a local DuckDB, then COPY)`);

// (1) Aggregations: a new literal each run, so no answer comes from a cache.
const AGG: Array<{ label: string; path: (i: number) => string }> = [
  { label: 'avg delay by origin (distance > X), top 10', path: (i) => `records?${new URLSearchParams({ select: 'origin, avg(delay) as d, count(*) as n', where: `distance > ${300 + i}`, group_by: 'origin', order_by: 'n desc', limit: '10' })}` },
  { label: 'flights per month (delay > X)', path: (i) => `records?${new URLSearchParams({ select: 'count(*) as n', where: `delay > ${10 + i}`, group_by: 'date_format(date, "yyyy-MM") as m', order_by: 'm', limit: '100' })}` },
  { label: 'facet origin (distance > X)', path: (i) => `facets?${new URLSearchParams({ facet: 'origin', where: `distance > ${500 + i}` })}` },
];
async function timed(ctx: AppContext, path: string, expect: string): Promise<number> {
  const app = await appOf(ctx);
  const t0 = performance.now();
  const r = await app.inject({ url: `/api/explore/v2.1/catalog/datasets/flights/${path}` });
  const ms = performance.now() - t0;
  if (r.statusCode !== 200) throw new Error(`${path}: ${r.statusCode} ${r.body}`);
  if (expect && !String(r.headers['server-timing'] ?? '').includes(expect) && path.startsWith('records')) throw new Error(`${path} was not answered by ${expect}: ${r.headers['server-timing']}`);
  return ms;
}
const apps = new Map<AppContext, Awaited<ReturnType<typeof buildApp>>>();
async function appOf(ctx: AppContext) {
  if (!apps.has(ctx)) apps.set(ctx, await buildApp(ctx, { web: false }));
  return apps.get(ctx)!;
}
const pgAlone = { ...onPg, localCopies: undefined } as AppContext;
await timed(onPg, AGG[0].path(0), ''); // schedules the local copy
t = performance.now();
await onPg.localCopies!.settled();
console.log(`local copy of the version taken in ${((performance.now() - t) / 1000).toFixed(1)} s`);
console.log('\n(1) aggregations over HTTP (inject), median of 5 in ms: PostgreSQL alone | local DuckDB copy | embedded store');
for (const q of AGG) {
  const [a, b, c] = [[], [], []] as number[][];
  for (let i = 1; i <= RUNS; i++) {
    a.push(await timed(pgAlone, q.path(i), 'engine'));
    b.push(await timed(onPg, q.path(i + 100), 'local'));
    c.push(await timed(embedded, q.path(i + 200), 'engine'));
  }
  console.log(`  ${q.label}: ${median(a).toFixed(0)} | ${median(b).toFixed(0)} | ${median(c).toFixed(0)}  → the copy is ${(median(a) / median(b)).toFixed(1)}× PostgreSQL`);
}
for (const app of apps.values()) await app.close();
await closePortal(onPg);
await closePortal(embedded);

// (2) Records pages on one node, then two: `agora serve` processes on the store just filled.
function serve(port: number, data: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['bin/agora.js', 'serve', '--no-demo', '--port', String(port), '--host', '127.0.0.1'], {
    cwd: ROOT, env: { ...process.env, AGORA_STORE: STORE, AGORA_STORE_SCHEMA: SCHEMA, AGORA_DATA: data, AGORA_MQTT: 'off', AGORA_LOCAL_COPIES: 'off' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => { out += d; if (out.includes('Agora is serving')) resolve(child); });
    child.on('exit', (code) => reject(new Error(`node exited ${code}: ${out}`)));
  });
}
function load(port: number, shape: string, connections: number): Promise<{ rps: number; p99: number; failed: number }> {
  const child = spawn(process.execPath, ['bin/run-ts.js', 'bench/records-load.ts', String(port), shape], { cwd: ROOT, env: { ...process.env, AGORA_BENCH_CONNECTIONS: String(connections) } });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  return new Promise((resolve, reject) => child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop()!)) : reject(new Error('load generator failed')))));
}
async function warm(port: number): Promise<void> {
  // The records index copies the version, then sorts and lays out what the shape needs, on first
  // use: asked until 20 pages in a row with new literals come from it.
  let inRow = 0;
  for (let i = 0; i < 2000 && inRow < 20; i++) {
    const r = await fetch(`http://127.0.0.1:${port}/api/explore/v2.1/catalog/datasets/flights/records?where=${encodeURIComponent(`distance > ${200 + i} and origin = "ATL"`)}&order_by=date&limit=20`);
    await r.arrayBuffer();
    inRow = r.headers.get('server-timing')?.includes('index;') ? inRow + 1 : 0;
    if (!inRow) await new Promise((res) => setTimeout(res, 250));
  }
  if (inRow < 20) throw new Error(`node on ${port} never answered from its records index`);
}
const n1 = await serve(8181, join(dir, 'n1'));
await warm(8181);
const one = await load(8181, 'a', 32);
const n2 = await serve(8182, join(dir, 'n2'));
await warm(8182);
const [x, y] = await Promise.all([load(8181, 'a', 16), load(8182, 'a', 16)]);
console.log('\n(2) records pages, shape (a) of bench:api, 32 connections in all');
console.log(`  one node:  ${one.rps.toFixed(0)} req/s, p99 ${one.p99} ms, failed ${one.failed}`);
console.log(`  two nodes: ${(x.rps + y.rps).toFixed(0)} req/s (${x.rps.toFixed(0)} + ${y.rps.toFixed(0)}), p99 ${Math.max(x.p99, y.p99)} ms, failed ${x.failed + y.failed} → ${((x.rps + y.rps) / one.rps).toFixed(2)}× one node on ${cpus().length} cores`);
for (const n of [n1, n2]) n.kill('SIGTERM');
await new Promise((r) => setTimeout(r, 1000));
await pgc.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
await pgc.end();
rmSync(dir, { recursive: true, force: true });
console.log(`load average (1 min) at the end: ${loadavg()[0].toFixed(2)}`);
