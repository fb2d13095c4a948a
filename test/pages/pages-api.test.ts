// Pages through the front door: the Automation API (/pages/ and its ODS name /studio_pages/) and
// the readers' API. Bodies refused name the path at fault and store nothing; drafts stay private
// until published; restricted pages reach only their readers; versions restore; export → import.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { closePortal } from '../../src/server/portal.ts';
import { buildApp } from '../../src/server/app.ts';
import type { AppContext } from '../../src/server/context.ts';
import { csvPortal } from '../governance/support.ts';
import { ensureGovernance } from '../../src/governance/index.ts';

const AUTO = '/api/automation/v1.0';
const PAGES = '/api/agora/v1/pages';
let ctx: AppContext;
let app: FastifyInstance;
let dir: string;
const key: Record<string, string> = {};

const call = (who: string | null, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown) =>
  app.inject({ method, url, headers: who ? { authorization: `Apikey ${key[who]}` } : {}, ...(body !== undefined ? { payload: body as object } : {}) });

const content = (blocks: unknown[] = [], extra: Record<string, unknown> = {}) => ({ title: 'Air quality', description: 'How clean is the air?', blocks, ...extra });
const kpi = { type: 'kpi', title: 'Average PM2.5', dataset: 'air', value: 'avg(pm25)', unit: 'µg/m³', decimals: 1, target: { value: 25, direction: 'at_most' }, compare: { date_field: 'measured_at', period: 'month' } };
const chart = { type: 'chart', dataset: 'air', chart: { type: 'line', x: 'measured_at', gran: 'month', series: [{ agg: 'avg', field: 'pm25' }] } };

beforeAll(async () => {
  process.env.AGORA_RATE_LIMIT_ANONYMOUS = 'off';
  const air = ['sensor,pm25,measured_at', 'S1,12.5,2026-10-03', 'S2,30,2026-10-20', 'S1,8,2026-11-02', 'S2,21,2026-11-15'].join('\n');
  ({ ctx, dir } = await csvPortal('pages', [{ id: 'air', csv: air, title: 'Air' }, { id: 'budget', csv: 'item,amount\nroads,10\n', restricted: true }, { id: 'noise', csv: 'site,db\nA,50\nB,61\n' }]));
  const gov = await ensureGovernance(ctx);
  await gov.addGroup('council');
  await gov.addUser({ username: 'root', password: 'password-0', isAdmin: true });
  await gov.addUser({ username: 'writer', password: 'password-1', permissions: ['create_page', 'edit_page'] });
  await gov.addUser({ username: 'boss', password: 'password-2', permissions: ['edit_page', 'manage_page'] });
  await gov.addUser({ username: 'ana', password: 'password-3' });
  await gov.addUser({ username: 'sam', password: 'password-4', groups: ['council'] });
  await gov.addUser({ username: 'auditor', password: 'password-5', permissions: ['explore_restricted_page'] });
  for (const [u, scopes] of [['root', ['admin']], ['writer', ['create_page', 'edit_page']], ['boss', ['edit_page', 'manage_page']], ['ana', []], ['sam', []], ['auditor', []]] as const) {
    key[u] = (await gov.createApiKey(u, [...scopes])).key;
  }
  app = await buildApp(ctx, { web: false });
});
afterAll(async () => { await app?.close(); if (ctx) await closePortal(ctx); rmSync(dir, { recursive: true, force: true }); });

describe('bodies refused, naming the path at fault', () => {
  const cases: Array<[string, unknown, string]> = [
    ['bad slug', { slug: 'Air Quality', content: content() }, 'slug'],
    ['no content', { slug: 'a' }, 'content'],
    ['unknown top key', { slug: 'a', content: content(), colour: 'red' }, 'colour'],
    ['no title', { slug: 'a', content: { blocks: [] } }, 'content.title'],
    ['unknown block type', { slug: 'a', content: content([{ type: 'video' }]) }, 'content.blocks[0].type'],
    ['unknown block key', { slug: 'a', content: content([{ type: 'text', markdown: 'x', colour: 1 }]) }, 'content.blocks[0].colour'],
    ['deleted dataset', { slug: 'a', content: content([{ ...kpi, dataset: 'nosuch' }]) }, 'content.blocks[0].dataset'],
    ['renamed field', { slug: 'a', content: content([{ type: 'text', markdown: 'x' }, { ...chart, chart: { ...chart.chart, x: 'date' } }]) }, 'content.blocks[1].chart.x'],
    ['invalid where', { slug: 'a', content: content([{ ...kpi, where: 'pm25 >>> 3' }]) }, 'content.blocks[0].where'],
    ['non-aggregate KPI', { slug: 'a', content: content([{ ...kpi, value: 'pm25' }]) }, 'content.blocks[0].value'],
    ['series on a text field', { slug: 'a', content: content([{ ...chart, chart: { ...chart.chart, series: [{ agg: 'sum', field: 'sensor' }] } }]) }, 'content.blocks[0].chart.series[0].field'],
    ['granularity on a text axis', { slug: 'a', content: content([{ ...chart, chart: { ...chart.chart, x: 'sensor' } }]) }, 'content.blocks[0].chart.gran'],
    ['map of a dataset with no geography', { slug: 'a', content: content([{ type: 'map', layers: [{ dataset: 'air', style: 'points' }] }]) }, 'content.blocks[0].layers[0].dataset'],
    ['duplicate block ids', { slug: 'a', content: content([{ id: 'x', type: 'text', markdown: 'a' }, { id: 'x', type: 'text', markdown: 'b' }]) }, 'content.blocks[1].id'],
    ['width past 12', { slug: 'a', content: content([{ type: 'text', markdown: 'a', layout: { w: 13, h: 1 } }]) }, 'content.blocks[0].layout.w'],
    ['compare on a text field', { slug: 'a', content: content([{ ...kpi, compare: { date_field: 'sensor', period: 'month' } }]) }, 'content.blocks[0].compare.date_field'],
    ['date filter on a number', { slug: 'a', content: content([], { filters: [{ type: 'date_range', dataset: 'air', field: 'pm25' }] }) }, 'content.filters[0].field'],
    ['image from http', { slug: 'a', content: content([{ type: 'image', url: 'http://x.test/a.png', alt: 'a' }]) }, 'content.blocks[0].url'],
    ['unknown reader', { slug: 'a', content: content(), readers: { users: ['nobody'] } }, 'readers.users[0]'],
  ];
  it.each(cases)('%s → 400 naming %s', async (_name, body, where) => {
    const res = await call('root', 'POST', `${AUTO}/pages/`, body);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error_code).toBe('validation_error');
    expect(Object.keys(res.json().detail)).toEqual([where]);
    expect(res.json().message).toContain(where);
  });
  it('stored nothing', async () => {
    expect((await call('root', 'GET', `${AUTO}/pages/`)).json().total_count).toBe(0);
  });
});

describe('a page\'s life', () => {
  let uid = '';
  it('is created as a private draft by a writer; readers see nothing yet', async () => {
    const res = await call('writer', 'POST', `${AUTO}/pages/`, { slug: 'air-quality', content: content([{ type: 'text', markdown: '# Hello' }, kpi, chart], { filters: [{ type: 'facet', dataset: 'air', field: 'sensor' }] }) });
    expect(res.statusCode, res.body).toBe(201);
    const p = res.json();
    uid = p.uid;
    expect(uid).toMatch(/^sp_[a-z0-9]{6}$/);
    expect(p).toMatchObject({ slug: 'air-quality', public: false, status: 'draft', published_content: null, created_by: { username: 'writer' }, first_published_at: null });
    expect(p.content.blocks.map((b: { id: string; layout: unknown }) => [b.id, b.layout])).toEqual([['b1', { w: 12, h: 2 }], ['b2', { w: 3, h: 2 }], ['b3', { w: 6, h: 4 }]]);
    expect(p.content.filters).toEqual([{ id: 'f1', type: 'facet', dataset: 'air', field: 'sensor' }]);
    expect((await call(null, 'GET', `${PAGES}/air-quality`)).statusCode).toBe(404);
    expect((await call('ana', 'GET', `${PAGES}/air-quality?version=draft`)).statusCode).toBe(403);
    expect((await call('writer', 'GET', `${PAGES}/air-quality?version=draft`)).json().content.title).toBe('Air quality');
  });

  it('making it public needs manage_page', async () => {
    const refused = await call('writer', 'PUT', `${AUTO}/pages/${uid}/`, { public: true });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().message).toContain('manage_page');
    expect((await call('boss', 'PUT', `${AUTO}/studio_pages/${uid}/`, { public: true })).statusCode).toBe(200);
  });

  it('publishes: anonymous readers get the published content; a later draft does not leak', async () => {
    expect((await call('writer', 'POST', `${AUTO}/pages/${uid}/publish/`)).json()).toEqual({ detail: 'ok' });
    const pub = await call(null, 'GET', `${PAGES}/air-quality`);
    expect(pub.statusCode).toBe(200);
    expect(pub.json().content.blocks).toHaveLength(3);
    const got = (await call('writer', 'GET', `${AUTO}/pages/${uid}/`)).json();
    // GET → edit → PUT: the whole body read back is accepted, computed keys ignored.
    got.content.title = 'Air quality in Northbridge';
    const put = await call('writer', 'PUT', `${AUTO}/pages/${uid}/`, got);
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json().status).toBe('changed');
    expect((await call(null, 'GET', `${PAGES}/air-quality`)).json().content.title).toBe('Air quality');
    expect((await call(null, 'GET', PAGES)).json().results.map((p: { title: string }) => p.title)).toEqual(['Air quality']);
  });

  it('keeps versions and restores one as the draft', async () => {
    const versions = (await call('writer', 'GET', `${AUTO}/pages/${uid}/versions/`)).json().results;
    expect(versions.map((v: { version: number; note: string | null; published: boolean }) => [v.version, v.note, v.published])).toEqual([[3, null, false], [2, 'published', true], [1, 'created', false]]);
    const v1 = (await call('writer', 'GET', `${AUTO}/pages/${uid}/versions/1/`)).json();
    expect(v1.content.title).toBe('Air quality');
    const restored = await call('writer', 'POST', `${AUTO}/pages/${uid}/versions/1/restore/`);
    expect(restored.json().content.title).toBe('Air quality');
    expect(restored.json().status).toBe('published');
    expect((await call('writer', 'POST', `${AUTO}/pages/${uid}/versions/99/restore/`)).statusCode).toBe(404);
    expect((await call('writer', 'POST', `${AUTO}/pages/${uid}/versions/x/restore/`)).statusCode).toBe(400);
  });

  it('a restricted page reaches its readers, their groups, explore_restricted_page and editors only', async () => {
    expect((await call('boss', 'PUT', `${AUTO}/pages/${uid}/`, { public: false, readers: { users: ['ana'], groups: ['council'] } })).statusCode).toBe(200);
    const status = async (who: string | null) => (await call(who, 'GET', `${PAGES}/air-quality`)).statusCode;
    expect(await status(null)).toBe(404);
    expect(await status('ana')).toBe(200);
    expect(await status('sam')).toBe(200);
    expect(await status('auditor')).toBe(200);
    expect(await status('writer')).toBe(200);
    expect((await call(null, 'GET', PAGES)).json().total_count).toBe(0);
    expect((await call('ana', 'GET', PAGES)).json().total_count).toBe(1);
    expect((await call('ana', 'GET', `${AUTO}/pages/`)).statusCode).toBe(403);
  });

  it('its readers are also its ODS rulesets (security/users/, security/groups/), changed with manage_page only', async () => {
    const S = `${AUTO}/studio_pages/${uid}/security`;
    expect((await call('writer', 'GET', `${S}/users/`)).json().results).toEqual([{ user: { username: 'ana' }, permissions: [] }]);
    expect((await call('writer', 'GET', `${S}/groups/council/`)).json()).toEqual({ group: { uid: 'council' }, permissions: [] });
    // A writer without manage_page learns nothing of accounts: 403 before the body is read.
    expect((await call('writer', 'POST', `${S}/users/`, { user: { username: 'nobody' } })).statusCode).toBe(403);
    expect((await call('boss', 'POST', `${S}/users/`, { user: { username: 'nobody' } })).json().detail).toHaveProperty(['user.username']);
    const perms = await call('boss', 'POST', `${S}/users/`, { user: { username: 'auditor' }, permissions: ['edit_page'] });
    expect(perms.statusCode).toBe(400);
    expect(perms.json().message).toContain('edit_page');
    expect((await call('boss', 'POST', `${S}/users/`, { user: { username: 'root' }, permissions: [] })).statusCode).toBe(201);
    expect((await call('boss', 'DELETE', `${S}/users/ana/`)).statusCode).toBe(204);
    expect((await call('ana', 'GET', `${PAGES}/air-quality`)).statusCode).toBe(404);
    expect((await call('writer', 'GET', `${AUTO}/pages/${uid}/`)).json().readers).toEqual({ users: ['root'], groups: ['council'] });
    expect((await call('boss', 'DELETE', `${S}/users/ana/`)).statusCode).toBe(404);
  });

  it('another page cannot take its slug', async () => {
    const res = await call('writer', 'POST', `${AUTO}/pages/`, { slug: 'air-quality', content: content() });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toContain('air-quality');
  });

  it('exports to a file that imports back (a new page, or the same slug with replace=true)', async () => {
    const file = (await call('writer', 'GET', `${AUTO}/pages/${uid}/export/`)).json();
    expect(file).toMatchObject({ format: 'agora-page', format_version: 1, slug: 'air-quality', public: false });
    expect((await call('writer', 'POST', `${AUTO}/pages/import/`, file)).statusCode).toBe(409);
    const copy = await call('writer', 'POST', `${AUTO}/pages/import/`, { ...file, slug: 'air-copy' });
    expect(copy.statusCode, copy.body).toBe(201);
    expect(copy.json().content).toEqual(file.content);
    const edited = { ...file, content: { ...file.content, title: 'From git' } };
    const replaced = await call('writer', 'POST', `${AUTO}/pages/import/?replace=true`, edited);
    expect(replaced.statusCode).toBe(200);
    expect(replaced.json().uid).toBe(uid);
    expect(replaced.json().content.title).toBe('From git');
    expect((await call('writer', 'POST', `${AUTO}/pages/import/`, { ...file, format: 'other' })).json().detail).toHaveProperty('format');
  });

  it('deletes, and the page is gone for everyone', async () => {
    expect((await call('ana', 'DELETE', `${AUTO}/pages/${uid}/`)).statusCode).toBe(403);
    expect((await call('writer', 'DELETE', `${AUTO}/pages/${uid}/`)).statusCode).toBe(204);
    expect((await call('root', 'GET', `${PAGES}/air-quality`)).statusCode).toBe(404);
    expect((await call('root', 'GET', `${AUTO}/pages/${uid}/`)).statusCode).toBe(404);
  });
});

describe('a page whose dataset was deleted', () => {
  it('is still served; its Automation body names every block and filter that no longer holds, and a save says the same', async () => {
    const body = { slug: 'noise', public: true, content: content([{ type: 'text', markdown: 'x' }, { type: 'kpi', dataset: 'noise', value: 'max(db)' }], { filters: [{ type: 'facet', dataset: 'noise', field: 'site' }]}) };
    const made = (await call('root', 'POST', `${AUTO}/pages/`, body)).json();
    expect(made.problems).toEqual([]);
    await call('root', 'POST', `${AUTO}/pages/${made.uid}/publish/`);
    await ctx.catalog.delete('noise');
    const got = (await call('root', 'GET', `${AUTO}/pages/${made.uid}/`)).json();
    expect(got.problems).toEqual([
      { path: 'content.blocks[1].dataset', message: 'no dataset "noise" in the catalog' },
      { path: 'content.filters[0].dataset', message: 'no dataset "noise" in the catalog' },
    ]);
    expect((await call(null, 'GET', `${PAGES}/noise`)).statusCode).toBe(200);
    const put = await call('root', 'PUT', `${AUTO}/pages/${made.uid}/`, got);
    expect(put.statusCode).toBe(400);
    expect(Object.keys(put.json().detail)).toEqual(['content.blocks[1].dataset']);
  });
});
