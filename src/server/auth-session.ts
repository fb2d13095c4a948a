// Browser sign-in: POST /api/auth/login sets an HTTP-only, Secure, SameSite=Lax session cookie and
// returns the CSRF token that every unsafe cookie-authenticated request must echo in X-CSRF-Token;
// GET /api/auth/session and POST /api/auth/logout (password resets: auth-reset.ts). Failed logins are
// throttled per username and IP.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Backend } from '../storage/backend.ts';
import { AgoraError } from '../core/errors.ts';
import { DOMAIN_PERMISSIONS, type GovernanceStore } from '../governance/index.ts';
import { callerFor, holdsPermission } from '../governance/rules.ts';
import { LoginThrottle, SessionStore, ABSOLUTE_MS } from '../governance/sessions.ts';

export const SESSION_COOKIE = 'agora_session';
export const CSRF_HEADER = 'x-csrf-token';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function readCookie(req: FastifyRequest, name: string): string | null {
  const h = req.headers.cookie;
  if (!h) return null;
  for (const part of h.split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return decodeURIComponent(part.slice(i + 1).trim());
  }
  return null;
}

export function setSessionCookie(reply: FastifyReply, id: string): void {
  reply.header('Set-Cookie', `${SESSION_COOKIE}=${id}; Path=/; HttpOnly; Secure; SameSite=Lax; Max-Age=${ABSOLUTE_MS / 1000}`);
}

function clearSessionCookie(reply: FastifyReply): void {
  reply.header('Set-Cookie', `${SESSION_COOKIE}=; Path=/; HttpOnly; Secure; SameSite=Lax; Max-Age=0`);
}

/** Cookie-authenticated unsafe requests must carry the session's CSRF token (API keys need not:
 *  a browser never sends them on its own). */
export function checkCsrf(req: FastifyRequest, csrfToken: string): void {
  if (!UNSAFE.has(req.method)) return;
  const sent = req.headers[CSRF_HEADER];
  if (typeof sent !== 'string' || sent !== csrfToken) {
    throw new AgoraError('FORBIDDEN', 'CSRF token missing or invalid: send the X-CSRF-Token header given at sign-in.');
  }
}

export interface SessionRouteDeps {
  store: GovernanceStore;
  sessions: SessionStore;
  users?: LoginThrottle;
  ips?: LoginThrottle;
  /** A store several nodes share: failed sign-ins are counted in it, for the whole cluster. */
  shared?: Backend | null;
  onLogin?: (req: FastifyRequest, username: string, ok: boolean) => Promise<void>;
}

export function jsonBody(req: FastifyRequest, keys: string[]): Record<string, string> {
  if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) {
    throw new AgoraError('PARAMETER_INVALID', `Send a JSON body {${keys.map((k) => `"${k}"`).join(', ')}} (Content-Type: application/json).`);
  }
  const body = req.body as Record<string, unknown> | null;
  const out: Record<string, string> = {};
  for (const k of keys) {
    if (typeof body?.[k] !== 'string' || !body[k]) throw new AgoraError('PARAMETER_INVALID', `"${k}" is required.`);
    out[k] = body[k] as string;
  }
  return out;
}

export async function registerSessionRoutes(app: FastifyInstance, d: SessionRouteDeps): Promise<void> {
  const on = (scope: string) => (d.shared ? { backend: d.shared, scope } : null);
  const users = d.users ?? new LoginThrottle(5, undefined, undefined, on('login-user'));
  const ips = d.ips ?? new LoginThrottle(20, undefined, undefined, on('login-ip'));

  app.post('/api/auth/login', async (req, reply) => {
    const { username, password } = jsonBody(req, ['username', 'password']);
    const userKey = `user:${username.toLowerCase()}`;
    const ipKey = `ip:${req.ip}`;
    await users.check([userKey]);
    await ips.check([ipKey]);
    const user = await d.store.checkPassword(username, password);
    await d.onLogin?.(req, username, !!user);
    if (!user) {
      await users.fail([userKey]);
      await ips.fail([ipKey]);
      throw new AgoraError('UNAUTHORIZED', 'Unknown username or wrong password.');
    }
    await users.succeed(userKey);
    // A session id presented before sign-in is never promoted: it is destroyed and a new one issued.
    const previous = readCookie(req, SESSION_COOKIE);
    if (previous) await d.sessions.destroy(previous);
    const { id, session } = await d.sessions.create(user);
    setSessionCookie(reply, id);
    return { username: user.username, is_admin: user.isAdmin, csrf_token: session.csrfToken };
  });

  app.get('/api/auth/session', async (req) => {
    const id = readCookie(req, SESSION_COOKIE);
    const found = id ? await d.sessions.find(id) : null;
    if (!found) throw new AgoraError('UNAUTHORIZED', 'Not signed in.');
    // permissions: the domain permissions the account holds (its own and its groups'; all for an
    // admin), so the back office shows only the actions the server would allow.
    const caller = callerFor(d.store, found.user);
    const permissions = DOMAIN_PERMISSIONS.filter((p) => holdsPermission(d.store, caller, p));
    return { username: found.user.username, is_admin: found.user.isAdmin, groups: caller.groups, permissions, csrf_token: found.session.csrfToken };
  });

  app.post('/api/auth/logout', async (req, reply) => {
    const id = readCookie(req, SESSION_COOKIE);
    if (id) await d.sessions.destroy(id);
    clearSessionCookie(reply);
    return reply.status(204).send();
  });
}
