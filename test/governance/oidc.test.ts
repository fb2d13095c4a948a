// OpenID Connect sign-in against a fake issuer served on a local port (discovery, JWKS, token
// endpoint checking PKCE), with RS256 ID tokens signed here by node:crypto: the happy path opens a
// session; a foreign state, a replayed state, a wrong audience, nonce or signature, an expired
// token and an unknown user without auto-creation are all refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { closePortal, openPortal } from '../../src/server/portal.ts';
import { buildApp } from '../../src/server/app.ts';
import type { AppContext } from '../../src/server/context.ts';
import { ensureGovernance } from '../../src/governance/index.ts';

const CLIENT_ID = 'agora-portal';
const issuerKey = generateKeyPairSync('rsa', { modulusLength: 2048 });
const rogueKey = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ecKey = generateKeyPairSync('ec', { namedCurve: 'P-256' });
let idp: FastifyInstance;
let issuer = '';
/** code → what the token endpoint answers, and the PKCE challenge it must see verified. */
const codes = new Map<string, { challenge: string; claims: Record<string, unknown>; key: KeyObject }>();

function jwt(claims: Record<string, unknown>, key: KeyObject): string {
  const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const ec = key.asymmetricKeyType === 'ec';
  const head = enc({ alg: ec ? 'ES256' : 'RS256', kid: ec ? 'k2' : 'k1', typ: 'JWT' });
  const body = enc(claims);
  const sig = ec ? sign('SHA256', Buffer.from(`${head}.${body}`), { key, dsaEncoding: 'ieee-p1363' }) : sign('RSA-SHA256', Buffer.from(`${head}.${body}`), key);
  return `${head}.${body}.${sig.toString('base64url')}`;
}

let ctx: AppContext;
let app: FastifyInstance;

beforeAll(async () => {
  idp = Fastify();
  idp.get('/.well-known/openid-configuration', async () => ({
    issuer, authorization_endpoint: `${issuer}/authorize`, token_endpoint: `${issuer}/token`, jwks_uri: `${issuer}/jwks`,
  }));
  idp.get('/jwks', async () => ({ keys: [
    { ...issuerKey.publicKey.export({ format: 'jwk' }), kid: 'k1', use: 'sig', alg: 'RS256' },
    { ...ecKey.publicKey.export({ format: 'jwk' }), kid: 'k2', use: 'sig', alg: 'ES256' },
  ] }));
  idp.post('/token', async (req, reply) => {
    const form = req.body as Record<string, string>;
    const c = codes.get(form.code);
    codes.delete(form.code);
    if (!c || form.client_id !== CLIENT_ID || form.client_secret !== 's3cret') return reply.status(400).send({ error: 'invalid_grant' });
    if (createHash('sha256').update(form.code_verifier).digest('base64url') !== c.challenge) return reply.status(400).send({ error: 'invalid_grant', error_description: 'PKCE' });
    return { access_token: 'x', token_type: 'Bearer', id_token: jwt(c.claims, c.key) };
  });
  idp.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))));
  await idp.listen({ port: 0, host: '127.0.0.1' });
  const addr = idp.server.address() as { port: number };
  issuer = `http://127.0.0.1:${addr.port}`;

  process.env.AGORA_RATE_LIMIT_ANONYMOUS = 'off';
  process.env.AGORA_OUTBOUND_ALLOW = '127.0.0.1'; // the fake issuer listens on the loopback interface
  process.env.AGORA_OIDC_ISSUER = issuer;
  process.env.AGORA_OIDC_CLIENT_ID = CLIENT_ID;
  process.env.AGORA_OIDC_CLIENT_SECRET = 's3cret';
  ctx = await openPortal({ inMemory: true, baseUrl: 'http://portal.test' });
  const gov = await ensureGovernance(ctx);
  await gov.addUser({ username: 'ana', password: 'ana-password', email: 'ana@city.example' });
  app = await buildApp(ctx, { web: false });
});
afterAll(async () => {
  for (const k of ['AGORA_RATE_LIMIT_ANONYMOUS', 'AGORA_OUTBOUND_ALLOW', 'AGORA_OIDC_ISSUER', 'AGORA_OIDC_CLIENT_ID', 'AGORA_OIDC_CLIENT_SECRET', 'AGORA_OIDC_AUTO_CREATE']) delete process.env[k];
  await app?.close(); await idp?.close(); if (ctx) await closePortal(ctx);
});

/** Starts a sign-in at Agora and "authenticates" at the fake issuer: returns what the browser holds. */
async function signIn(claims: (nonce: string) => Record<string, unknown>, key: KeyObject = issuerKey.privateKey, via: FastifyInstance = app) {
  const start = await via.inject({ url: '/api/auth/oidc/login' });
  expect(start.statusCode).toBe(302);
  const to = new URL(String(start.headers.location));
  expect(to.origin + to.pathname).toBe(`${issuer}/authorize`);
  expect(to.searchParams.get('code_challenge_method')).toBe('S256');
  expect(to.searchParams.get('client_id')).toBe(CLIENT_ID);
  const state = to.searchParams.get('state')!;
  const code = `code-${state.slice(0, 8)}`;
  codes.set(code, { challenge: to.searchParams.get('code_challenge')!, claims: claims(to.searchParams.get('nonce')!), key });
  const stateCookie = String(start.headers['set-cookie']).split(';')[0];
  return { state, code, stateCookie };
}
const callback = (state: string, code: string, cookie: string) => app.inject({ url: `/api/auth/oidc/callback?state=${state}&code=${code}`, headers: { cookie } });
const good = (extra: Record<string, unknown> = {}) => (nonce: string) => ({
  iss: issuer, aud: CLIENT_ID, sub: 'abc-123', preferred_username: 'ana', nonce, iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + 300, ...extra,
});

describe('OpenID Connect sign-in', () => {
  it('signs a known user in with a session cookie, then redirects to the portal', async () => {
    const { state, code, stateCookie } = await signIn(good());
    const r = await callback(state, code, stateCookie);
    expect(r.statusCode, r.body).toBe(302);
    expect(r.headers.location).toBe('/');
    const cookies = ([] as string[]).concat(r.headers['set-cookie'] as string | string[]);
    const session = cookies.find((c) => c.startsWith('agora_session='))!;
    expect(session).toMatch(/HttpOnly/);
    const me = await app.inject({ url: '/api/auth/session', headers: { cookie: session.split(';')[0] } });
    expect(me.json()).toMatchObject({ username: 'ana' });
  });
  it('accepts ES256 ID tokens from the issuer\'s EC key', async () => {
    const { state, code, stateCookie } = await signIn(good(), ecKey.privateKey);
    expect((await callback(state, code, stateCookie)).statusCode).toBe(302);
  });
  it('refuses a state from another browser, and a state used twice', async () => {
    const a = await signIn(good());
    const b = await signIn(good());
    expect((await callback(a.state, a.code, b.stateCookie)).statusCode).toBe(401);
    const ok = await signIn(good());
    expect((await callback(ok.state, ok.code, ok.stateCookie)).statusCode).toBe(302);
    expect((await callback(ok.state, ok.code, ok.stateCookie)).statusCode).toBe(401);
  });
  it('refuses tokens for another client, with another nonce, expired, or signed by another key', async () => {
    for (const [what, claims, key] of [
      ['audience', good({ aud: 'someone-else' }), issuerKey.privateKey],
      ['nonce', good({ nonce: 'replayed' }), issuerKey.privateKey],
      ['expiry', good({ exp: Math.floor(Date.now() / 1000) - 3600 }), issuerKey.privateKey],
      ['issuer', good({ iss: 'https://evil.example' }), issuerKey.privateKey],
      ['signature', good(), rogueKey.privateKey],
    ] as const) {
      const s = await signIn(claims, key);
      const r = await callback(s.state, s.code, s.stateCookie);
      expect(r.statusCode, what).toBe(401);
      expect(r.json().message, what).toMatch(/OpenID Connect sign-in failed/);
      expect(r.headers['set-cookie'], what).toBeUndefined();
    }
  });
  it('refuses an unknown user unless auto-creation is on', async () => {
    const s = await signIn(good({ preferred_username: 'newcomer' }));
    const r = await callback(s.state, s.code, s.stateCookie);
    expect(r.statusCode).toBe(401);
    expect(r.json().message).toContain('no active account for "newcomer"');
    expect(ctx.governance!.findUser('newcomer')).toBeUndefined();
  });
  it('creates the account on first sign-in when AGORA_OIDC_AUTO_CREATE is on', async () => {
    process.env.AGORA_OIDC_AUTO_CREATE = 'true';
    const app2 = await buildApp(ctx, { web: false });
    try {
      const s = await signIn(good({ preferred_username: 'newcomer', email: 'new@city.example', email_verified: true }), issuerKey.privateKey, app2);
      const r = await app2.inject({ url: `/api/auth/oidc/callback?state=${s.state}&code=${s.code}`, headers: { cookie: s.stateCookie } });
      expect(r.statusCode, r.body).toBe(302);
      expect(ctx.governance!.findUser('newcomer')).toMatchObject({ email: 'new@city.example', isAdmin: false, permissions: [] });
    } finally { await app2.close(); delete process.env.AGORA_OIDC_AUTO_CREATE; }
  });
});
