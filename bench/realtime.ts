// bench:realtime — the real-time intake against PostgreSQL in the same run: batched pushes (500 records
// a request, 8 senders) and single-record pushes (32 connections) over HTTP into a server in its own
// process (fsync'd log, micro-batch writer); push ack → visible in a records query; 1,000 SSE clients on
// one filtered stream (delivery latency, server RSS growth); PostgreSQL INSERT … ON CONFLICT batches of
// the same records from 8 clients (synchronous_commit on, as durable as an fsync'd log); MQTT QoS 1
// messages through the dev machines' Mosquitto into a subscription (msg/s until all are stored, losses).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import autocannon from 'autocannon';
import pg from 'pg';
import mqtt from 'mqtt';
import { closePortal, openPortal } from '../src/server/portal.ts';
import { ensureDrafts, ensureGovernance } from '../src/governance/index.ts';
import { createDataset } from '../src/governance/authoring.ts';
import { createRealtime } from '../src/governance/realtime.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const MQTT_ROOT = `agora-bench-${process.pid}`;
const MQTT_RATE = Number(process.env.BENCH_MQTT_RATE ?? 12_000);
const BATCH = 500;
const pct = (xs: number[], p: number) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(s.length * p))]; };
const record = (i: number) => ({ sensor_id: `S${i % 200}`, value: (i * 7919) % 100, seq: i, measured_at: new Date(1_765_000_000_000 + i * 1000).toISOString() });

console.log(`load average (1 min) at the start: ${loadavg()[0].toFixed(2)} on ${cpus().length} cores (shared machine)`);
const dir = mkdtempSync(join(tmpdir(), 'agora-bench-rt-'));
const data = join(dir, 'data');
// The dataset and its push resource, made as the Automation API makes them.
let key = '';
let resource = '';
{
  const ctx = await openPortal({ dataDir: data, baseUrl: 'http://127.0.0.1' });
  const gov = await ensureGovernance(ctx);
  const admin = await gov.addUser({ username: 'bench', password: 'password-bench', isAdmin: true });
  const caller = { user: admin, groups: [], key: null };
  const deps = { catalog: ctx.catalog, store: gov, drafts: await ensureDrafts(ctx), realtime: ctx.realtime, baseUrl: 'http://127.0.0.1' };
  const ds = await createDataset(deps, caller, { dataset_id: 'live' });
  const r = await createRealtime(deps, caller, ds.dataset_uid, { type: 'realtime', title: 'Bench', params: { sample_record: { ...record(1), value: 1.5 } } });
  await ctx.catalog.updateFlags('live', { is_published: true });
  // The MQTT subscription, on its own dataset, through the broker of the dev machines.
  process.env.AGORA_ALLOW_PRIVATE_URLS = 'true';
  const m = await createDataset(deps, caller, { dataset_id: 'mqtt-live' });
  await createRealtime(deps, caller, m.dataset_uid, { type: 'mqtt', title: 'Bench MQTT', params: { url: 'mqtt://127.0.0.1:1883', topic: `${MQTT_ROOT}/{sensor_id}`, sample_record: { ...record(1), value: 1.5 } } });
  await ctx.catalog.updateFlags('mqtt-live', { is_published: true });
  key = String(r.push_key);
  resource = String(r.uid);
  await closePortal(ctx);
}
const server = spawn(process.execPath, ['bin/run-ts.js', 'bench/realtime-server.ts', data], { stdio: ['ignore', 'pipe', 'inherit'] });
const port = await new Promise<number>((resolve) => {
  let out = '';
  server.stdout!.on('data', (b) => { out += String(b); const m = /PORT (\d+)/.exec(out); if (m) resolve(Number(m[1])); });
});
const rss = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'))![1]) / 1024;
const origin = `http://127.0.0.1:${port}`;
const pushPath = `/api/push/1.0/live/${resource}/push/?pushkey=${key}`;
const count = async () => (await (await fetch(`${origin}/api/explore/v2.1/catalog/datasets/live/records?limit=0`)).json()).total_count as number;

// 1. Batched pushes.
let n = 0;
const batched = await autocannon({
  url: origin, connections: 8, duration: SECONDS,
  requests: [{ setupRequest: (req) => ({ ...req, method: 'POST', path: pushPath, headers: { 'content-type': 'application/json' }, body: JSON.stringify(Array.from({ length: BATCH }, () => record(n++))) }) }],
});
const acked = (batched.requests.total - batched.non2xx - batched.errors) * BATCH;
for (let i = 0; i < 100 && (await count()) < acked; i++) await new Promise((r) => setTimeout(r, 100));
const stored = await count();
const batchedRate = acked / SECONDS;
console.log(`batched push (${BATCH} records a request, 8 senders, ${SECONDS} s): ${Math.round(batchedRate).toLocaleString('en')} records/s acknowledged (target ≥ 50,000), p99 ack ${batched.latency.p99} ms; ${acked.toLocaleString('en')} acknowledged, ${stored.toLocaleString('en')} stored, ${batched.non2xx + batched.errors} refused or failed`);

// 2. Single-record pushes.
const single = await autocannon({
  url: origin, connections: 32, duration: Math.min(SECONDS, 20),
  requests: [{ setupRequest: (req) => ({ ...req, method: 'POST', path: pushPath, headers: { 'content-type': 'application/json' }, body: JSON.stringify(record(n++)) }) }],
});
console.log(`single-record push (32 connections, ${Math.min(SECONDS, 20)} s): ${Math.round(single.requests.average).toLocaleString('en')} req/s (target ≥ 3,000), p99 ${single.latency.p99} ms, ${single.non2xx + single.errors} refused or failed`);

// 3. Ack → visible in a records query (polled every 10 ms), 100 probes under no other load.
const visible: number[] = [];
for (let i = 0; i < 100; i++) {
  const probe = { ...record(n++), sensor_id: `probe-${i}` };
  const res = await fetch(`${origin}${pushPath}`, { method: 'POST', body: JSON.stringify(probe), headers: { 'content-type': 'application/json' } });
  const ackAt = performance.now();
  if (res.status !== 200) throw new Error(await res.text());
  for (;;) {
    const q = await (await fetch(`${origin}/api/explore/v2.1/catalog/datasets/live/records?limit=1&where=${encodeURIComponent(`sensor_id = "probe-${i}"`)}`)).json();
    if (q.total_count === 1) break;
    await new Promise((r) => setTimeout(r, 10));
  }
  visible.push(performance.now() - ackAt);
  await new Promise((r) => setTimeout(r, 37));
}
// 3b. The latest reading of each of the 200 sensors (latest_by) over the whole history, against a page
//     of the same table, over HTTP (median of 5 each).
{
  const time = async (q: string) => {
    const xs: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      const r = await fetch(`${origin}/api/explore/v2.1/catalog/datasets/live/records?${q}&where=${encodeURIComponent(`value >= ${i}`)}`);
      if (r.status !== 200) throw new Error(await r.text());
      await r.json();
      xs.push(performance.now() - t);
    }
    return pct(xs, 0.5);
  };
  const latest = await time('latest_by=sensor_id&limit=100');
  const page = await time('limit=100');
  console.log(`latest_by=sensor_id over ${(await count()).toLocaleString('en')} records (200 sensors): ${latest.toFixed(0)} ms; a plain 100-record page of the same table: ${page.toFixed(0)} ms (medians of 5)`);
}
console.log(`push ack → visible in a records query: p50 ${pct(visible, 0.5).toFixed(0)} ms, p99 ${pct(visible, 0.99).toFixed(0)} ms (target p99 ≤ 1,000 ms)`);

// 4. 1,000 SSE clients on one filtered stream; 20 pushes of 10 records, half of them matching.
const CLIENTS = 1000;
const before = rss();
const delays: number[] = [];
const ctrl = new AbortController();
let ready = 0;
const clients = Array.from({ length: CLIENTS }, async () => {
  const res = await fetch(`${origin}/api/explore/v2.1/catalog/datasets/live/records/stream?where=${encodeURIComponent('value >= 50')}`, { signal: ctrl.signal });
  ready++;
  const dec = new TextDecoder();
  let text = '';
  try {
    for await (const chunk of res.body!) {
      text += dec.decode(chunk as Uint8Array, { stream: true });
      let cut: number;
      while ((cut = text.indexOf('\n\n')) >= 0) {
        const block = text.slice(0, cut);
        text = text.slice(cut + 2);
        const line = block.split('\n').find((l) => l.startsWith('data: '));
        if (line) delays.push(Date.now() - Number(JSON.parse(line.slice(6)).seq));
      }
    }
  } catch { /* closed */ }
});
while (ready < CLIENTS) await new Promise((r) => setTimeout(r, 50));
const opened = rss();
const PUSHES = 20;
for (let p = 0; p < PUSHES; p++) {
  const sentAt = Date.now();
  // seq carries the send time (ms) so each client can tell how long the record took to reach it.
  const body = Array.from({ length: 10 }, (_, i) => ({ ...record(n++), seq: sentAt, value: i % 2 ? 75 : 25 }));
  await fetch(`${origin}${pushPath}`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  await new Promise((r) => setTimeout(r, 250));
}
const expected = CLIENTS * PUSHES * 5;
for (let i = 0; i < 100 && delays.length < expected; i++) await new Promise((r) => setTimeout(r, 100));
const during = rss();
ctrl.abort();
await Promise.allSettled(clients);
console.log(`${CLIENTS} SSE clients on one filtered stream: ${delays.length.toLocaleString('en')} of ${expected.toLocaleString('en')} events delivered, push → client p50 ${pct(delays, 0.5)} ms, p99 ${pct(delays, 0.99)} ms (target p99 ≤ 250 ms); server RSS ${before.toFixed(0)} MB → ${opened.toFixed(0)} MB with the clients connected → ${during.toFixed(0)} MB after delivery`);

// 5. PostgreSQL: the same records, INSERT … ON CONFLICT in batches of 500 from 8 clients.
try {
  const admin = new pg.Client({ host: '127.0.0.1', port: 5432, database: 'test', user: process.env.PGUSER ?? 'postgres' });
  await admin.connect();
  await admin.query('DROP TABLE IF EXISTS bench_live');
  await admin.query('CREATE TABLE bench_live (sensor_id text, value double precision, seq bigint, measured_at timestamptz, PRIMARY KEY (sensor_id, seq))');
  let m = 0;
  let rows = 0;
  const end = performance.now() + SECONDS * 1000;
  await Promise.all(Array.from({ length: 8 }, async () => {
    const c = new pg.Client({ host: '127.0.0.1', port: 5432, database: 'test', user: process.env.PGUSER ?? 'postgres' });
    await c.connect();
    while (performance.now() < end) {
      const recs = Array.from({ length: BATCH }, () => record(m++));
      await c.query(`INSERT INTO bench_live SELECT * FROM unnest($1::text[], $2::float8[], $3::bigint[], $4::timestamptz[])
        ON CONFLICT (sensor_id, seq) DO UPDATE SET value = EXCLUDED.value, measured_at = EXCLUDED.measured_at`,
      [recs.map((r) => r.sensor_id), recs.map((r) => r.value), recs.map((r) => r.seq), recs.map((r) => r.measured_at)]);
      rows += BATCH;
    }
    await c.end();
  }));
  const pgRate = rows / SECONDS;
  console.log(`PostgreSQL INSERT … ON CONFLICT (${BATCH} a statement, 8 clients, ${SECONDS} s): ${Math.round(pgRate).toLocaleString('en')} records/s; Agora batched push ÷ PostgreSQL: ${(batchedRate / pgRate).toFixed(2)}×`);
  await admin.query('DROP TABLE bench_live');
  await admin.end();
} catch (e) {
  console.log(`PostgreSQL peer unavailable: ${(e as Error).message}`);
}
// 6. MQTT QoS 1: one publisher sends at MQTT_RATE messages/s for 10 s (a sustained feed: a burst
//    larger than the broker's queue for a subscriber, max_queued_messages = 1000 by default, is dropped
//    by the broker itself); the intake acknowledges each once it is in the fsync'd log. Measured:
//    messages stored, and how long after the last one was published they were all stored.
try {
  const pub = await mqtt.connectAsync('mqtt://127.0.0.1:1883', { clientId: `${MQTT_ROOT}-pub` });
  const mcount = async () => (await (await fetch(`${origin}/api/explore/v2.1/catalog/datasets/mqtt-live/records?limit=0`)).json()).total_count as number;
  const total = MQTT_RATE * 10;
  const t0 = performance.now();
  const sent: Array<Promise<unknown>> = [];
  for (let tick = 0; tick < 1000; tick++) {
    for (let k = 0; k < total / 1000; k++) {
      const { sensor_id, ...rest } = record(sent.length);
      sent.push(pub.publishAsync(`${MQTT_ROOT}/${sensor_id}`, JSON.stringify(rest), { qos: 1 }));
    }
    const due = t0 + (tick + 1) * 10;
    const now = performance.now();
    if (due > now) await new Promise((r) => setTimeout(r, due - now));
  }
  await Promise.all(sent);
  const published = performance.now() - t0;
  let got = 0;
  for (let i = 0; i < 600 && (got = await mcount()) < total; i++) await new Promise((r) => setTimeout(r, 50));
  const all = performance.now() - t0;
  await pub.endAsync();
  console.log(`MQTT QoS 1 (one publisher at ${MQTT_RATE.toLocaleString('en')} msg/s for 10 s): ${got.toLocaleString('en')} of ${total.toLocaleString('en')} stored (${total - got} lost; target zero loss at ≥ 10,000 msg/s); published over ${(published / 1000).toFixed(1)} s (${Math.round(total / (published / 1000)).toLocaleString('en')} msg/s), all stored ${((all - published) / 1000).toFixed(2)} s after the last`);
} catch (e) {
  console.log(`MQTT not measured: ${(e as Error).message}`);
}
server.kill('SIGTERM');
console.log(`load average (1 min) at the end: ${loadavg()[0].toFixed(2)} on ${cpus().length} cores (shared machine)`);
rmSync(dir, { recursive: true, force: true });
