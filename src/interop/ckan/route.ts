// HTTP side of the CKAN Action API: GET (query string) and POST (JSON or form body) on
// /api/3/action/{name} and /api/action/{name}, CKAN's envelope and error statuses, "Bad request"
// for unknown actions.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isAgoraError } from '../../core/errors.ts';
import type { AppContext } from '../../server/context.ts';
import { CKAN_HANDLERS } from './actions.ts';
import { CkanError, helpUrl } from './envelope.ts';
import type { CkanData } from './params.ts';

async function handle(ctx: AppContext, req: FastifyRequest, reply: FastifyReply): Promise<unknown> {
  const { action } = req.params as { action: string };
  const handler = Object.hasOwn(CKAN_HANDLERS, action) ? CKAN_HANDLERS[action] : undefined;
  reply.type('application/json; charset=utf-8');
  if (!handler) return reply.status(400).send(JSON.stringify(`Bad request - Action name not known: ${action}`));
  let data: CkanData;
  if (req.method === 'POST') {
    if (req.body !== undefined && (typeof req.body !== 'object' || req.body === null || Array.isArray(req.body))) {
      return reply.status(400).send(JSON.stringify('Bad request - JSON Error: Request data JSON decoded to a non-dictionary but it needs to be a dictionary.'));
    }
    data = { ...(req.query as CkanData), ...((req.body as CkanData | undefined) ?? {}) };
  } else data = { ...(req.query as CkanData) };
  delete data.callback;
  const help = helpUrl(ctx.config.baseUrl, action);
  try {
    const result = await handler(ctx, req, data);
    return reply.send({ help, success: true, result });
  } catch (e) {
    const err = e instanceof CkanError ? e
      : isAgoraError(e) && e.status === 404 ? new CkanError('Not Found Error', `Not found: ${e.message}`)
        : isAgoraError(e) && e.status === 400 ? new CkanError('Validation Error', e.message, { query: [e.message] })
          : null;
    if (!err) throw e;
    return reply.status(err.status).send({ help, success: false, error: err.body() });
  }
}

/** An HTML-form body (CKAN also accepts those) as parameters; a repeated key becomes a list. */
export function formFields(body: string): CkanData {
  const out: CkanData = {};
  for (const [k, v] of new URLSearchParams(body)) {
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

export async function registerCkanRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  // An encapsulated scope, so the form-body parser applies to the CKAN routes only.
  await app.register(async (scope) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 1024 * 1024 }, (_req, body, done) => {
      done(null, formFields(String(body)));
    });
    for (const prefix of ['/api/3/action', '/api/action']) {
      scope.get(`${prefix}/:action`, (req, reply) => handle(ctx, req, reply));
      scope.post(`${prefix}/:action`, (req, reply) => handle(ctx, req, reply));
    }
    scope.get('/api/3', async () => ({ version: 3 }));
  });
}
