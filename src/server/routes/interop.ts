// Interoperability routes: catalog feeds (DCAT-AP, data.json, RSS) registered into the catalog
// export registry, plus the paths of their own: /data.json, OpenAPI documents, API docs page,
// the CKAN Action API. Handlers live in src/interop/; this file only wires them.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.ts';
import { registerInteropFeeds, sendDataJson } from '../../interop/feeds.ts';
import { registerCkanRoutes } from '../../interop/ckan/route.ts';
import { registerOpenApiRoutes } from '../../interop/openapi/routes.ts';
import { registerDataPackageRenderer } from '../../interop/datapackage/renderer.ts';

export async function registerInteropRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  registerInteropFeeds();
  registerDataPackageRenderer(ctx.config.portalName);
  app.get('/data.json', async (req, reply) => sendDataJson(ctx, req, reply));
  await registerCkanRoutes(app, ctx);
  await registerOpenApiRoutes(app, ctx);
}
