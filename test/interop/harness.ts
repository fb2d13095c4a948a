// In-process app for the interop tests: the real server (buildApp from src/server/app.ts, without
// the web app), so every feed, CKAN call and document is reached through the same routes, error
// handler and catalog-export dispatch as in production. The catalog can be a plain list of Datasets
// (metadata-only feeds) or a real portal (see portal-fixture.ts).
import type { FastifyInstance } from 'fastify';
import type { Dataset } from '../../src/core/types.ts';
import type { AppContext } from '../../src/server/context.ts';
import { buildApp } from '../../src/server/app.ts';
import { loadConfig } from '../../src/core/config.ts';
import { DuckDBBackend } from '../../src/storage/duckdb/index.ts';

export const BASE = 'http://portal.test';

export function listCatalog(datasets: Dataset[]): AppContext['catalog'] {
  const byId = new Map(datasets.map((d) => [d.dataset_id, d]));
  return { list: () => [...byId.values()], find: (id: string) => byId.get(id), onChange: () => undefined } as unknown as AppContext['catalog'];
}

/** A context whose catalog is a list of Dataset objects: enough for the metadata feeds (DCAT,
 *  data.json, RSS, CKAN catalog actions), which never query records. */
export function contextFor(datasets: Dataset[], extra: Partial<AppContext> = {}): AppContext {
  const config = loadConfig({ baseUrl: BASE, portalName: 'Test portal', dataDir: '/nonexistent' });
  // No real-time intake: the live-stream hub and the alert wiring only listen for events that never come.
  const realtime = { writer: { onApplied: () => undefined }, onAlert: () => undefined } as unknown as AppContext['realtime'];
  return { config, catalog: listCatalog(datasets), realtime, ...extra } as AppContext;
}

/** The real app over `ctx`. A metadata-only context gets an in-memory store of its own (the
 *  server keeps its accounts and keys there), closed with the app. */
export async function interopApp(ctx: AppContext, opts: { web?: boolean } = {}): Promise<FastifyInstance> {
  let own: DuckDBBackend | undefined;
  if (!ctx.backend) {
    own = new DuckDBBackend({ dataDir: null, readPoolSize: 1 });
    await own.open();
    ctx.backend = own;
  }
  const app = await buildApp(ctx, { web: opts.web ?? false });
  if (own) app.addHook('onClose', async () => { await own.close(); });
  return app;
}
