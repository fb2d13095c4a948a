// Authentication and rate limits through the front door (Fastify inject): API keys in the header
// (scheme case-insensitive) or the query string, 401 for bad keys, 404 (not 403) for restricted
// datasets, 429 with the ODS quota body (keys as in the Explore v2.1 spec's `quota` response).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { closePortal } from '../../src/server/portal.ts';
import { buildApp } from '../../src/server/app.ts';
import type { AppContext } from '../../src/server/context.ts';
import { csvPortal } from './support.ts';
import { ensureGovernance, parseSecurity } from '../../src/governance/index.ts';
import { CallCounter, parseLimit } from '../../src/server/auth-ratelimit.ts';
import { redactUrl } from '../../src/server/auth.ts';

const API = '/api/explore/v2.1';
let ctx: AppContext;
let app: FastifyInstance;
let dir: string;
let anaKey = '';
let anaKeyId = '';

/** The first day of the next UTC month, as the spec example writes reset_time ("2021-01-26T00:00:00Z"). */
function nextMonth(): string {
  const d = new Date();
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)).toISOString().replace('.000Z', 'Z');
}

beforeAll(async () => {
  process.env.AGORA_RATE_LIMIT_ANONYMOUS = '8/month';
  process.env.AGORA_RATE_LIMIT_APIKEY = '1000/month';
  const csv = 'id,v\n1,x\n2,y\n';
  ({ ctx, dir } = await csvPortal('auth', [{ id: 'open', csv }, { id: 'secret', csv, restricted: true }, { id: 'metered', csv }]));
  const gov = await ensureGovernance(ctx);
  await gov.addUser({ username: 'ana', password: 'password-1' });
  await gov.addUser({ username: 'bo', password: 'password-2' });
  const secret = ctx.catalog.get('secret');
  await gov.putRuleset({ datasetUid: secret.dataset_uid, target: { kind: 'user', username: 'ana' }, permissions: [], security: parseSecurity({}, secret) });
  const metered = ctx.catalog.get('metered');
  await gov.putRuleset({ datasetUid: metered.dataset_uid, target: { kind: 'user', username: 'bo' }, permissions: [], security: parseSecurity({ api_calls_quota: { unit: 'month', limit: 2 } }, metered) });
  ({ key: anaKey, keyId: anaKeyId } = await gov.createApiKey('ana'));
  app = await buildApp(ctx, { web: false });
});
afterAll(async () => {
  delete process.env.AGORA_RATE_LIMIT_ANONYMOUS; delete process.env.AGORA_RATE_LIMIT_APIKEY;
  await app?.close(); if (ctx) await closePortal(ctx); rmSync(dir, { recursive: true, force: true });
});

const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });

describe('API keys', () => {
  it('shows a restricted dataset to its ruleset holder, by header (any case of the scheme) or query string', async () => {
    for (const scheme of ['Apikey', 'APIKEY', 'apikey']) {
      const r = await get(`${API}/catalog/datasets/secret/records`, { authorization: `${scheme} ${anaKey}` });
      expect(r.statusCode, scheme).toBe(200);
      expect(r.json().total_count).toBe(2);
    }
    expect((await get(`${API}/catalog/datasets/secret?apikey=${encodeURIComponent(anaKey)}`)).statusCode).toBe(200);
  });
  it('answers 404 exactly as for an unknown dataset to whoever may not see it', async () => {
    const hidden = await get(`${API}/catalog/datasets/secret/records`);
    const unknown = await get(`${API}/catalog/datasets/nope/records`);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json()).toEqual({ message: 'Unknown dataset: secret', error_code: 'UnknownDatasetError' });
    expect(unknown.json()).toEqual({ message: 'Unknown dataset: nope', error_code: 'UnknownDatasetError' });
    const list = (await get(`${API}/catalog/datasets`)).json();
    expect(list.results.map((d: { dataset_id: string }) => d.dataset_id).sort()).toEqual(['metered', 'open']);
    expect(list.total_count).toBe(2);
  });
  it('answers 401 with an error body for a bad, empty or revoked key, and ignores other schemes', async () => {
    for (const h of [{ authorization: 'Apikey agk_0000000000000000_' + 'A'.repeat(43) }, { authorization: 'Apikey' }, { authorization: 'apikey garbage' }]) {
      const r = await get(`${API}/catalog/datasets`, h);
      expect(r.statusCode, JSON.stringify(h)).toBe(401);
      expect(r.json()).toEqual({ message: expect.stringContaining('Invalid API key'), error_code: 'AuthenticationError' });
    }
    expect((await get(`${API}/catalog/datasets?apikey=nope`)).statusCode).toBe(401);
    expect((await get(`${API}/catalog/datasets`, { authorization: 'Bearer something' })).statusCode).toBe(200);
    const gov = ctx.governance!;
    const { key, keyId } = await gov.createApiKey('ana');
    expect((await get(`${API}/catalog/datasets`, { authorization: `Apikey ${key}` })).statusCode).toBe(200);
    await gov.revokeApiKey(keyId);
    expect((await get(`${API}/catalog/datasets`, { authorization: `Apikey ${key}` })).statusCode).toBe(401);
  });
  it('never logs the apikey parameter', () => {
    expect(redactUrl(`/x?where=a&apikey=${anaKey}&limit=1`)).toBe('/x?where=a&apikey=[redacted]&limit=1');
    expect(redactUrl(`/x?APIKEY=${anaKey}`)).not.toContain(anaKey);
  });
});

describe('rate limits and quotas', () => {
  it('counts API key calls apart from anonymous ones and reports the remaining calls', async () => {
    const r = await get(`${API}/catalog/datasets/open/records`, { authorization: `Apikey ${anaKey}` });
    expect(r.headers['x-ratelimit-limit']).toBe('1000');
    expect(anaKeyId).toMatch(/^[0-9a-f]{16}$/);
  });
  it('applies a dataset ruleset\'s api_calls_quota per user', async () => {
    const { key } = await ctx.governance!.createApiKey('bo');
    const h = { authorization: `Apikey ${key}` };
    expect((await get(`${API}/catalog/datasets/metered/records`, h)).statusCode).toBe(200);
    expect((await get(`${API}/catalog/datasets/metered/facets`, h)).statusCode).toBe(200);
    const over = await get(`${API}/catalog/datasets/metered/records`, h);
    expect(over.statusCode).toBe(429);
    expect(over.json()).toEqual({ errorcode: 10002, reset_time: nextMonth(), limit_time_unit: 'month', call_limit: 2, error: expect.stringContaining('metered') });
    expect((await get(`${API}/catalog/datasets/open/records`, h)).statusCode).toBe(200);
  });
  it('limits anonymous calls per IP with the ODS quota body', async () => {
    // 8 anonymous /api/ calls per month: some were spent above; spend the rest, then one more.
    let last = await get(`${API}/catalog`);
    while (last.statusCode === 200) last = await get(`${API}/catalog`);
    expect(last.statusCode).toBe(429);
    const body = last.json();
    expect(Object.keys(body).sort()).toEqual(['call_limit', 'error', 'errorcode', 'limit_time_unit', 'reset_time']);
    expect(body).toMatchObject({ errorcode: 10002, reset_time: nextMonth(), limit_time_unit: 'month', call_limit: 8 });
    const other = await app.inject({ method: 'GET', url: `${API}/catalog`, remoteAddress: '10.9.8.7' });
    expect(other.statusCode).toBe(200);
    expect(other.headers['x-ratelimit-remaining']).toBe('7');
  });
  it('opens a new window when the unit turns over', () => {
    let now = Date.UTC(2026, 0, 1, 10, 0, 59, 500);
    const c = new CallCounter(() => now);
    const l = parseLimit('2/minute', null, 'test')!;
    c.hit('k', l, 'over');
    c.hit('k', l, 'over');
    expect(() => c.hit('k', l, 'over')).toThrow('over');
    now += 500;
    expect(c.hit('k', l, 'over').remaining).toBe(1);
    expect(() => parseLimit('5 per day', null, 'AGORA_X')).toThrow(/Invalid AGORA_X/);
    expect(parseLimit('off', { limit: 1, unit: 'day' }, 'x')).toBeNull();
  });
});
