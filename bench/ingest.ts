// Ingest benchmark: imports real CSVs (3,000,000 flights from vega-datasets; the Paris bike counters
// from ../shared/data when present) and PostgreSQL's COPY of the same files in the same run, then the
// RSS of `agora serve` with the demo catalog. Prints rows/s, the ratio to COPY and a Markdown table.
// Each import and each COPY runs BENCH_RUNS times (default 2), alternating; the best time of each counts.
// Usage: npm run bench:ingest   (PostgreSQL on 127.0.0.1:5432, trust auth, database test, user postgres)
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, cpus, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import pg from 'pg';
import { Catalog } from '../src/catalog/index.ts';
import { importDataset } from '../src/ingest/index.ts';
import { DuckDBBackend } from '../src/storage/duckdb/index.ts';
import { vegaFile } from '../src/demo/index.ts';

const ROOT = resolve(import.meta.dirname, '..');
const SHARED = resolve(ROOT, '..', 'shared', 'data');
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 2));
const PG = { host: process.env.PGHOST ?? '127.0.0.1', port: Number(process.env.PGPORT ?? 5432), user: process.env.PGUSER ?? 'postgres', database: process.env.PGDATABASE ?? 'test' };

interface Case { name: string; csv: string; rows: number }
interface Result { name: string; rows: number; mb: number; agoraS: number; pgS: number | null; fieldTypes: string }

const work = mkdtempSync(join(tmpdir(), 'agora-bench-'));
chmodSync(work, 0o755); // the PostgreSQL server reads the CSV files itself (COPY FROM file)

/** Writes the benchmark inputs as CSV with DuckDB (outside the timings). */
async function prepare(): Promise<Case[]> {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  const out: Case[] = [];
  const write = async (name: string, select: string, params: string[]) => {
    const csv = join(work, `${name}.csv`);
    await c.run(`COPY (${select}) TO '${csv}' (FORMAT csv, HEADER true, DELIMITER ',')`, params);
    chmodSync(csv, 0o644);
    const rows = Number((await c.runAndReadAll(`SELECT count(*) FROM read_csv('${csv}')`)).getRows()[0][0]);
    out.push({ name, csv, rows });
  };
  await write('flights-3m', 'SELECT * FROM read_parquet($1)', [vegaFile('flights-3m.parquet')]);
  const train = join(SHARED, 'paris-bike-counters-train.parquet');
  const test = join(SHARED, 'paris-bike-counters-test.parquet');
  if (existsSync(train) && existsSync(test)) {
    await write('paris-bike-counters',
      `SELECT counter_id, counter_name, site_id, site_name, bike_count, date, counter_installation_date, counter_technical_id, latitude, longitude
       FROM read_parquet([$1, $2], union_by_name = true)`, [train, test]);
  } else {
    console.log(`(skipping the Paris bike counters: ${train} not found)`);
  }
  c.closeSync();
  db.closeSync();
  return out;
}

async function agoraImport(k: Case): Promise<{ seconds: number; fieldTypes: string }> {
  const dir = join(work, `data-${k.name}`);
  const backend = new DuckDBBackend({ dataDir: dir });
  await backend.open();
  const catalog = new Catalog(backend);
  await catalog.open();
  try {
    const t0 = performance.now();
    const s = await importDataset(catalog, { source: k.csv, datasetId: k.name, mode: 'create' });
    const seconds = (performance.now() - t0) / 1000;
    if (s.rowsLoaded !== k.rows) throw new Error(`${k.name}: loaded ${s.rowsLoaded} rows, expected ${k.rows}`);
    return { seconds, fieldTypes: s.fields.map((f) => `${f.name}:${f.type}`).join(', ') };
  } finally {
    await backend.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** PostgreSQL column types for the CSV, from DuckDB's own sniffing of the same file. */
async function pgColumns(csv: string): Promise<string> {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  const rows = (await c.runAndReadAll(`DESCRIBE SELECT * FROM read_csv('${csv}')`)).getRowObjectsJS();
  c.closeSync();
  db.closeSync();
  const map: Record<string, string> = { BIGINT: 'bigint', INTEGER: 'integer', DOUBLE: 'double precision', VARCHAR: 'text', TIMESTAMP: 'timestamp', DATE: 'date', BOOLEAN: 'boolean' };
  return rows.map((r) => `"${String(r.column_name)}" ${map[String(r.column_type)] ?? 'text'}`).join(', ');
}

async function pgCopy(k: Case): Promise<number | null> {
  const client = new pg.Client(PG);
  try { await client.connect(); } catch (e) { console.log(`(PostgreSQL not reachable: ${(e as Error).message})`); return null; }
  const table = `bench_${k.name.replace(/\W/g, '_')}`;
  try {
    await client.query(`DROP TABLE IF EXISTS ${table}`);
    await client.query(`CREATE TABLE ${table} (${await pgColumns(k.csv)})`);
    await client.query('CHECKPOINT');
    const t0 = performance.now();
    const r = await client.query(`COPY ${table} FROM '${k.csv}' WITH (FORMAT csv, HEADER true)`);
    const seconds = (performance.now() - t0) / 1000;
    if (r.rowCount !== k.rows) throw new Error(`COPY ${k.name}: ${r.rowCount} rows, expected ${k.rows}`);
    return seconds;
  } finally {
    await client.query(`DROP TABLE IF EXISTS ${table}`).catch(() => undefined);
    await client.end();
  }
}

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => { const p = (s.address() as { port: number }).port; s.close(() => res(p)); });
  });
}

/** Starts `agora serve` on a fresh data dir (demo catalog loaded), makes a few API calls, reads VmRSS. */
async function serverRss(): Promise<{ startupS: number; rssMb: number; datasets: number }> {
  const data = join(work, 'serve-data');
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'agora.js'), 'serve', '--port', String(port), '--host', '127.0.0.1', '--data', data],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PORT: String(port) } });
  let output = '';
  child.stderr.on('data', (d) => { output += d; });
  try {
    await new Promise<void>((res, rej) => {
      child.stdout.on('data', (d) => { output += d; if (/Agora is serving/.test(output)) res(); });
      child.once('exit', (code) => rej(new Error(`agora serve exited with ${code}:\n${output}`)));
    });
    const startupS = (performance.now() - t0) / 1000;
    const base = `http://127.0.0.1:${port}/api/explore/v2.1`;
    const list = await (await fetch(`${base}/catalog/datasets?limit=100`)).json() as { total_count: number; results: Array<{ dataset_id: string }> };
    for (const d of list.results) {
      await (await fetch(`${base}/catalog/datasets/${d.dataset_id}/records?limit=100`)).arrayBuffer();
      await (await fetch(`${base}/catalog/datasets/${d.dataset_id}/exports/csv`)).arrayBuffer();
    }
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1]);
    return { startupS, rssMb: kb / 1024, datasets: list.total_count };
  } finally {
    child.kill('SIGTERM');
  }
}

const fmt = (n: number) => Math.round(n).toLocaleString('en');

const load = () => loadavg().map((x) => x.toFixed(1)).join(' ');
const loadBefore = load();
const cases = await prepare();
const results: Result[] = [];
for (const k of cases) {
  const mb = statSync(k.csv).size / 1e6;
  console.log(`${k.name}: ${fmt(k.rows)} rows, ${mb.toFixed(0)} MB of CSV`);
  let pgS: number | null = null;
  let a = { seconds: Infinity, fieldTypes: '' };
  for (let run = 1; run <= RUNS; run++) {
    const p = await pgCopy(k);
    if (p !== null) {
      console.log(`  run ${run} PostgreSQL COPY: ${p.toFixed(2)} s = ${fmt(k.rows / p)} rows/s`);
      pgS = Math.min(pgS ?? Infinity, p);
    }
    const r = await agoraImport(k);
    console.log(`  run ${run} agora import:    ${r.seconds.toFixed(2)} s = ${fmt(k.rows / r.seconds)} rows/s`);
    if (r.seconds < a.seconds) a = r;
  }
  console.log(`  best: agora ${fmt(k.rows / a.seconds)} rows/s${pgS !== null ? `, ${(pgS / a.seconds).toFixed(2)}× COPY's speed` : ''}`);
  console.log(`  fields: ${a.fieldTypes}`);
  results.push({ name: k.name, rows: k.rows, mb, agoraS: a.seconds, pgS, fieldTypes: a.fieldTypes });
}
const rss = await serverRss();
console.log(`agora serve with the demo catalog (${rss.datasets} datasets): RSS ${rss.rssMb.toFixed(0)} MB (ready after ${rss.startupS.toFixed(1)} s)`);

console.log(`\nMachine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; load average before ${loadBefore}, after ${load()}; best of ${RUNS} runs\n`);
console.log('| data | rows | CSV MB | agora import s | agora rows/s | PostgreSQL COPY s | COPY rows/s | agora ÷ COPY speed |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
for (const r of results) {
  const pgCols = r.pgS === null ? '– | – | –' : `${r.pgS.toFixed(2)} | ${fmt(r.rows / r.pgS)} | ${(r.pgS / r.agoraS).toFixed(2)}×`;
  console.log(`| ${r.name} | ${fmt(r.rows)} | ${r.mb.toFixed(0)} | ${r.agoraS.toFixed(2)} | ${fmt(r.rows / r.agoraS)} | ${pgCols} |`);
}
console.log(`\n| agora serve, demo catalog (${rss.datasets} datasets) | RSS ${rss.rssMb.toFixed(0)} MB |`);
rmSync(work, { recursive: true, force: true });
