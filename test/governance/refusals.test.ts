// Refused access in the audit log: asking by name for a restricted or unpublished dataset one may not
// see (404 to the caller), a bad API key (401) and a missing permission (403) each leave an entry with
// who, what, when and from where; repeats within a minute fold into the next entry; a catalog listing,
// a visible dataset's missing record and an unknown dataset leave none.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { closePortal } from '../../src/server/portal.ts';
import { buildApp } from '../../src/server/app.ts';
import type { AppContext } from '../../src/server/context.ts';
import { csvPortal } from './support.ts';
import { ensureAudit, ensureGovernance, type AuditEntry, type AuditLog } from '../../src/governance/index.ts';
import { FOLD_MS, Refusals } from '../../src/server/refusals.ts';
import { eventually } from '../support/eventually.ts';

const API = '/api/explore/v2.1';
const AUTO = '/api/automation/v1.0';
let ctx: AppContext;
let app: FastifyInstance;
let dir: string;
let anaKey = '';
let anaKeyId = '';
let vaultUid = '';

beforeAll(async () => {
  process.env.AGORA_RATE_LIMIT_ANONYMOUS = 'off';
  ({ ctx, dir } = await csvPortal('refused', [
    { id: 'trees', csv: 'id,v\n1,x\n' },
    { id: 'vault', csv: 'id,v\n1,secret\n', restricted: true },
  ]));
  vaultUid = ctx.catalog.get('vault').dataset_uid;
  const gov = await ensureGovernance(ctx);
  await gov.addUser({ username: 'ana', password: 'ana-password' });
  ({ key: anaKey, keyId: anaKeyId } = await gov.createApiKey('ana'));
  app = await buildApp(ctx, { web: false });
});
afterAll(async () => {
  delete process.env.AGORA_RATE_LIMIT_ANONYMOUS;
  await app?.close(); if (ctx) await closePortal(ctx); rmSync(dir, { recursive: true, force: true });
});

const get = (url: string, key: string | null = null, remoteAddress = '203.0.113.5') =>
  app.inject({ url, remoteAddress, headers: key ? { authorization: `Apikey ${key}` } : {} });
const refused = async () => (await (await ensureAudit(ctx)).list(1000, 0)).entries.filter((e) => e.action === 'access.refused').reverse();

describe('refused access in the audit log', () => {
  it('records a restricted dataset asked for by name, through the API and its exports', async () => {
    expect((await get(`${API}/catalog/datasets/vault/records`)).statusCode).toBe(404);
    expect((await get(`${API}/catalog/datasets/vault/exports/csv`, anaKey, '198.51.100.1')).statusCode).toBe(404);
    await eventually(async () => expect((await refused()).length).toBe(2));
    const [api, exp] = await refused();
    expect(api).toMatchObject({
      actor: 'anonymous', target: vaultUid, ip: '203.0.113.5',
      detail: { status: 404, dataset_id: 'vault', restricted: true, method: 'GET', route: `${API}/catalog/datasets/:dataset_id/records`, repeats: 0 },
    });
    expect(Date.parse(api.at)).not.toBeNaN();
    expect(exp).toMatchObject({ actor: 'user:ana', ip: '198.51.100.1', detail: { key_id: anaKeyId, route: `${API}/catalog/datasets/:dataset_id/exports/:format` } });
    expect(JSON.stringify(await refused())).not.toContain(anaKey.slice('agk_0123456789abcdef_'.length));
  });

  it('records a bad key (401) and a missing permission (403), never the key', async () => {
    const bad = 'agk_0000000000000000_' + 'x'.repeat(43);
    expect((await get(`${API}/catalog/datasets`, bad)).statusCode).toBe(401);
    expect((await app.inject({ method: 'POST', url: `${AUTO}/datasets/`, payload: { dataset_id: 'mine' }, headers: { authorization: `Apikey ${anaKey}` } })).statusCode).toBe(403);
    await eventually(async () => expect((await refused()).length).toBe(4));
    const [, , key, perm] = await refused();
    expect(key).toMatchObject({ actor: 'bad-key', target: `${API}/catalog/datasets`, detail: { status: 401 } });
    expect(perm).toMatchObject({ actor: 'user:ana', target: `${AUTO}/datasets`, detail: { status: 403, method: 'POST', key_id: anaKeyId } });
    expect(JSON.stringify(await refused())).not.toContain('x'.repeat(43));
  });

  it('leaves no entry for the catalog, a visible dataset, a missing record or an unknown dataset', async () => {
    const before = (await refused()).length;
    expect((await get(`${API}/catalog/datasets`)).statusCode).toBe(200);
    expect((await get(`${API}/catalog/datasets/trees/records/nope`)).statusCode).toBe(404);
    expect((await get(`${API}/catalog/datasets/nowhere/records`)).statusCode).toBe(404);
    expect((await get(`${API}/catalog/datasets/vault/records`, anaKey)).statusCode).toBe(404); // ana may not see it either: one entry
    await eventually(async () => expect((await refused()).length).toBe(before + 1));
    expect((await refused()).at(-1)).toMatchObject({ actor: 'user:ana', target: vaultUid });
  });
});

describe('folding repeats', () => {
  it('writes one entry per caller, address, target and minute, and counts the rest in the next one', async () => {
    const written: AuditEntry[] = [];
    const audit = { record: async (e: AuditEntry) => { written.push(e); } } as unknown as AuditLog;
    let now = 1_000_000;
    const r = new Refusals(audit, () => now);
    const req = (ip: string) => ({ ip, method: 'GET', url: '/x?apikey=secret', routeOptions: { url: '/x' } }) as unknown as FastifyRequest;
    for (let i = 0; i < 4; i++) r.note(req('192.0.2.1'), 'anonymous', 'ds_1', { status: 404 });
    r.note(req('192.0.2.2'), 'anonymous', 'ds_1', { status: 404 });
    now += FOLD_MS;
    r.note(req('192.0.2.1'), 'anonymous', 'ds_1', { status: 404 });
    await r.settled();
    expect(written.map((e) => [e.ip, e.detail?.repeats])).toEqual([['192.0.2.1', 0], ['192.0.2.2', 0], ['192.0.2.1', 3]]);
    expect(written[0].detail).toEqual({ status: 404, method: 'GET', route: '/x', repeats: 0 });
  });
});
