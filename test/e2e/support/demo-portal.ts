// Starts a real Agora server in-process with the demo catalog (City of Northbridge, 14 datasets, 2 pages)
// in a temporary data dir, building the web app first when web/dist is missing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPortal, closePortal } from '../../../src/server/portal.ts';
import { buildApp } from '../../../src/server/app.ts';
import { registerWeb, ensureWebBuilt } from '../../../src/server/web/index.ts';
import { loadDemoCatalog, loadDemoPages, DEMO_PORTAL_NAME } from '../../../src/demo/index.ts';
import { ensurePages } from '../../../src/server/pages-store.ts';
import type { RunningPortal } from './server.ts';

export async function startDemoPortal(): Promise<RunningPortal> {
  await ensureWebBuilt({ quiet: true });
  const dir = mkdtempSync(join(tmpdir(), 'agora-e2e-demo-'));
  const ctx = await openPortal({ dataDir: join(dir, 'data'), portalName: DEMO_PORTAL_NAME, baseUrl: 'http://127.0.0.1' });
  const loaded = await loadDemoCatalog(ctx.catalog);
  if (loaded === 0) throw new Error('startDemoPortal: the demo catalog did not load');
  const pages = await ensurePages(ctx);
  await loadDemoPages(pages.pages, pages.env);
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
