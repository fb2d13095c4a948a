// The HTTP application: Fastify with the Explore API routes, error bodies in the ODS shape, Server-Timing
// and browser security headers, compressed answers, and the web app. No SQL here; routes call plan/ and storage/.
import Fastify, { type FastifyInstance, type RouteOptions } from 'fastify';
import type { AppContext } from './context.ts';
import { handleError } from './errors.ts';
import { registerCatalogRoutes } from './routes/catalog.ts';
import { registerRecordRoutes } from './routes/records.ts';
import { registerExportRoutes } from './routes/exports.ts';
import { registerInteropRoutes } from './routes/interop.ts';
import { registerWeb, notFoundHandler } from './web/index.ts';
import { registerCompression } from './compression.ts';
import { registerAuth, redactUrl } from './auth.ts';
import { registerAutomationRoutes } from './routes/automation.ts';
import { registerPushRoutes } from './routes/push.ts';
import { registerStreamRoutes } from './routes/records-stream.ts';
import { registerPublicPageRoutes } from './routes/pages.ts';
import { registerReuseRoutes } from './routes/reuses.ts';
import { ensureBranding } from './web/branding-store.ts';
import { registerSecurityHeaders, securitySettings } from './security-headers.ts';

export interface AppOptions {
  logger?: boolean; web?: boolean;
  /** Told of every route as it is registered (the route contract test lists the server's routes with it). */
  onRoute?: (route: RouteOptions) => void;
}

export async function buildApp(ctx: AppContext, opts: AppOptions = {}): Promise<FastifyInstance> {
  const security = securitySettings(process.env); // a bad AGORA_CSP_MAP_HOSTS / AGORA_HSTS stops start-up
  const app = Fastify({
    logger: opts.logger ? { level: 'info', redact: ['req.headers.authorization', 'req.headers.cookie'], serializers: { req: (r: { method: string; url: string }) => ({ method: r.method, url: redactUrl(r.url) }) } } : false,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 500 },
    trustProxy: ctx.config.trustProxy ?? false,
  });
  if (opts.onRoute) app.addHook('onRoute', opts.onRoute);
  app.addHook('onRequest', async (req) => {
    const start = performance.now();
    (req as unknown as { agoraStart: number }).agoraStart = start;
  });
  app.addHook('onSend', async (req, reply, payload) => {
    const start = (req as unknown as { agoraStart?: number }).agoraStart;
    if (start !== undefined) {
      // Routes may name their stages first (plan, engine, …); the whole request's time comes last.
      const stages = reply.getHeader('Server-Timing');
      const total = `total;dur=${(performance.now() - start).toFixed(1)}`;
      reply.header('Server-Timing', stages ? `${String(stages)}, ${total}` : total);
    }
    return payload;
  });
  registerSecurityHeaders(app, security, () => ctx.config.basemapStyle);
  app.setErrorHandler(handleError);
  app.setNotFoundHandler(notFoundHandler(ctx, opts.web !== false));
  await registerCompression(app);
  await ensureBranding(ctx); // the back office's portal name, before anything reads it
  await registerAuth(app, ctx);
  await registerCatalogRoutes(app, ctx);
  await registerStreamRoutes(app, ctx);
  await registerRecordRoutes(app, ctx);
  await registerExportRoutes(app, ctx);
  await registerInteropRoutes(app, ctx);
  await registerAutomationRoutes(app, ctx);
  await registerPushRoutes(app, ctx);
  await registerPublicPageRoutes(app, ctx);
  await registerReuseRoutes(app, ctx);
  if (opts.web !== false) await registerWeb(app, ctx);
  return app;
}
