// Export routes of the Explore API v2.1: dataset exports in every registered format, streamed with
// constant memory and no row cap, and catalog exports (csv/json/jsonl/xlsx here, feeds registered).
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { compileExportChunks, compileRecords, exactShapes } from '../../plan/index.ts';
import { assertRenderable, exportFilename, getRenderer, gzipStream, parseExportOptions, rendererFormats } from '../respond/index.ts';
import { recordsQuery, type QueryString } from '../params.ts';
import { accessRules, catalogSource, visibleDataset, visibleDatasets } from '../access.ts';
import { catalogFeedFormats, getCatalogFeed } from '../feeds.ts';
import { AgoraError } from '../../core/errors.ts';
import { deprecationHeader } from '../errors.ts';
import { shapeReader } from '../run-query.ts';
import { GEO_TYPES, type Dataset } from '../../core/types.ts';
import type { AccessRules, RecordsQuery } from '../../core/request.ts';

const API = '/api/explore/v2.1';
const CATALOG_RECORD_FORMATS = ['csv', 'json', 'jsonl', 'xlsx'];
type Req = FastifyRequest<{ Params: { dataset_id: string; format: string }; Querystring: QueryString }>;

function links(base: string, formats: string[]): { links: Array<{ rel: string; href: string }> } {
  return { links: [{ rel: 'self', href: base }, ...formats.map((f) => ({ rel: f, href: `${base}/${f}` }))] };
}

/** `chunked`: the dataset's own table (with record ids), which csv may let the engine write by ranges. */
async function sendExport(ctx: AppContext, req: Req, reply: FastifyReply, ds: Dataset, format: string, q: RecordsQuery, access: AccessRules, filename: string, chunked: boolean): Promise<FastifyReply> {
  const renderer = getRenderer(format);
  if (!renderer) throw new AgoraError('EXPORT_FORMAT_UNKNOWN', `Unknown export format "${format}". Accepted formats: ${rendererFormats().join(', ')}.`);
  if (renderer.needsGeo && !ds.fields.some((f) => GEO_TYPES.has(f.type))) {
    throw new AgoraError('EXPORT_FORMAT_UNKNOWN', `The ${format} export needs a geo field, and dataset "${ds.dataset_id}" has none.`);
  }
  const options = parseExportOptions(req.query as Record<string, string | undefined>);
  const exact = await exactShapes(ds, q, { mode: 'export', access }, shapeReader(ctx, ds, { engine: ctx.backend, dialect: ctx.dialect }));
  const { records, deprecations } = compileRecords(ds, q, { mode: 'export', access, dialect: ctx.dialect, exact });
  deprecationHeader(reply, deprecations);
  // Every check runs before the first byte: a bad request gets a 400 body, never a truncated file.
  assertRenderable(renderer, records.columns, options);
  const rendered = renderer.render({
    dataset: ds, columns: records.columns, rows: ctx.backend.stream(records.sql, records.params),
    query: records, backend: ctx.backend, options, baseUrl: ctx.config.baseUrl,
    chunks: chunked ? () => compileExportChunks(ds, q, { mode: 'export', access, dialect: ctx.dialect, exact }) : undefined,
  });
  reply.header('Content-Disposition', `attachment; filename="${exportFilename(filename, renderer, options.compressed)}"`);
  if (options.compressed) {
    // A real .gz file (as ODS sends it), not a transfer encoding that clients would undo on the fly.
    reply.header('Content-Type', 'application/gzip');
    return reply.send(Readable.from(gzipStream(rendered)));
  }
  reply.header('Content-Type', renderer.contentType);
  return reply.send(Readable.from(rendered));
}

export async function registerExportRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.get(`${API}/catalog/datasets/:dataset_id/exports`, async (req: Req) => {
    const ds = visibleDataset(ctx, req, req.params.dataset_id);
    const hasGeo = ds.fields.some((f) => GEO_TYPES.has(f.type));
    const formats = rendererFormats().filter((f) => hasGeo || !getRenderer(f)!.needsGeo);
    return links(`${ctx.config.baseUrl}${API}/catalog/datasets/${encodeURIComponent(ds.dataset_id)}/exports`, formats);
  });

  app.get(`${API}/catalog/datasets/:dataset_id/exports/:format`, async (req: Req, reply) => {
    const ds = visibleDataset(ctx, req, req.params.dataset_id);
    return sendExport(ctx, req, reply, ds, req.params.format, recordsQuery(req.query), accessRules(req, ds), ds.dataset_id, true);
  });

  app.get(`${API}/catalog/datasets/:dataset_id/attachments`, async (req: Req) => {
    visibleDataset(ctx, req, req.params.dataset_id);
    return { _links: [], attachments: [] };
  });

  app.get(`${API}/catalog/exports`, async () => links(`${ctx.config.baseUrl}${API}/catalog/exports`, [...CATALOG_RECORD_FORMATS, ...catalogFeedFormats()]));

  app.get(`${API}/catalog/exports/:format`, async (req: Req, reply) => {
    const format = req.params.format;
    const feed = getCatalogFeed(format);
    if (feed) return feed(ctx, req, reply);
    if (!CATALOG_RECORD_FORMATS.includes(format)) {
      throw new AgoraError('EXPORT_FORMAT_UNKNOWN', `Unknown catalog export format "${format}". Accepted formats: ${[...CATALOG_RECORD_FORMATS, ...catalogFeedFormats()].join(', ')}.`);
    }
    const { dataset, access } = await catalogSource(ctx, visibleDatasets(ctx, req), req);
    return sendExport(ctx, req, reply, dataset, format, recordsQuery(req.query), access, 'catalog', false);
  });
}
