// OpenID Connect sign-in routes, present only when AGORA_OIDC_ISSUER is set: GET /api/auth/oidc/login
// redirects to the issuer (state bound to this browser by an HTTP-only cookie, nonce, PKCE);
// GET /api/auth/oidc/callback verifies everything, opens a session like a password sign-in, and
// redirects to the portal. The identity maps to a local user (created on first sign-in if allowed).
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AgoraError } from '../core/errors.ts';
import type { AuditLog, GovernanceStore } from '../governance/index.ts';
import { OidcClient, usernameFromClaims, type OidcConfig } from '../governance/oidc.ts';
import type { SessionStore } from '../governance/sessions.ts';
import { SESSION_COOKIE, readCookie, setSessionCookie } from './auth-session.ts';

const STATE_COOKIE = 'agora_oidc_state';
const PENDING_MS = 10 * 60 * 1000;

export interface OidcRouteDeps { config: OidcConfig; store: GovernanceStore; sessions: SessionStore; audit: AuditLog; clock?: () => number }

export async function registerOidcRoutes(app: FastifyInstance, d: OidcRouteDeps): Promise<void> {
  const clock = d.clock ?? Date.now;
  const client = new OidcClient(d.config, clock);
  const pending = new Map<string, { nonce: string; verifier: string; expires: number }>();

  app.get('/api/auth/oidc', async () => ({ enabled: true, issuer: d.config.issuer, login: '/api/auth/oidc/login' }));

  app.get('/api/auth/oidc/login', async (_req, reply) => {
    const s = await client.start();
    const now = clock();
    for (const [k, v] of pending) if (v.expires < now) pending.delete(k);
    pending.set(s.state, { nonce: s.nonce, verifier: s.verifier, expires: now + PENDING_MS });
    reply.header('Set-Cookie', `${STATE_COOKIE}=${s.state}; Path=/api/auth/oidc; HttpOnly; Secure; SameSite=Lax; Max-Age=${PENDING_MS / 1000}`);
    return reply.redirect(s.url, 302);
  });

  app.get('/api/auth/oidc/callback', async (req: FastifyRequest<{ Querystring: Record<string, string | undefined> }>, reply) => {
    const q = req.query;
    if (q.error) throw new AgoraError('UNAUTHORIZED', `OpenID Connect sign-in failed: the issuer answered ${q.error}${q.error_description ? ` (${q.error_description})` : ''}.`);
    const state = q.state ?? '';
    const mine = readCookie(req, STATE_COOKIE);
    const p = pending.get(state);
    pending.delete(state);
    if (!state || !p || mine !== state || p.expires < clock()) throw new AgoraError('UNAUTHORIZED', 'OpenID Connect sign-in failed: unknown, expired or foreign sign-in state.');
    if (!q.code) throw new AgoraError('UNAUTHORIZED', 'OpenID Connect sign-in failed: no authorization code.');
    const claims = await client.finish(q.code, p.verifier, p.nonce);
    const username = usernameFromClaims(claims);
    let user = d.store.findUser(username);
    if (!user && d.config.autoCreate) {
      const email = typeof claims.email === 'string' && claims.email_verified !== false ? claims.email : null;
      user = await d.store.addUser({ username, password: randomBytes(32).toString('base64url'), email });
      await d.audit.record({ actor: `oidc:${d.config.issuer}`, action: 'user.add', target: username, detail: { sub: claims.sub }, ip: req.ip });
    }
    if (!user || !user.isActive) {
      await d.audit.record({ actor: 'anonymous', action: 'login.failure', target: username, detail: { via: 'oidc' }, ip: req.ip });
      throw new AgoraError('UNAUTHORIZED', `OpenID Connect sign-in failed: no active account for "${username}" on this portal.`);
    }
    const previous = readCookie(req, SESSION_COOKIE);
    if (previous) await d.sessions.destroy(previous);
    const { id } = await d.sessions.create(user);
    await d.audit.record({ actor: `user:${user.username}`, action: 'login.success', target: user.username, detail: { via: 'oidc', sub: claims.sub }, ip: req.ip });
    setSessionCookie(reply, id);
    reply.header('Set-Cookie', [String(reply.getHeader('Set-Cookie')), `${STATE_COOKIE}=; Path=/api/auth/oidc; HttpOnly; Secure; SameSite=Lax; Max-Age=0`]);
    return reply.redirect('/', 302);
  });
}
