// The demo's live sensor simulator: readings through the public push API of its own real-time
// resource, one per sensor per tick, with the demo dataset's fields; off when the resource is disabled.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { closePortal, openPortal } from '../../src/server/portal.ts';
import { buildApp } from '../../src/server/app.ts';
import type { AppContext } from '../../src/server/context.ts';
import { importDataset } from '../../src/ingest/index.ts';
import { LIVE_DEMO_DATASET, startSensorSimulator } from '../../src/demo/index.ts';
import { syntheticSensorCsv } from '../../src/demo/sensors.ts';

let ctx: AppContext;
let app: FastifyInstance;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'agora-sim-'));
  ctx = await openPortal({ inMemory: true, dataDir: dir, baseUrl: 'http://portal.test' });
  writeFileSync(join(dir, 'sensors.csv'), syntheticSensorCsv(1));
  await importDataset(ctx.catalog, { source: join(dir, 'sensors.csv'), datasetId: LIVE_DEMO_DATASET, mode: 'create' });
  app = await buildApp(ctx, { web: false });
});
afterAll(async () => { await app?.close(); if (ctx) await closePortal(ctx); rmSync(dir, { recursive: true, force: true }); });

describe('the demo sensor simulator', () => {
  it('pushes one reading per sensor (10) per tick through its own real-time resource, timestamped now', async () => {
    const before = ctx.catalog.get(LIVE_DEMO_DATASET).metas.default.records_count;
    expect(before).toBe(240);
    const started = Date.now();
    const stop = await startSensorSimulator(app, ctx.catalog, ctx.realtime, 100);
    expect(stop).not.toBeNull();
    await new Promise((r) => setTimeout(r, 350));
    stop!();
    await ctx.realtime.flush();
    const after = ctx.catalog.get(LIVE_DEMO_DATASET).metas.default.records_count;
    expect(after - before).toBeGreaterThanOrEqual(20);
    expect((after - before) % 10).toBe(0);
    const table = ctx.catalog.get(LIVE_DEMO_DATASET).table;
    const live = await ctx.backend.query(`SELECT sensor_id, measured_at, no2_ugm3 FROM "${table}" WHERE measured_at >= CAST(? AS TIMESTAMPTZ)`, [new Date(started - 1000).toISOString()]);
    expect(new Set(live.map((r) => r.sensor_id)).size).toBe(10);
    for (const r of live) expect(Number(r.no2_ugm3)).toBeGreaterThan(0);
    const resources = ctx.realtime.resources.list(ctx.catalog.get(LIVE_DEMO_DATASET).dataset_uid);
    expect(resources.map((r) => r.title)).toEqual(['Demo simulator (synthetic readings)']);
  });

  it('reuses its resource on the next start (a new key), and does not run while it is disabled', async () => {
    const uid = ctx.catalog.get(LIVE_DEMO_DATASET).dataset_uid;
    const [r] = ctx.realtime.resources.list(uid);
    await ctx.realtime.setEnabled(uid, r.uid, false);
    expect(await startSensorSimulator(app, ctx.catalog, ctx.realtime, 100)).toBeNull();
    expect(ctx.realtime.resources.list(uid)).toHaveLength(1);
  });
});
