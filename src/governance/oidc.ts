// OpenID Connect sign-in (authorization code flow with PKCE) against a configured issuer: discovery,
// the authorization URL, the code exchange and ID token verification (RS256/ES256 signature from the
// issuer's JWKS, iss, aud, exp, nonce) with node:crypto. No HTTP routes here (server/auth-oidc.ts).
import { createHash, createPublicKey, randomBytes, verify as verifySignature, type webcrypto } from 'node:crypto';
import { AgoraError, isAgoraError } from '../core/errors.ts';
import { outboundFetch, readAll, type OutboundOptions } from '../outbound/index.ts';

type JsonWebKey = webcrypto.JsonWebKey & { kid?: string };

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string | null;
  redirectUri: string;
  /** Create a local account on first sign-in (otherwise the username must exist already). */
  autoCreate: boolean;
  scopes: string;
}

/** From AGORA_OIDC_ISSUER, _CLIENT_ID, _CLIENT_SECRET, _REDIRECT_URI, _AUTO_CREATE; null when no issuer is set. */
export function oidcConfigFromEnv(env: NodeJS.ProcessEnv, baseUrl: string): OidcConfig | null {
  const issuer = env.AGORA_OIDC_ISSUER?.trim();
  if (!issuer) return null;
  const clientId = env.AGORA_OIDC_CLIENT_ID?.trim();
  if (!clientId) throw new AgoraError('CONFIG_INVALID', 'AGORA_OIDC_ISSUER is set but AGORA_OIDC_CLIENT_ID is missing.');
  return {
    issuer: issuer.replace(/\/$/, ''), clientId, clientSecret: env.AGORA_OIDC_CLIENT_SECRET || null,
    redirectUri: env.AGORA_OIDC_REDIRECT_URI || `${baseUrl}/api/auth/oidc/callback`,
    autoCreate: /^(1|true|yes)$/i.test(env.AGORA_OIDC_AUTO_CREATE ?? ''), scopes: 'openid email profile',
  };
}

interface Discovery { issuer: string; authorization_endpoint: string; token_endpoint: string; jwks_uri: string }

function fail(message: string): AgoraError {
  return new AgoraError('UNAUTHORIZED', `OpenID Connect sign-in failed: ${message}`);
}

const b64url = (b: Buffer) => b.toString('base64url');

export class OidcClient {
  private discovery: Discovery | null = null;
  private jwks: JsonWebKey[] | null = null;
  constructor(readonly config: OidcConfig, private readonly clock: () => number = Date.now) {}

  /** Through the outbound module: an issuer on the server's own network needs AGORA_OUTBOUND_ALLOW. */
  private async getJson(url: string, init?: Pick<OutboundOptions, 'method' | 'headers' | 'body'>): Promise<Record<string, unknown>> {
    let status: number;
    let body: Record<string, unknown> | null;
    try {
      const res = await outboundFetch(url, { ...init, timeoutMs: 10_000, deadlineMs: 10_000, maxBytes: 2 ** 20, maxRedirects: 2 });
      status = res.status;
      const text = (await readAll(res)).toString('utf8');
      try { body = JSON.parse(text) as Record<string, unknown>; } catch { body = null; }
    } catch (e) {
      throw fail(`cannot reach ${url} (${isAgoraError(e) && typeof e.details.reason === 'string' ? e.details.reason : (e as Error).message})`);
    }
    if (status < 200 || status >= 300 || !body || typeof body !== 'object') throw fail(`${url} answered ${status}${body?.error ? ` (${String(body.error)})` : ''}`);
    return body;
  }

  async discover(): Promise<Discovery> {
    if (this.discovery) return this.discovery;
    const d = await this.getJson(`${this.config.issuer}/.well-known/openid-configuration`) as unknown as Discovery;
    if (d.issuer?.replace(/\/$/, '') !== this.config.issuer) throw fail(`the discovery document names issuer ${d.issuer}, not ${this.config.issuer}`);
    for (const k of ['authorization_endpoint', 'token_endpoint', 'jwks_uri'] as const) if (typeof d[k] !== 'string') throw fail(`the discovery document has no ${k}`);
    this.discovery = d;
    return d;
  }

  /** A fresh state, nonce and PKCE verifier, and the URL to send the browser to. */
  async start(): Promise<{ url: string; state: string; nonce: string; verifier: string }> {
    const d = await this.discover();
    const state = b64url(randomBytes(24));
    const nonce = b64url(randomBytes(24));
    const verifier = b64url(randomBytes(32));
    const u = new URL(d.authorization_endpoint);
    u.searchParams.set('response_type', 'code');
    u.searchParams.set('client_id', this.config.clientId);
    u.searchParams.set('redirect_uri', this.config.redirectUri);
    u.searchParams.set('scope', this.config.scopes);
    u.searchParams.set('state', state);
    u.searchParams.set('nonce', nonce);
    u.searchParams.set('code_challenge', b64url(createHash('sha256').update(verifier).digest()));
    u.searchParams.set('code_challenge_method', 'S256');
    return { url: u.toString(), state, nonce, verifier };
  }

  /** Exchanges the code and returns the verified ID token claims. */
  async finish(code: string, verifier: string, nonce: string): Promise<Record<string, unknown>> {
    const d = await this.discover();
    const form = new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: this.config.redirectUri, client_id: this.config.clientId, code_verifier: verifier });
    if (this.config.clientSecret) form.set('client_secret', this.config.clientSecret);
    const tokens = await this.getJson(d.token_endpoint, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() });
    if (typeof tokens.id_token !== 'string') throw fail('the token endpoint returned no id_token');
    return this.verifyIdToken(tokens.id_token, nonce);
  }

  async verifyIdToken(jwt: string, nonce: string): Promise<Record<string, unknown>> {
    const parts = jwt.split('.');
    if (parts.length !== 3) throw fail('the ID token is not a JWS');
    let header: Record<string, unknown>;
    let claims: Record<string, unknown>;
    try {
      header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8'));
      claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    } catch { throw fail('the ID token cannot be decoded'); }
    const alg = header.alg;
    if (alg !== 'RS256' && alg !== 'ES256') throw fail(`unsupported ID token algorithm ${String(alg)}`);
    const jwk = await this.key(typeof header.kid === 'string' ? header.kid : undefined, alg);
    const ok = verifySignature(alg === 'RS256' ? 'RSA-SHA256' : 'SHA256', Buffer.from(`${parts[0]}.${parts[1]}`),
      alg === 'RS256' ? createPublicKey({ key: jwk, format: 'jwk' }) : { key: createPublicKey({ key: jwk, format: 'jwk' }), dsaEncoding: 'ieee-p1363' },
      Buffer.from(parts[2], 'base64url'));
    if (!ok) throw fail('the ID token signature is invalid');
    const now = Math.floor(this.clock() / 1000);
    if (String(claims.iss ?? '').replace(/\/$/, '') !== this.config.issuer) throw fail('the ID token was issued by another issuer');
    const aud = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    if (!aud.includes(this.config.clientId)) throw fail('the ID token is meant for another client');
    if (typeof claims.exp !== 'number' || claims.exp + 60 < now) throw fail('the ID token has expired');
    if (claims.nonce !== nonce) throw fail('the ID token nonce does not match this sign-in');
    return claims;
  }

  private async key(kid: string | undefined, alg: string): Promise<JsonWebKey> {
    const find = () => this.jwks?.find((k) => (kid === undefined || k.kid === kid) && (alg === 'RS256' ? k.kty === 'RSA' : k.kty === 'EC'));
    if (!find()) {
      const body = await this.getJson((await this.discover()).jwks_uri);
      this.jwks = Array.isArray(body.keys) ? (body.keys as JsonWebKey[]) : [];
    }
    const k = find();
    if (!k) throw fail(`no key ${kid ?? ''} for ${alg} in the issuer's JWKS`);
    return k;
  }
}

/** The local username an identity maps to: preferred_username, else the e-mail's local part, else sub. */
export function usernameFromClaims(claims: Record<string, unknown>): string {
  const pick = [claims.preferred_username, typeof claims.email === 'string' ? claims.email : undefined, claims.sub].find((v) => typeof v === 'string' && v.length > 0) as string | undefined;
  if (!pick) throw fail('the ID token names no user');
  return pick.replace(/[^A-Za-z0-9._@+-]/g, '_').replace(/^[^A-Za-z0-9]+/, '').slice(0, 64) || 'user';
}
