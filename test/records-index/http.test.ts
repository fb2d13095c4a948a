// The records route through the index: the same body as the engine gives, stage timings in the
// Server-Timing header (plan, then index or compile + engine, then total), and a new data version
// answered by the engine until the index holds it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { closePortal, openPortal } from '../../src/server/portal.ts';
import { buildApp } from '../../src/server/app.ts';
import { importDataset } from '../../src/ingest/index.ts';
import type { AppContext } from '../../src/server/context.ts';

let ctx: AppContext;
let app: FastifyInstance;
let dir: string;
const API = '/api/explore/v2.1/catalog/datasets/stops/records';

function csv(rows: number, shift = 0): string {
  const lines = ['stop_id,line,name,lat_wait,opened'];
  for (let i = 0; i < rows; i++) lines.push(`${1000 + i},L${(i * 7 + shift) % 9},Stop ${i},${(i * 37) % 101},2024-0${1 + (i % 9)}-1${i % 10}T0${i % 10}:15:00Z`);
  return lines.join('\n') + '\n';
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'agora-rindex-http-'));
  ctx = await openPortal({ inMemory: true, dataDir: dir, port: 0 });
  writeFileSync(join(dir, 'stops.csv'), csv(2000));
  await importDataset(ctx.catalog, { source: join(dir, 'stops.csv'), datasetId: 'stops', mode: 'create' });
  app = await buildApp(ctx, { web: false });
});
afterAll(async () => {
  await app.close();
  await closePortal(ctx);
  rmSync(dir, { recursive: true, force: true });
});

/** Asks until the index answers (it copies the version and builds orders after the first asks; a
 *  version that replaces one copied moments ago waits 20 times the last copy's time, a few hundred ms here). */
async function viaIndex(url: string): Promise<{ body: unknown; timing: string }> {
  for (let i = 0; i < 500; i++) {
    const res = await app.inject({ url });
    const timing = String(res.headers['server-timing']);
    if (timing.includes('index;')) return { body: res.json(), timing };
    await ctx.recordsIndex!.settled();
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`the index never answered ${url}`);
}

async function viaEngine(url: string): Promise<{ body: unknown; timing: string }> {
  const index = ctx.recordsIndex;
  delete ctx.recordsIndex;
  try {
    const res = await app.inject({ url });
    return { body: res.json(), timing: String(res.headers['server-timing']) };
  } finally {
    ctx.recordsIndex = index;
  }
}

describe('records route with the records index', () => {
  const urls = [
    `${API}?where=${encodeURIComponent('line = "L3" and lat_wait > 40')}&order_by=opened%20desc&limit=20`,
    `${API}?where=${encodeURIComponent("opened >= date'2024-03' and opened < date'2024-05'")}&order_by=lat_wait&limit=7&offset=5`,
    `${API}?refine=line:L1&limit=3&include_links=true`,
    `${API}?select=name,line&where=stop_id%20in%20(1001,1002,2999)`,
  ];

  it.each(urls)('answers %s as the engine does', async (url) => {
    const engine = await viaEngine(url);
    const index = await viaIndex(url);
    expect(index.body).toEqual(engine.body);
    expect((engine.body as { total_count: number }).total_count).toBeGreaterThan(0);
    expect(index.timing).toMatch(/^plan;dur=[\d.]+, index;dur=[\d.]+, total;dur=[\d.]+$/);
    expect(engine.timing).toMatch(/^plan;dur=[\d.]+, compile;dur=[\d.]+, engine;dur=[\d.]+, total;dur=[\d.]+$/);
  });

  it('answers a new data version from the engine until it holds that version, then from the copy', async () => {
    const url = `${API}?where=${encodeURIComponent('line = "L2"')}&order_by=stop_id&limit=5`;
    const before = await viaIndex(url);
    writeFileSync(join(dir, 'stops2.csv'), csv(500, 1));
    await importDataset(ctx.catalog, { source: join(dir, 'stops2.csv'), datasetId: 'stops', mode: 'replace' });
    const res = await app.inject({ url });
    expect(String(res.headers['server-timing'])).toContain('engine;');
    const engine = await viaEngine(url);
    expect(res.json()).toEqual(engine.body);
    expect(res.json()).not.toEqual(before.body);
    expect((await viaIndex(url)).body).toEqual(engine.body);
  });
});
