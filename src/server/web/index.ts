// The web module's one way in: serves the built browser app (SPA routes, assets, embeds, the HTML
// 404 page, redirects from CKAN/ODS addresses, robots.txt and sitemap.xml; framing and CSP are
// ../security-headers.ts's), the portal identity and branding routes and page-view counting.
// The app itself only talks to the public HTTP API.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.ts';
import { registerPortalRoute } from './portal-info.ts';
import { registerViewRoutes } from './views.ts';
import { registerStatic } from './static.ts';
import { registerBrandingRoutes } from './branding-routes.ts';
import { registerSeoRoutes } from './seo.ts';
import { registerRedirects } from './redirects.ts';

export { ensureWebBuilt, isWebBuilt, webDistDir } from './build.ts';
export { portalInfo, type PortalInfo } from './portal-info.ts';
export { notFoundHandler } from './not-found.ts';

export async function registerWeb(app: FastifyInstance, ctx: AppContext): Promise<void> {
  await registerBrandingRoutes(app, ctx);
  await registerPortalRoute(app, ctx);
  await registerViewRoutes(app, ctx);
  await registerStatic(app, ctx);
  registerSeoRoutes(app, ctx);
  registerRedirects(app);
}
