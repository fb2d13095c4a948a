// The back office's branding over HTTP: GET/PUT /api/agora/v1/portal/branding and PUT/DELETE
// …/branding/logo for admins only (audited), GET /api/agora/v1/portal/logo for everyone.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { AgoraError } from '../../core/errors.ts';
import { actorOf, ensureAudit, type Caller } from '../../governance/index.ts';
import { callerOf } from '../auth.ts';
import { handleError } from '../errors.ts';
import { ensureBranding, type BrandingStore } from './branding-store.ts';
import { BrandingInvalid, checkLogo, LOGO_MAX_BYTES, parseBranding, type BrandingError } from './branding.ts';
import { LOGO_URL, portalInfo } from './portal-info.ts';

export const BRANDING_URL = '/api/agora/v1/portal/branding';
const IMAGE_TYPES = /^image\/[a-z0-9.+-]+$/i;

/** Admins only; an admin's API key needs the `admin` scope. */
function requireAdmin(c: Caller): void {
  if (!c.user) throw new AgoraError('UNAUTHORIZED', 'Authentication required to change the portal branding.');
  const scoped = !c.key || c.key.scopes.includes('admin'); // a key without the admin scope does not carry admin powers
  if (!c.user.isActive || !c.user.isAdmin || !scoped) throw new AgoraError('FORBIDDEN', 'Permission denied: the portal branding is changed by administrators only.');
}

/** 400 naming every refused field: `errors` as a list, `detail` by field (as the Automation API). */
function invalid(reply: FastifyReply, errors: BrandingError[]): FastifyReply {
  const detail: Record<string, string[]> = {};
  for (const e of errors) (detail[e.field] ??= []).push(e.message);
  return reply.status(400).send({
    message: `Invalid branding: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}.`,
    error_code: 'InvalidRESTParameterError', errors, detail,
  });
}

function settingsBody(ctx: AppContext, store: BrandingStore): Record<string, unknown> {
  const info = portalInfo(ctx);
  return { ...store.current(), has_logo: store.logo() !== null, effective: { name: info.name, logo: info.logo, colors: info.colors }, default_name: store.defaultName };
}

export async function registerBrandingRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const store = await ensureBranding(ctx);
  const audit = await ensureAudit(ctx);
  const record = (req: FastifyRequest, action: string, detail: Record<string, unknown>) => {
    const c = callerOf(req);
    return audit.record({ actor: actorOf(c.user), action, target: 'portal', ip: req.ip, detail: c.key ? { ...detail, key_id: c.key.keyId } : detail });
  };

  app.get(LOGO_URL, async (_req, reply) => {
    const logo = store.logo();
    if (!logo) throw new AgoraError('ROUTE_NOT_FOUND', 'No logo was uploaded in the back office.');
    // An SVG opened directly must not run scripts in the portal's origin.
    reply.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox");
    reply.header('X-Content-Type-Options', 'nosniff').header('Cache-Control', 'public, max-age=300');
    return reply.type(logo.type).send(logo.bytes);
  });

  await app.register(async (scope) => {
    scope.addContentTypeParser(IMAGE_TYPES, { parseAs: 'buffer', bodyLimit: LOGO_MAX_BYTES + 1 }, (_req, body, done) => done(null, body));
    scope.setErrorHandler((err: FastifyError, req, reply) => {
      if (err instanceof BrandingInvalid) return invalid(reply, err.errors);
      if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return invalid(reply, [{ field: 'logo', message: `the file is larger than ${LOGO_MAX_BYTES} bytes (1 MB), the limit` }]);
      if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return invalid(reply, [{ field: 'logo', message: 'send the image itself as the body, with an image/… Content-Type' }]);
      return handleError(err, req, reply);
    });

    scope.get(BRANDING_URL, async (req, reply) => {
      requireAdmin(callerOf(req));
      reply.header('Cache-Control', 'no-store');
      return settingsBody(ctx, store);
    });

    scope.put(BRANDING_URL, async (req) => {
      requireAdmin(callerOf(req));
      const next = parseBranding(req.body);
      const before = store.current();
      const changed = (Object.keys(next) as Array<keyof typeof next>).filter((k) => JSON.stringify(next[k]) !== JSON.stringify(before[k]));
      await store.save(next);
      ctx.config.portalName = store.name();
      await record(req, 'portal.branding.update', { changed });
      return settingsBody(ctx, store);
    });

    scope.put(`${BRANDING_URL}/logo`, async (req) => {
      requireAdmin(callerOf(req));
      if (!Buffer.isBuffer(req.body)) throw new BrandingInvalid([{ field: 'logo', message: 'send the image itself as the body, with an image/… Content-Type' }]);
      const logo = checkLogo(req.body);
      await store.save(store.current(), logo);
      await record(req, 'portal.logo.update', { type: logo.type, bytes: logo.bytes.length });
      return settingsBody(ctx, store);
    });

    scope.delete(`${BRANDING_URL}/logo`, async (req) => {
      requireAdmin(callerOf(req));
      await store.save(store.current(), null);
      await record(req, 'portal.logo.delete', {});
      return settingsBody(ctx, store);
    });
  });
}
