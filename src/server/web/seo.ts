// robots.txt and sitemap.xml for search engines (content from src/interop/sitemap.ts); short
// cache, since a dataset published or restricted must enter or leave the sitemap soon.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.ts';
import { robotsTxt, sitemapEntries, sitemapXml } from '../../interop/sitemap.ts';
import { ANONYMOUS_CALLER } from '../../governance/index.ts';
import { readablePages } from '../../pages/index.ts';
import { ensurePages } from '../pages-store.ts';

export function registerSeoRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/robots.txt', async (_req, reply) =>
    reply.type('text/plain; charset=utf-8').header('Cache-Control', 'public, max-age=3600').send(robotsTxt(ctx.config.baseUrl)));
  app.get('/sitemap.xml', async (_req, reply) => {
    const pages = readablePages(await ensurePages(ctx), ANONYMOUS_CALLER).map((p) => ({ path: `/pages/${p.slug}`, lastmod: p.published_at }));
    return reply.type('application/xml; charset=utf-8').header('Cache-Control', 'public, max-age=600').send(sitemapXml(sitemapEntries(ctx, pages)));
  });
}
