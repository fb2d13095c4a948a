// Who is calling: resolves the caller once per request (API key in `Authorization: Apikey KEY` or
// `?apikey=KEY`, a bad key is a 401; else the session cookie, with its CSRF check), counts the call
// against the rate limit of the key or the client IP (429 with the ODS quota body), and answers
// access.ts's questions for that caller.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AgoraError } from '../core/errors.ts';
import type { AccessRules } from '../core/request.ts';
import type { Dataset } from '../core/types.ts';
import {
  ANONYMOUS_CALLER, actorOf, callerFor, canSeeDataset, effectiveSecurity, ensureAudit, ensureGovernance, toAccessRules,
  type Caller, type GovernanceStore,
} from '../governance/index.ts';
import type { AppContext } from './context.ts';
import { CallCounter, parseLimit, type Limit } from './auth-ratelimit.ts';
import { SharedCounts } from './shared-counts.ts';
import { SessionStore } from '../governance/sessions.ts';
import { PasswordResets } from '../governance/resets.ts';
import { SESSION_COOKIE, checkCsrf, readCookie, registerSessionRoutes } from './auth-session.ts';
import { registerAuditRoutes } from './auth-audit.ts';
import { registerKeyRoutes } from './auth-keys.ts';
import { registerOidcRoutes } from './auth-oidc.ts';
import { registerResetRoutes } from './auth-reset.ts';
import { oidcConfigFromEnv, type OidcConfig } from '../governance/oidc.ts';
import { mailConfigFromEnv, type MailConfig } from '../governance/mail.ts';
import { portalInfo } from './web/portal-info.ts';
import { Refusals } from './refusals.ts';

export interface AuthOptions {
  /** Per anonymous client IP; null: unlimited. Default from AGORA_RATE_LIMIT_ANONYMOUS or 5000/hour. */
  anonymousLimit?: Limit | null;
  /** Per API key (or signed-in user); null: unlimited. Default from AGORA_RATE_LIMIT_APIKEY or 50000/hour. */
  keyLimit?: Limit | null;
  /** For tests: the clock of the counters. */
  clock?: () => number;
  /** How often the counts are shared with the other nodes of a shared store, in ms (default 1000). */
  shareEveryMs?: number;
  /** For tests: where password reset tokens go instead of the mail server or the console. */
  deliverReset?: (username: string, token: string) => void;
  /** The mail server for reset links; default from AGORA_SMTP_URL and AGORA_MAIL_FROM (none when unset). */
  mail?: MailConfig | null;
  /** OpenID Connect sign-in; default from AGORA_OIDC_* (none when AGORA_OIDC_ISSUER is unset). */
  oidc?: OidcConfig | null;
}

interface AuthState {
  store: GovernanceStore;
  caller: Caller;
  /** Who the quotas count against: the key id, else the client IP. */
  client: string;
  counter: CallCounter;
  /** Datasets whose api_calls_quota this request has already been counted against. */
  counted: Set<string>;
  refusals: Refusals;
}

const states = new WeakMap<FastifyRequest, AuthState>();

const SCHEME_RE = /^\s*apikey\s+(\S+)\s*$/i;

/** The CKAN Action API's paths, where CKAN clients' own spellings of the key are read too. */
const CKAN_ACTION_PATH = /^\/api\/(?:3\/)?action\//;

/** The key a request presents, or null when it presents none. Any other scheme is not ours. On the
 *  CKAN action routes, CKAN's spellings are read as well: the bare key as the whole Authorization
 *  header (CKAN API tokens; ckanapi sends it so) and the X-CKAN-API-Key header. Two different keys
 *  presented at once are refused as a bad key (''). */
export function presentedKey(req: FastifyRequest): string | null {
  const h = req.headers.authorization;
  if (typeof h === 'string' && /^\s*apikey(\s|$)/i.test(h)) return SCHEME_RE.exec(h)?.[1] ?? '';
  if (CKAN_ACTION_PATH.test(req.url)) {
    const x = req.headers['x-ckan-api-key'];
    const bare = typeof h === 'string' && /^\s*[^\s]+\s*$/.test(h) ? h.trim() : undefined;
    const header = typeof x === 'string' ? x.trim() : Array.isArray(x) ? '' : undefined;
    if (bare !== undefined && header !== undefined) return bare === header ? bare : '';
    if (bare !== undefined) return bare;
    if (header !== undefined) return header;
  }
  const q = (req.query as Record<string, unknown> | undefined)?.apikey;
  if (typeof q === 'string') return q;
  if (Array.isArray(q) && typeof q[0] === 'string') return q[0];
  return null;
}

/** Request URLs as logged: the values of the apikey and token (password-reset link) parameters are
 *  never written to a log. */
export function redactUrl(url: string): string {
  return url.replace(/([?&](?:apikey|token|pushkey)=)[^&#]*/gi, '$1[redacted]');
}

export async function registerAuth(app: FastifyInstance, ctx: AppContext, opts: AuthOptions = {}): Promise<void> {
  const store = await ensureGovernance(ctx);
  const env = process.env;
  const anonymousLimit = opts.anonymousLimit !== undefined ? opts.anonymousLimit
    : parseLimit(env.AGORA_RATE_LIMIT_ANONYMOUS, { limit: 5000, unit: 'hour' }, 'AGORA_RATE_LIMIT_ANONYMOUS');
  const keyLimit = opts.keyLimit !== undefined ? opts.keyLimit
    : parseLimit(env.AGORA_RATE_LIMIT_APIKEY, { limit: 50000, unit: 'hour' }, 'AGORA_RATE_LIMIT_APIKEY');
  // On a store several nodes share, the counts are the cluster's (about a second behind).
  let shared: SharedCounts | null = null;
  if (ctx.backend.dialectName !== 'duckdb') {
    shared = new SharedCounts(ctx.backend, opts.shareEveryMs ?? 1000, opts.clock);
    await shared.open();
    app.addHook('onClose', async () => { shared?.close(); });
  }
  const counter = new CallCounter(opts.clock, shared);
  const sessions = new SessionStore(ctx.backend, store);
  await sessions.open();
  const audit = await ensureAudit(ctx);
  const resets = new PasswordResets(ctx.backend, store);
  await resets.open();
  const portal = portalInfo(ctx, env);
  await registerResetRoutes(app, {
    resets, deliverReset: opts.deliverReset, shared: shared ? ctx.backend : null,
    mail: opts.mail !== undefined ? opts.mail : mailConfigFromEnv(env, ctx.config.baseUrl, ctx.config.portalName),
    baseUrl: ctx.config.baseUrl, portalName: ctx.config.portalName, languages: portal.languages, defaultLanguage: portal.default_language,
    onReset: (req, username, action, detail) => audit.record({ actor: action === 'confirm' ? `user:${username}` : 'anonymous', action: `password_reset.${action}`, target: username, ip: req.ip, detail }),
  });
  await registerSessionRoutes(app, {
    store, sessions, shared: shared ? ctx.backend : null,
    onLogin: (req, username, ok) => audit.record({ actor: ok ? `user:${username}` : 'anonymous', action: ok ? 'login.success' : 'login.failure', target: username, ip: req.ip }),
  });
  await registerAuditRoutes(app, audit);
  const refusals = new Refusals(audit, opts.clock);
  app.addHook('onClose', async () => { await refusals.settled(); });
  // Refused access: every 401 and 403 answer (a bad key, no sign-in, a missing permission), and a 404
  // for a dataset named in the route that exists but that the caller may not see.
  app.addHook('onResponse', async (req, reply) => {
    const state = states.get(req);
    // A failed sign-in is audited as login.failure by the session routes.
    if ((reply.statusCode === 401 || reply.statusCode === 403) && req.routeOptions?.url !== '/api/auth/login') {
      const actor = state ? actorOf(state.caller.user) : presentedKey(req) !== null ? 'bad-key' : 'anonymous';
      const key = state?.caller.key ? { key_id: state.caller.key.keyId } : {};
      refusals.note(req, actor, req.routeOptions?.url ?? req.url.split('?')[0], { status: reply.statusCode, ...key });
    } else if (reply.statusCode === 404 && state) {
      const p = (req.params ?? {}) as Record<string, string | undefined>;
      const ds = p.dataset_id ? ctx.catalog.find(p.dataset_id) : p.uid ? ctx.catalog.findByUid(p.uid) : undefined;
      if (ds && !canSeeDataset(state.store, state.caller, ds)) noteDatasetRefused(req, ds);
    }
  });
  await registerKeyRoutes(app, store, audit);
  const oidc = opts.oidc !== undefined ? opts.oidc : oidcConfigFromEnv(env, ctx.config.baseUrl);
  if (oidc) await registerOidcRoutes(app, { config: oidc, store, sessions, audit });

  app.addHook('onRequest', async (req, reply) => {
    const presented = presentedKey(req);
    let caller = ANONYMOUS_CALLER;
    if (presented !== null) {
      const found = presented ? store.authenticateKey(presented) : null;
      if (!found) throw new AgoraError('UNAUTHORIZED', 'Invalid API key: it is unknown, revoked, or its user is inactive.');
      caller = callerFor(store, found.user, found.key);
    } else {
      const sid = readCookie(req, SESSION_COOKIE);
      const found = sid ? await sessions.find(sid) : null;
      if (found) {
        if (req.url.split('?')[0] !== '/api/auth/login') checkCsrf(req, found.session.csrfToken);
        caller = callerFor(store, found.user);
      }
    }
    const client = caller.key ? `key:${caller.key.keyId}` : caller.user ? `user:${caller.user.username}` : `ip:${req.ip}`;
    states.set(req, { store, caller, client, counter, counted: new Set(), refusals });
    const limit = caller.user ? keyLimit : anonymousLimit;
    // Pushes are authorised by their push key, not counted as anonymous calls (a gateway sends many).
    if (limit && req.url.startsWith('/api/') && !req.url.startsWith('/api/push/')) {
      const who = caller.key ? 'this API key' : caller.user ? 'this user' : 'anonymous calls from this address';
      const usage = counter.hit(client, limit, `Too many requests for ${who}: the limit is ${limit.limit} calls per ${limit.unit}.`);
      reply.header('X-RateLimit-Limit', String(usage.limit));
      reply.header('X-RateLimit-Remaining', String(usage.remaining));
      reply.header('X-RateLimit-Reset', String(Math.ceil(usage.reset / 1000)));
    }
  });
}

/** The caller of a request (anonymous when no identity was resolved, e.g. outside HTTP). */
export function callerOf(req: FastifyRequest): Caller {
  return states.get(req)?.caller ?? ANONYMOUS_CALLER;
}

export function governanceOf(req: FastifyRequest): GovernanceStore | null {
  return states.get(req)?.store ?? null;
}

/** Without a resolved identity (no auth hook, e.g. the CLI building a feed): public datasets only. */
export function callerCanSee(req: FastifyRequest, ds: Dataset): boolean {
  const s = states.get(req);
  if (!s) return ds.is_published && !ds.is_restricted;
  return canSeeDataset(s.store, s.caller, ds);
}

/** Records (after the answer) that the caller asked by name for a dataset they may not see. */
export function noteDatasetRefused(req: FastifyRequest, ds: Dataset): void {
  const s = states.get(req);
  if (!s) return;
  const key = s.caller.key ? { key_id: s.caller.key.keyId } : {};
  s.refusals.note(req, actorOf(s.caller.user), ds.dataset_uid, { status: 404, dataset_id: ds.dataset_id, restricted: ds.is_restricted, published: ds.is_published, ...key });
}

/** The caller's effective rules on a dataset; a data call (`countQuota`) is counted once against
 *  its api_calls_quota, a description of the dataset is not. */
export function callerRules(req: FastifyRequest, ds: Dataset, countQuota = true): AccessRules {
  const s = states.get(req);
  if (!s) return {};
  const sec = effectiveSecurity(s.store, s.caller, ds);
  const quota = sec?.api_calls_quota;
  if (countQuota && quota && !s.counted.has(ds.dataset_uid)) {
    s.counted.add(ds.dataset_uid);
    s.counter.hit(`ds:${ds.dataset_uid}:${s.caller.user ? `user:${s.caller.user.username}` : s.client}`, quota,
      `Too many requests on dataset ${ds.dataset_id}: the limit is ${quota.limit} calls per ${quota.unit}.`);
  }
  return toAccessRules(sec);
}
