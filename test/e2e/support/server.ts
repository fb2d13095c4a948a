// Starts a real Agora server in-process on a free port with a temporary data dir and the
// fixture datasets, building the web app first when web/dist is missing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { openPortal, closePortal } from '../../../src/server/portal.ts';
import { buildApp } from '../../../src/server/app.ts';
import { registerWeb, ensureWebBuilt } from '../../../src/server/web/index.ts';
import { importDataset } from '../../../src/ingest/index.ts';
import { applyMeta } from '../../../src/catalog/index.ts';
import type { AppContext } from '../../../src/server/context.ts';
import { writeBudget, writeDistricts, writeReadings, writeTrees } from './fixtures.ts';

export interface RunningPortal { url: string; ctx: AppContext; app: FastifyInstance; stop: () => Promise<void> }

async function describe(ctx: AppContext, id: string, metas: Record<string, string>): Promise<void> {
  let m = ctx.catalog.get(id).metas;
  for (const [k, v] of Object.entries(metas)) m = applyMeta(m, 'default', k, v);
  await ctx.catalog.updateMetas(id, m);
}

/** `subscribe`: run the MQTT subscriptions in this portal, as `agora serve` does. */
export async function startPortal(opts: { subscribe?: boolean } = {}): Promise<RunningPortal> {
  await ensureWebBuilt({ quiet: true });
  const dir = mkdtempSync(join(tmpdir(), 'agora-e2e-'));
  const ctx = await openPortal({ dataDir: join(dir, 'data'), portalName: 'Agora Test City', baseUrl: 'http://127.0.0.1', subscribe: opts.subscribe });
  await importDataset(ctx.catalog, { source: writeTrees(dir), datasetId: 'street-trees', mode: 'create', title: 'Street trees' });
  await describe(ctx, 'street-trees', {
    description: '<p>Every street tree of the city with its species, height and planting date. Updated every month by the parks team.</p>',
    theme: 'Environment', keyword: 'trees,nature', publisher: 'Parks department', license: 'Open Licence 2.0',
  });
  await importDataset(ctx.catalog, { source: writeDistricts(dir), datasetId: 'districts', mode: 'create', title: 'City districts' });
  await describe(ctx, 'districts', { theme: 'Administration', publisher: 'Mapping office' });
  await importDataset(ctx.catalog, { source: writeBudget(dir), datasetId: 'city-budget', mode: 'create', title: 'City budget' });
  await describe(ctx, 'city-budget', { theme: 'Economy', publisher: 'Finance department', description: '<p>Spending by department and year.</p>' });
  await importDataset(ctx.catalog, { source: writeReadings(dir), datasetId: 'meter-readings', mode: 'create', title: 'Meter readings' });
  return servePortal(ctx, dir);
}

/** Serves an opened portal (API and web app) on a free loopback port; `stop` also removes `dir`. */
export async function servePortal(ctx: AppContext, dir: string): Promise<RunningPortal> {
  const app = await buildApp(ctx);
  if (!app.hasRoute({ method: 'GET', url: '/api/agora/v1/portal' })) await registerWeb(app, ctx);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`, ctx, app,
    stop: async () => { await app.close(); await closePortal(ctx); rmSync(dir, { recursive: true, force: true }); },
  };
}
