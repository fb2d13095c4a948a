// Serves the built web app: hashed files under /assets/ (immutable cache, precompressed copies,
// via @fastify/static) and the single-page HTML for the app's routes, with per-page head tags.
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { canSee, describedDataset } from '../access.ts';
import { noteDatasetRefused } from '../auth.ts';
import { schemaOrgDataset } from '../../interop/schemaorg.ts';
import { hasGeo } from '../../interop/formats.ts';
import { injectHead, plainSummary, type HeadInfo } from './html.ts';
import { webDistDir } from './build.ts';
import { AgoraError } from '../../core/errors.ts';
import { callerOf } from '../auth.ts';
import { ensurePages } from '../pages-store.ts';
import { canReadPage } from '../../pages/index.ts';

let cachedTemplate: { path: string; mtime: number; html: string } | null = null;

function template(dist: string): string | null {
  const path = join(dist, 'index.html');
  try {
    const mtime = statSync(path).mtimeMs;
    if (cachedTemplate?.path === path && cachedTemplate.mtime === mtime) return cachedTemplate.html;
    cachedTemplate = { path, mtime, html: readFileSync(path, 'utf8') };
    return cachedTemplate.html;
  } catch { return null; }
}

export function sendPage(reply: FastifyReply, dist: string, head: HeadInfo, status = 200): FastifyReply {
  const html = template(dist);
  if (!html) {
    return reply.status(503).type('text/plain; charset=utf-8')
      .send('The Agora web app is not built. Run: npx vite build --config web/vite.config.ts');
  }
  return reply.status(status).type('text/html; charset=utf-8').header('Cache-Control', 'no-cache').send(injectHead(html, head));
}

export const PORTAL_INFO_URL = '/api/agora/v1/portal';

/** The API answers every page of the app asks for first (the same URLs as web/src/api): the
 *  portal's identity, and on dataset pages the dataset itself and its record count. */
function preloads(path: string, query: URLSearchParams): string[] {
  const pageSlug = PAGE_PATH.exec(path)?.[1];
  if (pageSlug) return [PORTAL_INFO_URL, `/api/agora/v1/pages/${pageSlug}`];
  const m = /^\/(?:datasets\/([^/]+)|embed\/datasets\/([^/]+)\/[a-z]+)\/?$/.exec(path);
  let id: string | null = null;
  try { id = m ? decodeURIComponent(m[1] ?? m[2]) : null; } catch { /* a malformed path preloads nothing more */ }
  if (!id) return [PORTAL_INFO_URL];
  const dataset = `/api/explore/v2.1/catalog/datasets/${encodeURIComponent(id)}`;
  // Without filters in the page's URL the record count is the bare count request.
  const filtered = ['q', 'where', 'refine', 'exclude'].some((k) => query.has(k));
  return filtered ? [PORTAL_INFO_URL, dataset] : [PORTAL_INFO_URL, dataset, `${dataset}/records?limit=0`];
}

/** A page (dashboard, story), its embed, or one of its blocks' embed. */
const PAGE_PATH = /^\/(?:embed\/)?pages\/([a-z0-9-]+)(?:\/blocks\/[A-Za-z0-9_-]+)?\/?$/;

async function pageOfPath(ctx: AppContext, req: FastifyRequest, path: string, portal: string): Promise<{ head: HeadInfo; status: number } | null> {
  const m = PAGE_PATH.exec(path);
  if (!m) return null;
  const d = await ensurePages(ctx);
  const p = d.pages.findBySlug(m[1]);
  if (!p || !canReadPage(d.store, callerOf(req), p)) return { head: { title: `Not found · ${portal}` }, status: 404 };
  const c = p.published!;
  if (path.startsWith('/embed/')) return { head: { title: `${c.title} · ${portal}` }, status: 200 };
  return {
    head: { title: `${c.title} · ${portal}`, description: plainSummary(c.description) || c.title, canonical: `${ctx.config.baseUrl}/pages/${p.slug}` },
    status: 200,
  };
}

/** Head tags of an app page (by path), and the HTTP status its HTML is served with. */
export async function pageHead(ctx: AppContext, req: FastifyRequest, rawPath: string): Promise<{ head: HeadInfo; status: number }> {
  const portal = ctx.config.portalName;
  const path = rawPath.replace(/\/+$/, '') || '/';
  const notFound = { head: { title: `Not found · ${portal}` }, status: 404 };
  if (path === '/') return { head: { title: portal, canonical: `${ctx.config.baseUrl}/` }, status: 200 };
  if (path === '/datasets') return { head: { title: `Datasets · ${portal}`, canonical: `${ctx.config.baseUrl}/datasets` }, status: 200 };
  if (path === '/reuses') return { head: { title: `Reuses · ${portal}`, canonical: `${ctx.config.baseUrl}/reuses` }, status: 200 };
  // The back office and its sign-in page (the app asks the API for everything behind them).
  if (path === '/signin' || path === '/admin' || path.startsWith('/admin/')) return { head: { title: `Back office · ${portal}` }, status: 200 };
  const ofPage = await pageOfPath(ctx, req, path, portal);
  if (ofPage) return ofPage;
  const m = /^\/(?:datasets\/([^/]+)|embed\/datasets\/([^/]+)\/(table|map|analyze))$/.exec(path);
  if (!m) return notFound;
  let id: string;
  try { id = decodeURIComponent(m[1] ?? m[2]); } catch { return notFound; }
  const ds = ctx.catalog.find(id);
  if (!ds) return notFound;
  if (!canSee(req, ds)) { noteDatasetRefused(req, ds); return notFound; }
  const title = ds.metas.default.title || ds.dataset_id;
  // A map of a dataset without a geographic field does not exist: the page says so, with a 404.
  if (m[2]) return { head: { title: `${title} · ${portal}` }, status: m[3] === 'map' && !hasGeo(ds) ? 404 : 200 };
  return {
    head: {
      title: `${title} · ${portal}`,
      description: plainSummary(ds.metas.default.description) || title,
      canonical: `${ctx.config.baseUrl}/datasets/${encodeURIComponent(ds.dataset_id)}`,
      jsonLd: schemaOrgDataset(await describedDataset(ctx, req, ds), ctx.config.baseUrl, portal),
    },
    status: 200,
  };
}

export async function registerStatic(app: FastifyInstance, ctx: AppContext, dist = webDistDir()): Promise<void> {
  const assets = resolve(dist, 'assets');

  // Hashed file names: cached for a year, never revalidated; the build's .br/.gz copies are sent
  // to clients that accept them (Vary: Accept-Encoding). Dotfiles and paths outside are refused.
  await app.register(fastifyStatic, {
    root: assets, prefix: '/assets/', decorateReply: false, index: false, list: false,
    preCompressed: true, maxAge: '365d', immutable: true, cacheControl: true, etag: false, lastModified: false,
  });

  const page = async (req: FastifyRequest, reply: FastifyReply) => {
    const [path, query = ''] = req.url.split('?', 2);
    const { head, status } = await pageHead(ctx, req, path);
    return sendPage(reply, dist, { ...head, preload: status === 200 ? preloads(path, new URLSearchParams(query)) : [PORTAL_INFO_URL] }, status);
  };
  app.get('/', page);
  app.get('/datasets', page);
  app.get('/datasets/:dataset_id', page);
  app.get('/reuses', page);
  app.get('/embed/datasets/:dataset_id/:view', page);
  app.get('/pages/:slug', page);
  app.get('/embed/pages/:slug', page);
  app.get('/embed/pages/:slug/blocks/:block', page);
  app.get('/signin', page);
  app.get('/admin', page);
  app.get('/admin/*', page);

  // The same head tags for the app's client-side navigations (the first page load gets them
  // in the HTML), so description, canonical link and JSON-LD never describe the previous page.
  app.get<{ Querystring: { path?: string } }>('/api/agora/v1/page-head', async (req, reply) => {
    const path = req.query.path;
    if (typeof path !== 'string' || !path.startsWith('/')) {
      throw new AgoraError('PARAMETER_INVALID', 'path must be an absolute path of the portal, such as /datasets/my-dataset', { path });
    }
    const { head, status } = await pageHead(ctx, req, path);
    reply.header('Cache-Control', 'no-cache');
    return { status, title: head.title, description: head.description ?? null, canonical: head.canonical ?? null, json_ld: head.jsonLd ?? null };
  });
}
