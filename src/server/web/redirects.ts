// Permanent redirects from the dataset addresses of other portals to Agora's pages, so links and
// bookmarks made before a city moved here keep working: CKAN's /dataset/<id> and Opendatasoft's
// /explore/dataset/<id>/<tab>/ (with its q= and refine.<field>=<value> parameters).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Opendatasoft's dataset tabs → the ?tab= of Agora's dataset page (information is the default). */
const ODS_TABS: Record<string, string> = { table: 'table', map: 'map', analyze: 'analyze', export: 'export', api: 'api' };

/** Agora's query string from an ODS explore URL's: q kept, refine.<f>=<v> → refine=<f>:<v>; the
 *  ODS-only display parameters (disjunctive., sort, location, basemap…) dropped. */
export function odsSearch(query: string): URLSearchParams {
  const from = new URLSearchParams(query);
  const out = new URLSearchParams();
  for (const [k, v] of from) {
    if (k === 'q' && v) out.append('q', v);
    else if (k.startsWith('refine.') && k.length > 7) out.append('refine', `${k.slice(7)}:${v}`);
    else if (k.startsWith('exclude.') && k.length > 8) out.append('exclude', `${k.slice(8)}:${v}`);
  }
  return out;
}

function queryOf(req: FastifyRequest): string {
  const i = req.url.indexOf('?');
  return i < 0 ? '' : req.url.slice(i + 1);
}

function redirect(reply: FastifyReply, path: string, search: URLSearchParams): FastifyReply {
  const q = search.toString();
  return reply.header('Cache-Control', 'public, max-age=86400').redirect(q ? `${path}?${q}` : path, 301);
}

const datasetPath = (id: string) => `/datasets/${encodeURIComponent(id)}`;

export function registerRedirects(app: FastifyInstance): void {
  // CKAN: the catalog (its ?q= search is the same parameter) and a dataset with its resource pages.
  app.get('/dataset', async (req, reply) => redirect(reply, '/datasets', new URLSearchParams(queryOf(req))));
  app.get<{ Params: { id: string } }>('/dataset/:id', async (req, reply) => redirect(reply, datasetPath(req.params.id), new URLSearchParams()));
  app.get<{ Params: { id: string } }>('/dataset/:id/*', async (req, reply) => redirect(reply, datasetPath(req.params.id), new URLSearchParams()));
  // Opendatasoft: the explore catalog and a dataset's tabs.
  app.get('/explore', async (req, reply) => redirect(reply, '/datasets', odsSearch(queryOf(req))));
  app.get<{ Params: { id: string } }>('/explore/dataset/:id', async (req, reply) => redirect(reply, datasetPath(req.params.id), odsSearch(queryOf(req))));
  app.get<{ Params: { id: string; tab: string } }>('/explore/dataset/:id/:tab', async (req, reply) => {
    const search = odsSearch(queryOf(req));
    const tab = ODS_TABS[req.params.tab];
    if (tab) search.set('tab', tab);
    return redirect(reply, datasetPath(req.params.id), search);
  });
}
