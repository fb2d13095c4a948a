// The answer to unknown addresses: a browser asking for a page gets the portal's HTML 404 page
// (the app shows it with a search box); API clients, assets and other methods get the JSON error.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { errorBody } from '../errors.ts';
import { pageHead, sendPage, PORTAL_INFO_URL } from './static.ts';
import { webDistDir, isWebBuilt } from './build.ts';

/** A navigation by a browser: GET/HEAD, HTML accepted, and not an address of the API or assets. */
export function wantsHtmlPage(req: FastifyRequest): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const path = req.url.split('?')[0];
  if (/^\/(api|assets)(\/|$)/.test(path)) return false;
  return /\btext\/html\b/.test(String(req.headers.accept ?? ''));
}

export function notFoundHandler(ctx: AppContext, withWeb: boolean) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    const dist = webDistDir();
    if (withWeb && wantsHtmlPage(req) && isWebBuilt(dist)) {
      const { head } = await pageHead(ctx, req, req.url.split('?')[0]);
      return sendPage(reply, dist, { ...head, preload: [PORTAL_INFO_URL] }, 404);
    }
    return reply.status(404).send(errorBody(`No route for ${req.method} ${req.url.split('?')[0]}`, 'NotFoundError'));
  };
}
