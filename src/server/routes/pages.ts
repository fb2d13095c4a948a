// Pages for readers: GET /api/agora/v1/pages/ (the published pages the caller may read, featured
// first) and GET /api/agora/v1/pages/{slug} (its published content; ?version=draft for editors' preview).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { callerOf } from '../auth.ts';
import { ensurePages } from '../pages-store.ts';
import { listItem, publicBody, readablePage, readablePages } from '../../pages/index.ts';
import { AgoraError } from '../../core/errors.ts';

export const PAGES_API = '/api/agora/v1/pages';
type Q = Record<string, string | undefined>;

export async function registerPublicPageRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const d = await ensurePages(ctx);
  app.get(PAGES_API, async (req: FastifyRequest<{ Querystring: Q }>) => {
    const pages = readablePages(d, callerOf(req))
      .sort((a, b) => Number(b.featured) - Number(a.featured) || (b.published_at ?? '').localeCompare(a.published_at ?? ''));
    const featured = req.query.featured === 'true' ? pages.filter((p) => p.featured) : pages;
    return { total_count: featured.length, results: featured.map(listItem) };
  });
  app.get(`${PAGES_API}/:slug`, async (req: FastifyRequest<{ Params: { slug: string }; Querystring: Q }>, reply) => {
    const v = req.query.version;
    if (v !== undefined && v !== 'draft' && v !== 'published') throw new AgoraError('PARAMETER_INVALID', `Invalid version: "${v}" (draft or published)`, { detail: { version: ['draft or published'] } });
    const { page, content } = readablePage(d, callerOf(req), req.params.slug, v === 'draft');
    if (v === 'draft' || !page.public) reply.header('Cache-Control', 'private, no-store');
    return publicBody(page, content);
  });
}
