// The DCAT-AP 3.0 catalog feed: picks the syntax (?format or Accept), pages on request and streams
// the graph dataset by dataset, so a catalog of any size never sits whole in memory.
import { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AgoraError } from '../../core/errors.ts';
import type { Dataset } from '../../core/types.ts';
import type { AppContext } from '../../server/context.ts';
import { negotiate, type Choice } from '../negotiate.ts';
import { bool, includeExports, pageRequest, queryOf, str, withParams } from '../params.ts';
import { SYNTAXES, type RdfSyntax, type SyntaxName } from '../rdf/syntaxes.ts';
import { selectedDatasets } from '../catalog-selection.ts';
import { portalContactEmail } from '../portal-facts.ts';
import { DcatGraph, type DcatOptions } from './graph.ts';

/** ODS spellings of the DCAT-AP exports; all serve DCAT-AP 3.0 for now. */
export const DCAT_FORMATS = ['dcat', ...['ch', 'de', 'se', 'sp', 'it', 'vl', 'benap'].flatMap((c) => [`dcat_ap_${c}`, `dcat-ap-${c}`])];

const CHOICES: Choice<SyntaxName>[] = [
  { value: 'turtle', mediaTypes: ['text/turtle', 'application/x-turtle'], names: ['ttl', 'turtle'] },
  { value: 'jsonld', mediaTypes: ['application/ld+json'], names: ['jsonld', 'json-ld'] },
  { value: 'rdfxml', mediaTypes: ['application/rdf+xml', 'application/xml', 'text/xml'], names: ['rdf', 'rdfxml', 'xml'] },
];

export function pickSyntax(req: FastifyRequest, fixed?: SyntaxName): RdfSyntax {
  if (fixed) return SYNTAXES[fixed];
  const q = queryOf(req);
  const name = negotiate(CHOICES, 'rdfxml', str(q, 'format'), req.headers.accept);
  if (!name) {
    throw new AgoraError('EXPORT_FORMAT_UNKNOWN', `Unknown DCAT syntax "${str(q, 'format')}". Accepted format values: ${CHOICES.flatMap((c) => c.names).join(', ')}.`);
  }
  return SYNTAXES[name];
}

/** Text chunks of the whole feed; datasets are described `perBatch` at a time. */
export async function* dcatChunks(datasets: Dataset[], syntax: RdfSyntax, opts: DcatOptions, perBatch = 50): AsyncGenerator<string> {
  const graph = new DcatGraph(opts);
  yield syntax.open();
  yield syntax.batch(graph.header(), true);
  for (let i = 0; i < datasets.length; i += perBatch) {
    const quads = datasets.slice(i, i + perBatch).flatMap((ds, k) => graph.dataset(ds, i + k));
    yield syntax.batch(quads, false);
  }
  yield syntax.batch(graph.footer(), false);
  yield syntax.close();
}

export function dcatFeedHandler(fixed?: SyntaxName) {
  return async (ctx: AppContext, req: FastifyRequest, reply: FastifyReply): Promise<unknown> => {
    const q = queryOf(req);
    const syntax = pickSyntax(req, fixed);
    const include = includeExports(q);
    const all = await selectedDatasets(ctx, req);
    const paging = pageRequest(q);
    const baseUrl = ctx.config.baseUrl;
    const opts: DcatOptions = { baseUrl, portalName: ctx.config.portalName, includeExports: include, useLabels: bool(q, 'use_labels_in_exports') ?? true, contactEmail: portalContactEmail(ctx.config) };
    let datasets = all;
    if (paging) {
      const path = req.url.split('?')[0]!;
      opts.page = { ...paging, total: all.length, pageUrl: (p) => withParams(baseUrl, path, q, { page: p, page_size: paging.pageSize }) };
      datasets = all.slice((paging.page - 1) * paging.pageSize, paging.page * paging.pageSize);
      // The same paging as HTTP links (RFC 8288), for harvesters that follow headers.
      const last = Math.max(1, Math.ceil(all.length / paging.pageSize));
      const rels: Array<[string, number]> = [['first', 1], ['last', last]];
      if (paging.page > 1) rels.push(['prev', Math.min(paging.page - 1, last)]);
      if (paging.page < last) rels.push(['next', paging.page + 1]);
      reply.header('Link', rels.map(([rel, p]) => `<${opts.page!.pageUrl(p)}>; rel="${rel}"`).join(', '));
    }
    reply.header('Vary', 'Accept');
    reply.type(syntax.contentType);
    return reply.send(Readable.from(dcatChunks(datasets, syntax, opts)));
  };
}
