// Live record streams over a real socket: records pushed after a client connects arrive as SSE
// events filtered by its where and by its access rules (a restricted user sees only their rows and
// fields), resumed after Last-Event-ID; wrong parameters are refused; a client that does not read is
// dropped. Expected values are the records pushed here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { closePortal, openPortal } from '../../src/server/portal.ts';
import { buildApp } from '../../src/server/app.ts';
import type { AppContext } from '../../src/server/context.ts';
import { ensureGovernance, parseSecurity } from '../../src/governance/index.ts';
import { StreamHub } from '../../src/server/live-streams.ts';

const API = '/api/explore/v2.1';
const AUTO = '/api/automation/v1.0';
let ctx: AppContext;
let app: FastifyInstance;
let dir: string;
let base: string;
let pushUrl: string;
const keys: Record<string, string> = {};

interface Event { id: string; event: string; data: Record<string, unknown> }

/** Opens a stream and collects its events until `count` have arrived. */
async function listen(query: string, headers: Record<string, string> = {}) {
  const ctrl = new AbortController();
  const res = await fetch(`${base}${API}/catalog/datasets/air/records/stream${query}`, { headers, signal: ctrl.signal });
  const events: Event[] = [];
  let text = '';
  const reading = (async () => {
    const reader = res.body!.getReader();
    const dec = new TextDecoder();
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        text += dec.decode(value, { stream: true });
        let cut: number;
        while ((cut = text.indexOf('\n\n')) >= 0) {
          const block = text.slice(0, cut);
          text = text.slice(cut + 2);
          const f = Object.fromEntries(block.split('\n').filter((l) => !l.startsWith(':')).map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 2)]));
          if (f.data) events.push({ id: f.id, event: f.event, data: JSON.parse(f.data) });
        }
      }
    } catch { /* aborted */ }
  })();
  const until = async (count: number) => {
    for (let i = 0; i < 200 && events.length < count; i++) await new Promise((r) => setTimeout(r, 25));
    return events;
  };
  return { res, events, until, close: async () => { ctrl.abort(); await reading; } };
}

async function push(body: unknown) {
  const res = await fetch(pushUrl, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  expect(res.status).toBe(200);
}

beforeAll(async () => {
  process.env.AGORA_RATE_LIMIT_ANONYMOUS = 'off';
  dir = mkdtempSync(join(tmpdir(), 'agora-stream-'));
  ctx = await openPortal({ inMemory: true, dataDir: dir, baseUrl: 'http://portal.test' });
  const gov = await ensureGovernance(ctx);
  await gov.addUser({ username: 'root', password: 'password-0', isAdmin: true });
  await gov.addUser({ username: 'ana', password: 'password-1' });
  keys.root = (await gov.createApiKey('root', ['admin'])).key;
  keys.ana = (await gov.createApiKey('ana')).key;
  app = await buildApp(ctx, { web: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const auth = { authorization: `Apikey ${keys.root}`, 'content-type': 'application/json' };
  const ds = await (await fetch(`${base}${AUTO}/datasets/`, { method: 'POST', headers: auth, body: JSON.stringify({ dataset_id: 'air' }) })).json();
  const r = await (await fetch(`${base}${AUTO}/datasets/${ds.uid}/resources/`, {
    method: 'POST', headers: auth, body: JSON.stringify({ type: 'realtime', title: 'Sensors', params: { sample_record: { sensor_id: 'S', pm25: 1.5, district: 'North' } } }),
  })).json();
  await fetch(`${base}${AUTO}/datasets/${ds.uid}/publish/`, { method: 'POST', headers: { authorization: `Apikey ${keys.root}` } });
  pushUrl = `${base}/api/push/1.0/air/${r.uid}/push/?pushkey=${r.push_key}`;
  const air = ctx.catalog.get('air');
  await gov.putRuleset({ datasetUid: air.dataset_uid, target: { kind: 'user', username: 'ana' }, permissions: [], security: parseSecurity({ visible_fields: ['sensor_id', 'district'], filter_query: 'district = "South"' }, air) });
  await push({ sensor_id: 'OLD', pm25: 99, district: 'North' });
  await ctx.realtime.flush();
});
afterAll(async () => {
  delete process.env.AGORA_RATE_LIMIT_ANONYMOUS;
  await app?.close(); if (ctx) await closePortal(ctx); rmSync(dir, { recursive: true, force: true });
});

describe('GET …/records/stream', () => {
  it('sends only records pushed after it opened that match its where, in order, as text/event-stream', async () => {
    const s = await listen('?where=pm25%20%3E%2010');
    expect(s.res.status).toBe(200);
    expect(s.res.headers.get('content-type')).toContain('text/event-stream');
    await new Promise((r) => setTimeout(r, 100));
    await push([{ sensor_id: 'A', pm25: 12, district: 'North' }, { sensor_id: 'B', pm25: 3, district: 'South' }, { sensor_id: 'C', pm25: 40.5, district: 'South' }]);
    const events = await s.until(2);
    await s.close();
    expect(events.map((e) => e.data)).toEqual([{ sensor_id: 'A', pm25: 12, district: 'North' }, { sensor_id: 'C', pm25: 40.5, district: 'South' }]);
    expect(events.every((e) => e.event === 'record')).toBe(true);
    expect(Number(events[1].id)).toBeGreaterThan(Number(events[0].id));
  });

  it('a restricted user sees only the rows and fields their rules allow', async () => {
    const s = await listen('', { authorization: `Apikey ${keys.ana}` });
    await new Promise((r) => setTimeout(r, 100));
    await push([{ sensor_id: 'D', pm25: 5, district: 'North' }, { sensor_id: 'E', pm25: 6, district: 'South' }]);
    const events = await s.until(1);
    await new Promise((r) => setTimeout(r, 300));
    await s.close();
    expect(events.map((e) => e.data), JSON.stringify(events)).toEqual([{ sensor_id: 'E', district: 'South' }]);
    const hidden = await listen('?where=pm25%20%3E%201', { authorization: `Apikey ${keys.ana}` });
    expect(hidden.res.status).toBe(400); // pm25 is hidden from ana: unknown, as in every other route
    await hidden.close();
  });

  it('resumes after Last-Event-ID (header or last_event_id), from where the client left', async () => {
    const first = await listen('');
    await new Promise((r) => setTimeout(r, 100));
    await push([{ sensor_id: 'F', pm25: 1, district: 'North' }, { sensor_id: 'G', pm25: 2, district: 'North' }, { sensor_id: 'H', pm25: 3, district: 'North' }]);
    const seen = await first.until(3);
    await first.close();
    expect(seen.map((e) => e.data.sensor_id)).toEqual(['F', 'G', 'H']);
    const resumed = await listen('', { 'last-event-id': seen[0].id });
    const again = await resumed.until(2);
    await resumed.close();
    expect(again.map((e) => e.data.sensor_id)).toEqual(['G', 'H']);
    const byQuery = await listen(`?last_event_id=${seen[1].id}`);
    expect((await byQuery.until(1)).map((e) => e.data.sensor_id)).toEqual(['H']);
    await byQuery.close();
  });

  it('refuses parameters a stream cannot honour and an unknown dataset', async () => {
    for (const q of ['?order_by=pm25', '?group_by=district', '?limit=5', '?select=count(*)', '?where=nosuch%3D1']) {
      const r = await fetch(`${base}${API}/catalog/datasets/air/records/stream${q}`);
      expect(r.status, q).toBe(400);
      expect((await r.json()).message, q).toBeTruthy();
    }
    expect((await fetch(`${base}${API}/catalog/datasets/air/records/stream`, { headers: { 'last-event-id': 'abc' } })).status).toBe(400);
    expect((await fetch(`${base}${API}/catalog/datasets/nosuch/records/stream`)).status).toBe(404);
  });
});

describe('a client that does not read', () => {
  it('is dropped once more than 1 MB waits for it, instead of being buffered without limit', () => {
    const hub = new StreamHub(ctx);
    let destroyed = false;
    const res = { destroyed: false, writableLength: 0, write(t: string) { this.writableLength += t.length; return false; }, destroy() { destroyed = true; this.destroyed = true; }, on() { return this; }, end() { return this; } };
    const w = (hub as unknown as { write(s: unknown, t: string): void }).write.bind(hub);
    const stream = { res } as unknown;
    w(stream, 'x'.repeat(512 * 1024));
    expect(destroyed).toBe(false);
    w(stream, 'x'.repeat(600 * 1024));
    expect(destroyed).toBe(true);
    expect(hub.dropped).toBe(1);
    hub.close();
  });
});
