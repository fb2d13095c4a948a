// HTTP side of the OpenAPI documents and the API reference pages: the whole API document, one per
// dataset (typed from its schema and live samples), and their HTML renderings.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../../server/context.ts';
import { recordRules, visibleDataset, visibleDatasets } from '../visibility.ts';
import { datasetApiDocument } from './dataset-doc.ts';
import { apiDocsPage } from './docs-page.ts';
import { exploreApiDocument } from './explore-doc.ts';
import { datasetSamples } from './samples.ts';

const API = '/api/explore/v2.1';
/** Datasets linked from the whole-API reference page; the rest are reached by URL. */
const DATASETS_LISTED = 500;

export async function datasetDocument(ctx: AppContext, req: FastifyRequest, datasetId: string): Promise<Record<string, unknown>> {
  const ds = visibleDataset(ctx, req, datasetId);
  const allowed = recordRules(req, ds).visibleFields;
  const fields = ds.fields.filter((f) => !allowed || allowed.includes(f.name));
  const samples = await datasetSamples(ctx, req, ds, fields);
  return datasetApiDocument(ds, fields, samples, ctx.config.baseUrl, ctx.config.portalName);
}

export async function registerOpenApiRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const whole = () => exploreApiDocument(ctx.config.baseUrl, ctx.config.portalName);
  app.get(`${API}/openapi.json`, async (_req, reply) => reply.type('application/vnd.oai.openapi+json; charset=utf-8').send(JSON.stringify(whole())));
  app.get(`${API}/catalog/datasets/:dataset_id/openapi.json`, async (req, reply) => {
    const doc = await datasetDocument(ctx, req, (req.params as { dataset_id: string }).dataset_id);
    return reply.type('application/vnd.oai.openapi+json; charset=utf-8').send(JSON.stringify(doc));
  });
  const page = async (req: FastifyRequest, reply: import('fastify').FastifyReply) => {
    const all = visibleDatasets(ctx, req);
    const links = all.slice(0, DATASETS_LISTED).map((ds) => ({ href: `/docs/api/datasets/${encodeURIComponent(ds.dataset_id)}`, text: ds.metas.default.title || ds.dataset_id }));
    return reply.type('text/html; charset=utf-8').send(apiDocsPage(whole(), `${ctx.config.baseUrl}${API}/openapi.json`, { links, total: all.length }));
  };
  app.get('/docs/api', page);
  app.get(`${API}/console`, page);
  app.get('/docs/api/datasets/:dataset_id', async (req, reply) => {
    const id = (req.params as { dataset_id: string }).dataset_id;
    const doc = await datasetDocument(ctx, req, id);
    const related = [{ href: `/datasets/${encodeURIComponent(id)}`, text: 'The dataset page' }, { href: '/docs/api', text: 'The whole API reference' }];
    return reply.type('text/html; charset=utf-8').send(apiDocsPage(doc, `${ctx.config.baseUrl}${API}/catalog/datasets/${encodeURIComponent(id)}/openapi.json`, undefined, related));
  });
}
