// Starts a real Agora server in-process with the demo catalog (City of Northbridge, 14 datasets, 2 pages)
// in a temporary data dir, building the web app first when web/dist is missing.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPortal } from '../../../src/server/portal.ts';
import { ensureWebBuilt } from '../../../src/server/web/index.ts';
import { loadDemoCatalog, loadDemoPages, DEMO_PORTAL_NAME } from '../../../src/demo/index.ts';
import { ensurePages } from '../../../src/server/pages-store.ts';
import { servePortal, type RunningPortal } from './server.ts';

export async function startDemoPortal(): Promise<RunningPortal> {
  await ensureWebBuilt({ quiet: true });
  const dir = mkdtempSync(join(tmpdir(), 'agora-e2e-demo-'));
  const ctx = await openPortal({ dataDir: join(dir, 'data'), portalName: DEMO_PORTAL_NAME, baseUrl: 'http://127.0.0.1' });
  const loaded = await loadDemoCatalog(ctx.catalog);
  if (loaded === 0) throw new Error('startDemoPortal: the demo catalog did not load');
  const pages = await ensurePages(ctx);
  await loadDemoPages(pages.pages, pages.env);
  return servePortal(ctx, dir);
}
