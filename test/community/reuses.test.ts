// Reuses over HTTP (app.inject): submitting as a signed-in user (API key, or a session cookie with its
// CSRF token), refusals that name the field and store nothing (oversize fields and bodies, bad URL
// schemes, datasets that do not exist or that the submitter may not see, duplicates), script
// payloads kept inert, moderation by publish_dataset on every dataset used, what the public lists
// (approved only, restricted datasets never named to those who cannot see them), the hourly limit,
// deletion and the audit log. Expected values are written here by hand from the fixture.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/server/app.ts';
import { closePortal } from '../../src/server/portal.ts';
import type { AppContext } from '../../src/server/context.ts';
import { ensureAudit, ensureGovernance, OPEN_SECURITY } from '../../src/governance/index.ts';
import { ensureReuses } from '../../src/community/reuses/index.ts';
import { csvPortal } from '../governance/support.ts';

const R = '/api/agora/v1/reuses';
let ctx: AppContext;
let app: FastifyInstance;
let dir: string;
let now = Date.parse('2026-05-04T09:00:00Z');
const keys: Record<string, string> = {};

beforeAll(async () => {
  process.env.AGORA_RATE_LIMIT_ANONYMOUS = 'off';
  ({ ctx, dir } = await csvPortal('reuses', [
    { id: 'parks', csv: 'name,area\nNorth,1\n', title: 'City parks' },
    { id: 'bikes', csv: 'station,docks\nCentral,20\n', title: 'Bike stations' },
    { id: 'vault', csv: 'name,secret\nx,1\n', title: 'SECRET-VAULT-TITLE', restricted: true },
    { id: 'gone', csv: 'a\n1\n', title: 'Soon deleted' },
  ]));
  const gov = await ensureGovernance(ctx);
  await gov.addUser({ username: 'root', password: 'password-root', isAdmin: true });
  for (const u of ['ana', 'bo', 'pub', 'spam']) await gov.addUser({ username: u, password: `password-${u}` });
  await gov.addUser({ username: 'dom', password: 'password-dom', permissions: ['publish_dataset'] });
  const rule = (id: string, username: string, permissions: ('publish_dataset')[]) =>
    gov.putRuleset({ datasetUid: ctx.catalog.get(id).dataset_uid, target: { kind: 'user', username }, permissions, security: { ...OPEN_SECURITY } });
  await rule('vault', 'ana', []); // ana may see the restricted dataset
  await rule('parks', 'pub', ['publish_dataset']); // pub publishes parks only
  keys.root = (await gov.createApiKey('root', ['admin'])).key;
  for (const u of ['ana', 'bo', 'pub', 'dom', 'spam']) keys[u] = (await gov.createApiKey(u, u === 'pub' || u === 'dom' ? ['publish_dataset'] : [])).key;
  keys.rootNoScope = (await gov.createApiKey('root')).key;
  await ensureReuses(ctx, { clock: () => now });
  app = await buildApp(ctx, { web: false });
});
afterAll(async () => {
  delete process.env.AGORA_RATE_LIMIT_ANONYMOUS;
  await app?.close(); if (ctx) await closePortal(ctx); rmSync(dir, { recursive: true, force: true });
});

type Who = keyof typeof keys | 'anonymous';
const auth = (who: Who) => (who === 'anonymous' ? {} : { authorization: `Apikey ${keys[who]}` });
const ask = (who: Who, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: unknown) =>
  app.inject({ method, url, headers: auth(who), ...(payload !== undefined ? { payload: payload as object } : {}) });
const submit = (who: Who, body: Record<string, unknown>) => { now += 1000; return ask(who, 'POST', R, body); };
const good = (over: Record<string, unknown> = {}) => ({ title: 'Park finder', url: `https://apps.example/parks-${Math.random().toString(36).slice(2)}`, dataset_ids: ['parks'], ...over });
const count = async () => (await (await ensureReuses(ctx)).reuses.all()).length;
const auditCount = async () => (await (await ensureAudit(ctx)).list(0, 0)).total;
const ids = (r: LightMyRequestResponse) => r.json().results.map((x: { uid: string }) => x.uid);

describe('submitting', () => {
  it('needs a signed-in caller: anonymous is a 401 and nothing is stored', async () => {
    const before = await count();
    const r = await submit('anonymous', good());
    expect([r.statusCode, r.json().error_code]).toEqual([401, 'AuthenticationError']);
    expect(await count()).toBe(before);
  });

  it('with an API key: 201, pending, not public; the submitter sees it with ?mine=true', async () => {
    const r = await submit('bo', good({ title: 'Bike map', url: 'https://maps.example/bikes', dataset_ids: ['bikes', 'parks'], image_url: 'https://maps.example/shot.png', description: 'A **map** of docks.' }));
    expect(r.statusCode, r.body).toBe(201);
    const b = r.json();
    expect(b).toMatchObject({
      uid: expect.stringMatching(/^ru_[a-z0-9]+$/), title: 'Bike map', url: 'https://maps.example/bikes', image_url: 'https://maps.example/shot.png', status: 'pending',
      description: 'A **map** of docks.', description_html: '<p>A <strong>map</strong> of docks.</p>\n', submitted_by: 'bo', reject_reason: null,
      datasets: [{ dataset_id: 'bikes', title: 'Bike stations' }, { dataset_id: 'parks', title: 'City parks' }],
    });
    expect(ids(await ask('anonymous', 'GET', R))).not.toContain(b.uid);
    expect((await ask('anonymous', 'GET', `${R}/${b.uid}`)).statusCode).toBe(404);
    expect((await ask('ana', 'GET', `${R}/${b.uid}`)).statusCode).toBe(404);
    expect((await ask('bo', 'GET', `${R}/${b.uid}`)).json().status).toBe('pending');
    const mine = await ask('bo', 'GET', `${R}?mine=true`);
    expect(ids(mine)).toContain(b.uid);
    expect(mine.headers['cache-control']).toBe('private, no-store');
    expect((await ask('anonymous', 'GET', `${R}?mine=true`)).statusCode).toBe(401);
  });

  it('with a session cookie: the CSRF token is required', async () => {
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'ana', password: 'password-ana' } });
    const cookie = String([login.headers['set-cookie']].flat()[0]).split(';')[0];
    const before = await count();
    for (const headers of [{ cookie }, { cookie, 'x-csrf-token': 'forged' }]) {
      const r = await app.inject({ method: 'POST', url: R, headers, payload: good() });
      expect(r.statusCode).toBe(403);
    }
    expect(await count()).toBe(before);
    const ok = await app.inject({ method: 'POST', url: R, headers: { cookie, 'x-csrf-token': login.json().csrf_token }, payload: good({ url: 'https://apps.example/cookie' }) });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().submitted_by).toBe('ana');
  });

  const long = (n: number) => 'x'.repeat(n);
  const refusals: Array<[string, Record<string, unknown>, RegExp]> = [
    ['no title', { title: undefined }, /^Invalid title: required$/],
    ['an empty title', { title: '   ' }, /^Invalid title: must not be empty$/],
    ['a title of 201 characters', { title: long(201) }, /^Invalid title: at most 200 characters \(this one has 201\)$/],
    ['a title on two lines', { title: 'a\nb' }, /^Invalid title: one line/],
    ['a description of 10,001 characters', { description: long(10_001) }, /^Invalid description: at most 10000 characters/],
    ['a description with a NUL', { description: 'a\u0000b' }, /^Invalid description: control characters/],
    ['a javascript: url', { url: 'javascript:alert(1)' }, /^Invalid url: only http and https addresses are accepted \(not javascript\)$/],
    ['a data: url', { url: 'data:text/html,<script>alert(1)</script>' }, /^Invalid url: only http and https/],
    ['an ftp url', { url: 'ftp://files.example/x' }, /^Invalid url: only http and https/],
    ['a relative url', { url: '/datasets/parks' }, /^Invalid url: expected an absolute address/],
    ['a url with a password', { url: 'https://user:pw@apps.example/' }, /^Invalid url: an address with a user name or password/],
    ['a url of 2,001 characters', { url: `https://apps.example/${long(1981)}` }, /^Invalid url: at most 2000 characters/],
    ['a javascript: image', { image_url: 'javascript:alert(1)' }, /^Invalid image_url: only http and https/],
    ['a data: image', { image_url: 'data:image/svg+xml,<svg onload=alert(1)>' }, /^Invalid image_url: only http and https/],
    ['no dataset', { dataset_ids: [] }, /^Invalid dataset_ids: expected a list of at least one/],
    ['21 datasets', { dataset_ids: Array.from({ length: 21 }, () => 'parks') }, /^Invalid dataset_ids: at most 20 datasets \(this list has 21\)$/],
    ['a dataset that does not exist', { dataset_ids: ['parks', 'no-such'] }, /^Invalid dataset_ids\[1\]: unknown dataset "no-such"$/],
    ['a restricted dataset bo may not see', { dataset_ids: ['vault'] }, /^Invalid dataset_ids\[0\]: unknown dataset "vault"$/],
    ['a dataset listed twice', { dataset_ids: ['parks', 'bikes', 'parks'] }, /^Invalid dataset_ids\[2\]: "parks" is listed twice$/],
    ['a number for a dataset', { dataset_ids: [42] }, /^Invalid dataset_ids\[0\]: expected a dataset identifier$/],
    ['an unknown key', { status: 'approved' }, /^Invalid status: unknown key/],
  ];
  for (const [what, over, message] of refusals) {
    it(`refuses ${what} with a 400 naming the field; nothing is stored or audited`, async () => {
      const [before, audited] = [await count(), await auditCount()];
      const r = await submit('bo', good(over));
      expect(r.statusCode, r.body).toBe(400);
      expect(r.json().message).toMatch(message);
      expect([await count(), await auditCount()]).toEqual([before, audited]);
    });
  }

  it('refuses a body that is not an object, and an oversize body whole (413)', async () => {
    const before = await count();
    expect((await submit('bo', ['x'] as unknown as Record<string, unknown>)).json().message).toMatch(/^Invalid body: expected a JSON object/);
    const huge = await submit('bo', good({ description: long(200_000) }));
    expect(huge.statusCode).toBe(413);
    expect(huge.json().message).toMatch(/too large/i);
    expect(await count()).toBe(before);
  });

  it('a URL already pending or approved is a 409; once rejected it may be submitted again', async () => {
    const first = await submit('bo', good({ url: 'https://dup.example/app' }));
    expect(first.statusCode).toBe(201);
    const again = await submit('ana', good({ url: 'https://dup.example/app' }));
    expect([again.statusCode, again.json().error_code]).toEqual([409, 'ConflictError']);
    expect(again.json().message).toMatch(/already submitted/);
    expect((await ask('root', 'POST', `${R}/${first.json().uid}/reject`, { reason: 'Broken link' })).statusCode).toBe(200);
    expect((await submit('ana', good({ url: 'https://dup.example/app' }))).statusCode).toBe(201);
  });
});

describe('script payloads stay inert', () => {
  it('title and description are stored as sent; the rendered description keeps no script, handler or javascript: link', async () => {
    const title = '<script>alert("t")</script><img src=x onerror=alert(1)>';
    const description = '<script>alert("d")</script>\n\n<img src=x onerror="alert(2)">\n\n[click](javascript:alert(3)) <a href="javascript:alert(4)">a</a> <iframe src="https://evil.example"></iframe>\n\n**kept**';
    const r = await submit('bo', good({ title, description }));
    expect(r.statusCode, r.body).toBe(201);
    const b = r.json();
    expect([b.title, b.description]).toEqual([title, description]);
    const html: string = b.description_html;
    for (const bad of [/<script/i, /onerror/i, /javascript:/i, /<iframe/i, /<img/i]) expect(html).not.toMatch(bad);
    expect(html).toContain('<strong>kept</strong>');
    expect(r.headers['content-type']).toMatch(/^application\/json/);
  });
});

describe('moderation', () => {
  let parksOnly: string;
  let parksAndBikes: string;
  beforeAll(async () => {
    parksOnly = (await submit('ana', good({ title: 'Parks only', url: 'https://mod.example/parks' }))).json().uid;
    parksAndBikes = (await submit('ana', good({ title: 'Parks and bikes', url: 'https://mod.example/both', dataset_ids: ['parks', 'bikes'] }))).json().uid;
  });

  it('the queue lists what each caller may moderate: publish_dataset on every dataset used', async () => {
    const queue = async (who: Who) => ids(await ask(who, 'GET', `${R}/moderation`));
    expect(await queue('pub')).toContain(parksOnly);
    expect(await queue('pub')).not.toContain(parksAndBikes);
    for (const who of ['dom', 'root'] as const) expect(await queue(who)).toEqual(expect.arrayContaining([parksOnly, parksAndBikes]));
    for (const who of ['bo', 'rootNoScope'] as const) expect(await queue(who)).toEqual([]);
    expect((await ask('anonymous', 'GET', `${R}/moderation`)).statusCode).toBe(401);
    expect((await ask('pub', 'GET', `${R}/moderation?status=maybe`)).statusCode).toBe(400);
  });

  it('a caller who may not moderate is refused (404 while pending, 403 once it is public) and nothing changes', async () => {
    for (const who of ['bo', 'pub', 'rootNoScope'] as const) {
      const r = await ask(who, 'POST', `${R}/${parksAndBikes}/approve`);
      expect(r.statusCode, who).toBe(404);
    }
    expect((await ask('anonymous', 'POST', `${R}/${parksAndBikes}/approve`)).statusCode).toBe(401);
    expect((await ask('ana', 'POST', `${R}/${parksAndBikes}/approve`)).statusCode).toBe(403); // her own: she reads it, may not approve it
    expect((await ask('root', 'GET', `${R}/${parksAndBikes}`)).json().status).toBe('pending');
  });

  it('pub approves the parks-only reuse: it is public, on the dataset and in the gallery; dom approves the other', async () => {
    const ok = await ask('pub', 'POST', `${R}/${parksOnly}/approve`);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'approved', moderated_by: 'pub', moderated_at: new Date(now).toISOString() });
    expect(ids(await ask('anonymous', 'GET', `${R}?dataset_id=parks`))).toContain(parksOnly);
    expect(ids(await ask('anonymous', 'GET', `${R}?dataset_id=bikes`))).not.toContain(parksOnly);
    const pub = (await ask('anonymous', 'GET', `${R}/${parksOnly}`)).json();
    expect(pub).toMatchObject({ title: 'Parks only', status: 'approved' });
    expect(pub).not.toHaveProperty('submitted_by');
    expect(pub).not.toHaveProperty('moderated_by');
    expect((await ask('pub', 'POST', `${R}/${parksAndBikes}/approve`)).statusCode).toBe(404);
    expect((await ask('dom', 'POST', `${R}/${parksAndBikes}/approve`)).statusCode).toBe(200);
    expect((await ask('pub', 'POST', `${R}/${parksAndBikes}/reject`, { reason: 'no' })).statusCode).toBe(403); // public now: readable, not his to moderate
  });

  it('rejecting needs a reason; the submitter reads it; the reuse leaves the public list', async () => {
    expect((await ask('dom', 'POST', `${R}/${parksAndBikes}/reject`, {})).json().message).toBe('Invalid reason: required');
    expect((await ask('dom', 'POST', `${R}/${parksAndBikes}/reject`, { reason: 'x'.repeat(1001) })).statusCode).toBe(400);
    const r = await ask('dom', 'POST', `${R}/${parksAndBikes}/reject`, { reason: 'The app no longer uses bike data.' });
    expect(r.json()).toMatchObject({ status: 'rejected', reject_reason: 'The app no longer uses bike data.', moderated_by: 'dom' });
    expect(ids(await ask('anonymous', 'GET', R))).not.toContain(parksAndBikes);
    const mine = (await ask('ana', 'GET', `${R}?mine=true`)).json().results.find((x: { uid: string }) => x.uid === parksAndBikes);
    expect(mine).toMatchObject({ status: 'rejected', reject_reason: 'The app no longer uses bike data.' });
  });

  it('every change is in the audit log: who, what, which reuse', async () => {
    const { entries } = await (await ensureAudit(ctx)).list(200, 0);
    const of = (uid: string) => entries.filter((e) => e.target === uid).map((e) => [e.actor, e.action]).reverse();
    expect(of(parksOnly)).toEqual([['user:ana', 'reuse.submit'], ['user:pub', 'reuse.approve']]);
    expect(of(parksAndBikes)).toEqual([['user:ana', 'reuse.submit'], ['user:dom', 'reuse.approve'], ['user:dom', 'reuse.reject']]);
    expect(entries.find((e) => e.target === parksAndBikes && e.action === 'reuse.reject')!.detail).toMatchObject({ reason: 'The app no longer uses bike data.', key_id: expect.any(String) });
  });

  it('deleting: the submitter withdraws their own, a moderator removes one, anyone else is refused', async () => {
    const mineUid = (await submit('bo', good({ url: 'https://del.example/1' }))).json().uid;
    expect((await ask('ana', 'DELETE', `${R}/${mineUid}`)).statusCode).toBe(404);
    expect((await ask('anonymous', 'DELETE', `${R}/${mineUid}`)).statusCode).toBe(401);
    expect((await ask('bo', 'DELETE', `${R}/${mineUid}`)).statusCode).toBe(204);
    expect((await ask('bo', 'GET', `${R}/${mineUid}`)).statusCode).toBe(404);
    expect((await ask('ana', 'DELETE', `${R}/${parksOnly}`)).statusCode).toBe(204); // her own, approved
    const other = (await submit('bo', good({ url: 'https://del.example/2' }))).json().uid;
    expect((await ask('pub', 'DELETE', `${R}/${other}`)).statusCode).toBe(204);
    const { entries } = await (await ensureAudit(ctx)).list(20, 0);
    expect(entries.find((e) => e.target === other)).toMatchObject({ actor: 'user:pub', action: 'reuse.delete', detail: { submitted_by: 'bo', status: 'pending' } });
  });
});

describe('restricted datasets never leak through a reuse', () => {
  let mixed: string;
  let vaultOnly: string;
  beforeAll(async () => {
    mixed = (await submit('ana', good({ title: 'Mixed', url: 'https://leak.example/mixed', dataset_ids: ['parks', 'vault'] }))).json().uid;
    vaultOnly = (await submit('ana', good({ title: 'Vault only', url: 'https://leak.example/vault', dataset_ids: ['vault'] }))).json().uid;
    for (const uid of [mixed, vaultOnly]) expect((await ask('root', 'POST', `${R}/${uid}/approve`)).statusCode).toBe(200);
  });

  it('those who cannot see the restricted dataset get the reuse without it, or not at all', async () => {
    for (const who of ['anonymous', 'bo', 'pub'] as const) {
      const list = await ask(who, 'GET', `${R}?limit=100`);
      expect(list.body, who).not.toMatch(/"dataset_id":"vault"|SECRET-VAULT-TITLE/);
      const m = list.json().results.find((x: { uid: string }) => x.uid === mixed);
      expect(m.datasets, who).toEqual([{ dataset_id: 'parks', title: 'City parks' }]);
      expect(ids(list), who).not.toContain(vaultOnly);
      expect((await ask(who, 'GET', `${R}/${vaultOnly}`)).statusCode, who).toBe(404);
      const one = await ask(who, 'GET', `${R}/${mixed}`);
      expect(one.body).not.toMatch(/SECRET-VAULT-TITLE|"vault"/);
      const byVault = await ask(who, 'GET', `${R}?dataset_id=vault`);
      expect([byVault.statusCode, byVault.json().error_code], who).toEqual([404, 'UnknownDatasetError']);
    }
  });

  it('those who may see it get both datasets', async () => {
    const m = (await ask('ana', 'GET', `${R}/${mixed}`)).json();
    expect(m.datasets.map((x: { dataset_id: string }) => x.dataset_id)).toEqual(['parks', 'vault']);
    expect(ids(await ask('ana', 'GET', `${R}?dataset_id=vault`))).toEqual(expect.arrayContaining([mixed, vaultOnly]));
  });

  it('a deleted dataset drops out of the reuses that used it', async () => {
    const uid = (await submit('ana', good({ url: 'https://leak.example/gone', dataset_ids: ['gone', 'bikes'] }))).json().uid;
    await ask('root', 'POST', `${R}/${uid}/approve`);
    await ctx.catalog.delete('gone');
    expect((await ask('anonymous', 'GET', `${R}/${uid}`)).json().datasets).toEqual([{ dataset_id: 'bikes', title: 'Bike stations' }]);
  });
});

describe('listing', () => {
  it('pages with limit and offset (total_count is the whole list); bad values are 400s', async () => {
    const all = await ask('anonymous', 'GET', `${R}?limit=100`);
    const total = all.json().total_count;
    expect(total).toBe(2); // "Mixed" and the one whose dataset was deleted: "Vault only" is not public
    expect(all.json().results.map((x: { title: string }) => x.title)).toEqual(['Park finder', 'Mixed']); // newest approval first
    const second = await ask('anonymous', 'GET', `${R}?limit=1&offset=1`);
    expect(second.json()).toMatchObject({ total_count: total });
    expect(ids(second)).toEqual([ids(all)[1]]);
    for (const q of ['limit=101', 'limit=-1', 'offset=x', 'mine=yes']) expect((await ask('anonymous', 'GET', `${R}?${q}`)).statusCode, q).toBe(400);
  });
});

describe('the hourly limit', () => {
  it('the 11th submission within an hour is a 429 naming the limit; an hour later it is accepted', async () => {
    for (let i = 0; i < 10; i++) expect((await submit('spam', good())).statusCode).toBe(201);
    const before = await count();
    const r = await submit('spam', good());
    expect(r.statusCode).toBe(429);
    expect(r.json().error).toMatch(/^Too many reuses submitted: at most 10 per hour per user/);
    expect(r.json()).toMatchObject({ call_limit: 10, limit_time_unit: 'hour' });
    expect(await count()).toBe(before);
    expect((await submit('bo', good())).statusCode).toBe(201); // the limit is per user
    now += 3_600_000;
    expect((await submit('spam', good())).statusCode).toBe(201);
  });
});
