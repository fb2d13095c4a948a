// The ODS `dublin_core` catalog export: every visible dataset described with the fifteen Dublin
// Core elements (dc:, http://purl.org/dc/elements/1.1/) as RDF, in the syntax negotiated like
// the DCAT feed (RDF/XML by default), streamed dataset by dataset; the catalog query parameters
// select the datasets. Reads the catalog only.
import { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Dataset } from '../core/types.ts';
import type { AppContext } from '../server/context.ts';
import { pickSyntax } from './dcat/feed.ts';
import { datasetExportFormats, datasetPageUrl, exportUrl } from './formats.ts';
import { licenceOf } from './licences.ts';
import * as m from './metas-read.ts';
import { queryOf, pageRequest } from './params.ts';
import { iri, node, text, triple, type Quad } from './rdf/terms.ts';
import type { RdfSyntax } from './rdf/syntaxes.ts';
import { languageTag } from './vocab.ts';
import { selectedDatasets } from './catalog-selection.ts';

const dc = (local: string) => iri('dc', local);

/** The Dublin Core description of one dataset. */
export function dublinCoreQuads(ds: Dataset, baseUrl: string, portalName: string): Quad[] {
  const s = node(datasetPageUrl(baseUrl, ds.dataset_id));
  const q: Quad[] = [
    triple(s, dc('identifier'), text(datasetPageUrl(baseUrl, ds.dataset_id))),
    triple(s, dc('title'), text(m.title(ds))),
    triple(s, dc('type'), text('Dataset')),
    triple(s, dc('publisher'), text(m.publisherName(ds, portalName))),
  ];
  const description = m.description(ds);
  if (description) q.push(triple(s, dc('description'), text(description)));
  for (const k of new Set([...m.themes(ds), ...m.keywords(ds)])) q.push(triple(s, dc('subject'), text(k)));
  const creator = ds.metas.dcat.creator?.trim();
  if (creator) q.push(triple(s, dc('creator'), text(creator)));
  const modified = m.modified(ds);
  if (modified) q.push(triple(s, dc('date'), text(modified)));
  const lang = languageTag(ds.metas.default.language);
  if (lang) q.push(triple(s, dc('language'), text(lang)));
  const lic = licenceOf(ds);
  if (lic) q.push(triple(s, dc('rights'), text(lic.url ? `${lic.title} (${lic.url})` : lic.title)));
  const refs = ds.metas.default.references?.trim();
  if (refs) q.push(triple(s, dc('source'), text(refs)));
  const place = m.spatialText(ds);
  if (place) q.push(triple(s, dc('coverage'), text(place)));
  const period = m.temporal(ds);
  if (period) q.push(triple(s, dc('coverage'), text(period.start && period.end ? `${period.start}/${period.end}` : period.raw)));
  for (const f of datasetExportFormats(ds)) {
    q.push(triple(s, dc('format'), text(f.mediaType)));
    q.push(triple(s, dc('relation'), text(exportUrl(baseUrl, ds.dataset_id, f.format))));
  }
  return q;
}

async function* chunks(datasets: Dataset[], syntax: RdfSyntax, baseUrl: string, portalName: string, perBatch = 100): AsyncGenerator<string> {
  yield syntax.open();
  for (let i = 0; i < datasets.length; i += perBatch) {
    const quads = datasets.slice(i, i + perBatch).flatMap((ds) => dublinCoreQuads(ds, baseUrl, portalName));
    yield syntax.batch(quads, i === 0);
  }
  yield syntax.close();
}

export async function sendDublinCore(ctx: AppContext, req: FastifyRequest, reply: FastifyReply): Promise<unknown> {
  const syntax = pickSyntax(req);
  const all = await selectedDatasets(ctx, req);
  const paging = pageRequest(queryOf(req));
  const datasets = paging ? all.slice((paging.page - 1) * paging.pageSize, paging.page * paging.pageSize) : all;
  reply.header('Vary', 'Accept');
  reply.type(syntax.contentType);
  return reply.send(Readable.from(chunks(datasets, syntax, ctx.config.baseUrl, ctx.config.portalName)));
}
