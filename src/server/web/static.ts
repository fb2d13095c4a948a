// Serves the built web app: hashed files under /assets/ (immutable cache) and the single-page
// HTML for the app's routes, with per-page head tags. Paths never leave web/dist.
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AppContext } from '../context.ts';
import { canSee, describedDataset } from '../access.ts';
import { schemaOrgDataset } from '../../interop/schemaorg.ts';
import { injectHead, plainSummary, type HeadInfo } from './html.ts';
import { webDistDir } from './build.ts';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg', '.webp': 'image/webp', '.woff2': 'font/woff2',
  '.json': 'application/json', '.map': 'application/json', '.ico': 'image/x-icon', '.wasm': 'application/wasm',
};

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

function sendPage(reply: FastifyReply, dist: string, head: HeadInfo, status = 200): FastifyReply {
  const html = template(dist);
  if (!html) {
    return reply.status(503).type('text/plain; charset=utf-8')
      .send('The Agora web app is not built. Run: npx vite build --config web/vite.config.ts');
  }
  return reply.status(status).type('text/html; charset=utf-8').header('Cache-Control', 'no-cache').send(injectHead(html, head));
}

export async function registerStatic(app: FastifyInstance, ctx: AppContext, dist = webDistDir()): Promise<void> {
  const assets = resolve(dist, 'assets');
  const portal = () => ctx.config.portalName;

  app.get<{ Params: { '*': string } }>('/assets/*', async (req, reply) => {
    const file = resolve(assets, req.params['*']);
    if (!file.startsWith(assets + sep)) return reply.status(404).send({ message: 'Not found', error_code: 'NotFoundError' });
    let size: number;
    try { const st = statSync(file); if (!st.isFile()) throw new Error('not a file'); size = st.size; } catch {
      return reply.status(404).send({ message: 'Not found', error_code: 'NotFoundError' });
    }
    return reply.type(TYPES[extname(file)] ?? 'application/octet-stream').header('Content-Length', size)
      .header('Cache-Control', 'public, max-age=31536000, immutable').send(createReadStream(file));
  });

  app.get('/', async (_req, reply) => sendPage(reply, dist, { title: portal(), canonical: `${ctx.config.baseUrl}/` }));
  app.get('/datasets', async (_req, reply) => sendPage(reply, dist, { title: `Datasets · ${portal()}`, canonical: `${ctx.config.baseUrl}/datasets` }));

  app.get<{ Params: { dataset_id: string } }>('/datasets/:dataset_id', async (req, reply) => {
    const ds = ctx.catalog.find(req.params.dataset_id);
    if (!ds || !canSee(req, ds)) return sendPage(reply, dist, { title: `Not found · ${portal()}` }, 404);
    const title = ds.metas.default.title || ds.dataset_id;
    return sendPage(reply, dist, {
      title: `${title} · ${portal()}`,
      description: plainSummary(ds.metas.default.description) || title,
      canonical: `${ctx.config.baseUrl}/datasets/${encodeURIComponent(ds.dataset_id)}`,
      jsonLd: schemaOrgDataset(await describedDataset(ctx, req, ds), ctx.config.baseUrl, portal()),
    });
  });

  app.get<{ Params: { dataset_id: string; view: string } }>('/embed/datasets/:dataset_id/:view', async (req, reply) => {
    const ds = ctx.catalog.find(req.params.dataset_id);
    const known = ['table', 'map', 'analyze'].includes(req.params.view);
    if (!ds || !canSee(req, ds) || !known) return sendPage(reply, dist, { title: `Not found · ${portal()}` }, 404);
    return sendPage(reply, dist, { title: `${ds.metas.default.title || ds.dataset_id} · ${portal()}` });
  });
}
