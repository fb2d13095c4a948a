// Catalog-level feeds registered into the server's feed registry (catalog/exports/{format}):
// DCAT-AP in every ODS spelling, rdf/ttl, data.json, RSS and Dublin Core. Handlers only read the catalog.
import { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../server/context.ts';
import { registerCatalogFeed } from '../server/feeds.ts';
import { DCAT_FORMATS, dcatFeedHandler } from './dcat/feed.ts';
import { dataJsonChunks } from './datajson.ts';
import { includeExports, int, queryOf } from './params.ts';
import { portalContactEmail } from './portal-facts.ts';
import { recentlyChanged, rssDocument } from './rss.ts';
import { sendDublinCore } from './dublin-core.ts';
import { selectedDatasets } from './catalog-selection.ts';
import { describedDatasets } from './visibility.ts';

export async function sendDataJson(ctx: AppContext, req: FastifyRequest, reply: FastifyReply): Promise<unknown> {
  const include = includeExports(queryOf(req));
  const datasets = await selectedDatasets(ctx, req);
  const opts = { baseUrl: ctx.config.baseUrl, portalName: ctx.config.portalName, contactEmail: portalContactEmail(ctx.config), includeExports: include };
  reply.type('application/json; charset=utf-8');
  return reply.send(Readable.from(dataJsonChunks(datasets, opts)));
}

export async function sendRss(ctx: AppContext, req: FastifyRequest, reply: FastifyReply): Promise<unknown> {
  const limit = int(queryOf(req), 'limit', 1, 1000) ?? 50;
  const selfUrl = `${ctx.config.baseUrl}${req.url}`;
  // Only the `limit` newest datasets are described (their record counts under the caller's rules).
  const newest = recentlyChanged(await selectedDatasets(ctx, req, { paging: false }), limit);
  const body = rssDocument(await describedDatasets(ctx, req, newest), { baseUrl: ctx.config.baseUrl, portalName: ctx.config.portalName, selfUrl, limit });
  reply.type('application/rss+xml; charset=utf-8');
  return reply.send(body);
}

let registered = false;

/** Idempotent: the registry is process-wide, apps built in tests share it. */
export function registerInteropFeeds(): void {
  if (registered) return;
  registered = true;
  for (const f of DCAT_FORMATS) registerCatalogFeed(f, dcatFeedHandler());
  registerCatalogFeed('rdf', dcatFeedHandler('rdfxml'));
  registerCatalogFeed('ttl', dcatFeedHandler('turtle'));
  registerCatalogFeed('jsonld', dcatFeedHandler('jsonld'));
  registerCatalogFeed('data.json', sendDataJson);
  registerCatalogFeed('rss', sendRss);
  registerCatalogFeed('dublin_core', sendDublinCore);
}
