// In-process app for the interop tests: a Fastify instance with the ODS error handler, the
// interop routes, and the catalog-export dispatch the main export route performs (formats from
// the feed registry, 400 listing them otherwise). The catalog is a plain list of Dataset objects.
import Fastify, { type FastifyInstance } from 'fastify';
import type { Dataset } from '../../src/core/types.ts';
import type { AppContext } from '../../src/server/context.ts';
import { handleError } from '../../src/server/errors.ts';
import { catalogFeedFormats, getCatalogFeed } from '../../src/server/feeds.ts';
import { registerInteropRoutes } from '../../src/server/routes/interop.ts';
import { loadConfig } from '../../src/core/config.ts';
import { AgoraError } from '../../src/core/errors.ts';
import '../../src/server/respond/index.ts';

export const BASE = 'http://portal.test';

export function listCatalog(datasets: Dataset[]): AppContext['catalog'] {
  const byId = new Map(datasets.map((d) => [d.dataset_id, d]));
  return { list: () => [...byId.values()], find: (id: string) => byId.get(id) } as unknown as AppContext['catalog'];
}

export function contextFor(datasets: Dataset[], extra: Partial<AppContext> = {}): AppContext {
  const config = loadConfig({ baseUrl: BASE, portalName: 'Test portal', dataDir: '/nonexistent' });
  return { config, catalog: listCatalog(datasets), ...extra } as AppContext;
}

export async function interopApp(ctx: AppContext): Promise<FastifyInstance> {
  const app = Fastify({ routerOptions: { ignoreTrailingSlash: true, maxParamLength: 500 } });
  app.setErrorHandler(handleError);
  await registerInteropRoutes(app, ctx);
  app.get('/api/explore/v2.1/catalog/exports/:format', async (req, reply) => {
    const { format } = req.params as { format: string };
    const feed = getCatalogFeed(format);
    if (feed) return feed(ctx, req, reply);
    throw new AgoraError('EXPORT_FORMAT_UNKNOWN', `Unknown catalog export format "${format}". Accepted formats: csv, json, jsonl, xlsx, ${catalogFeedFormats().join(', ')}.`);
  });
  return app;
}
