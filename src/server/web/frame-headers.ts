// Framing policy: only /embed/... may be shown inside another site's iframe
// (CSP frame-ancestors *); every other response may be framed by this origin only.
import type { FastifyInstance } from 'fastify';

export function isEmbedPath(url: string): boolean {
  return url === '/embed' || url.startsWith('/embed/') || url.startsWith('/embed?');
}

export function registerFrameHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (req, reply, payload) => {
    if (isEmbedPath(req.url)) {
      reply.removeHeader('x-frame-options');
      reply.header('Content-Security-Policy', 'frame-ancestors *');
    } else {
      if (!reply.hasHeader('x-frame-options')) reply.header('X-Frame-Options', 'SAMEORIGIN');
      if (!reply.hasHeader('content-security-policy')) reply.header('Content-Security-Policy', "frame-ancestors 'self'");
    }
    return payload;
  });
}
