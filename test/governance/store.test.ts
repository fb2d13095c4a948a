// The accounts store on a real DuckDB file: users with scrypt hashes (re-derived here with
// node:crypto from the stored parameters), groups, API keys stored hashed, revocation, dataset
// rulesets, persistence across reopen, and ODS's visibility semantics for rulesets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash, scryptSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closePortal, openPortal } from '../../src/server/portal.ts';
import { importDataset } from '../../src/ingest/index.ts';
import type { AppContext } from '../../src/server/context.ts';
import {
  ANONYMOUS_CALLER, callerFor, canSeeDataset, effectiveSecurity, ensureGovernance, hasPermission, parseSecurity,
  type GovernanceStore,
} from '../../src/governance/index.ts';

let dir: string;
let ctx: AppContext;
let gov: GovernanceStore;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'agora-gov-'));
  writeFileSync(join(dir, 'x.csv'), 'site_id,name,secret\n1,a,s1\n2,b,s2\n');
  ctx = await openPortal({ dataDir: join(dir, 'data'), readPoolSize: 1 });
  await importDataset(ctx.catalog, { source: join(dir, 'x.csv'), datasetId: 'sites', mode: 'create' });
  gov = await ensureGovernance(ctx);
});
afterAll(async () => { if (ctx) await closePortal(ctx); rmSync(dir, { recursive: true, force: true }); });

describe('users and passwords', () => {
  it('stores a scrypt hash that node:crypto re-derives from the stored salt and parameters', async () => {
    const u = await gov.addUser({ username: 'ana', password: 'correct horse', email: 'ana@city.example' });
    const [scheme, n, r, p, salt, hash] = u.passwordHash.split('$');
    expect(scheme).toBe('scrypt');
    const again = scryptSync('correct horse', Buffer.from(salt, 'base64'), 64, { N: Number(n), r: Number(r), p: Number(p) });
    expect(again.toString('base64')).toBe(hash);
    expect(await gov.checkPassword('ana', 'correct horse')).toMatchObject({ username: 'ana' });
    expect(await gov.checkPassword('ana', 'wrong horse!')).toBeNull();
    expect(await gov.checkPassword('nobody', 'correct horse')).toBeNull();
  });
  it('never stores the password in clear', async () => {
    const rows = await ctx.backend.query('SELECT * FROM agora_users');
    expect(JSON.stringify(rows)).not.toContain('correct horse');
  });
  it('rejects duplicates, bad names, short passwords, bad emails and unknown permissions with clear errors', async () => {
    await expect(gov.addUser({ username: 'ana', password: 'whatever1' })).rejects.toThrow('User "ana" already exists.');
    await expect(gov.addUser({ username: 'bad name', password: 'whatever1' })).rejects.toThrow(/Invalid username "bad name"/);
    await expect(gov.addUser({ username: 'bo', password: 'short' })).rejects.toThrow(/too short/);
    await expect(gov.addUser({ username: 'bo', password: 'whatever1', email: 'not-an-email' })).rejects.toThrow(/Invalid email/);
    await expect(gov.addUser({ username: 'bo', password: 'whatever1', permissions: ['fly'] })).rejects.toThrow(/Unknown permission "fly"/);
    await expect(gov.addUser({ username: 'bo', password: 'whatever1', groups: ['nogroup'] })).rejects.toThrow('Unknown group: nogroup');
    expect(gov.findUser('bo')).toBeUndefined();
  });
});

describe('groups and API keys', () => {
  it('adds groups and members', async () => {
    await gov.addGroup('analysts', ['create_dataset']);
    await gov.addUser({ username: 'bo', password: 'whatever1', groups: ['analysts'] });
    expect(gov.groupsOf('bo')).toEqual(['analysts']);
    expect(gov.members('analysts')).toEqual(['bo']);
    await expect(gov.addGroup('analysts')).rejects.toThrow('Group "analysts" already exists.');
  });
  it('creates a key stored as the SHA-256 of its secret, authenticates it, and revokes it', async () => {
    const { keyId, key } = await gov.createApiKey('ana', ['edit_dataset']);
    expect(key).toMatch(/^agk_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
    const secret = key.split('_').slice(2).join('_');
    const rows = await ctx.backend.query('SELECT * FROM agora_api_keys WHERE key_id = ?', [keyId]);
    expect(rows[0].secret_hash).toBe(createHash('sha256').update(secret).digest('hex'));
    expect(JSON.stringify(rows)).not.toContain(secret);
    expect(gov.authenticateKey(key)?.user.username).toBe('ana');
    expect(gov.authenticateKey(key.slice(0, -1) + (key.endsWith('A') ? 'B' : 'A'))).toBeNull();
    expect(gov.authenticateKey('garbage')).toBeNull();
    await gov.revokeApiKey(keyId);
    expect(gov.authenticateKey(key)).toBeNull();
    await expect(gov.revokeApiKey('0000000000000000')).rejects.toThrow('Unknown API key id: 0000000000000000');
    await expect(gov.createApiKey('ana', ['admin'])).rejects.toThrow(/not an admin/);
    await expect(gov.createApiKey('ana', ['root'])).rejects.toThrow(/Unknown API key scope "root"/);
  });
  it('bounds a key\'s management powers by its scopes', async () => {
    await gov.addUser({ username: 'root', password: 'whatever1', isAdmin: true });
    const full = gov.authenticateKey((await gov.createApiKey('root', ['admin'])).key)!;
    const readOnly = gov.authenticateKey((await gov.createApiKey('root')).key)!;
    expect(hasPermission(gov, callerFor(gov, full.user, full.key), 'edit_domain')).toBe(true);
    expect(hasPermission(gov, callerFor(gov, readOnly.user, readOnly.key), 'edit_domain')).toBe(false);
    expect(hasPermission(gov, callerFor(gov, gov.getUser('bo')), 'create_dataset')).toBe(true); // through the group
    expect(hasPermission(gov, callerFor(gov, gov.getUser('bo')), 'edit_domain')).toBe(false);
    expect(hasPermission(gov, ANONYMOUS_CALLER, 'create_dataset')).toBe(false);
  });
});

describe('dataset security (ODS semantics)', () => {
  it('validates DatasetSecurity bodies against the dataset, naming the bad key', () => {
    const ds = ctx.catalog.get('sites');
    expect(parseSecurity({ is_data_visible: true, visible_fields: ['site_id', 'name'], filter_query: 'site_id = 1' }, ds))
      .toEqual({ is_data_visible: true, visible_fields: ['site_id', 'name'], filter_query: 'site_id = 1', api_calls_quota: null });
    expect(() => parseSecurity({ visible_fields: ['nope'] }, ds)).toThrow(/security\.visible_fields.*nope/);
    expect(() => parseSecurity({ filter_query: 'nope = 1' }, ds)).toThrow(/security\.filter_query/);
    expect(() => parseSecurity({ is_data_visible: 'yes' }, ds)).toThrow(/security\.is_data_visible/);
    expect(() => parseSecurity({ api_calls_quota: { unit: 'week', limit: 3 } }, ds)).toThrow(/api_calls_quota\.unit/);
    expect(() => parseSecurity({ colour: 'red' }, ds)).toThrow(/security\.colour: unknown key/);
  });
  it('applies default_security to callers without a ruleset, and the union of user and group rulesets otherwise', async () => {
    const ds = ctx.catalog.get('sites');
    const uid = ds.dataset_uid;
    await gov.putRuleset({ datasetUid: uid, target: { kind: 'default' }, permissions: [], security: parseSecurity({ is_data_visible: false }, ds) });
    await gov.putRuleset({ datasetUid: uid, target: { kind: 'user', username: 'ana' }, permissions: [], security: parseSecurity({ visible_fields: ['site_id'], filter_query: 'site_id = 1' }, ds) });
    await gov.putRuleset({ datasetUid: uid, target: { kind: 'group', name: 'analysts' }, permissions: ['edit_dataset'], security: parseSecurity({ visible_fields: ['name'], filter_query: 'site_id = 2' }, ds) });
    expect(effectiveSecurity(gov, ANONYMOUS_CALLER, ds)?.is_data_visible).toBe(false);
    expect(effectiveSecurity(gov, callerFor(gov, gov.getUser('ana')), ds)).toMatchObject({ visible_fields: ['site_id'], filter_query: 'site_id = 1' });
    await gov.addMember('analysts', 'ana');
    expect(effectiveSecurity(gov, callerFor(gov, gov.getUser('ana')), ds)).toMatchObject({
      is_data_visible: true, visible_fields: ['site_id', 'name'], filter_query: '(site_id = 1) OR (site_id = 2)',
    });
    expect(effectiveSecurity(gov, callerFor(gov, gov.getUser('root')), ds)).toBeNull();
    expect(hasPermission(gov, callerFor(gov, gov.getUser('bo')), 'edit_dataset', ds)).toBe(true);
    expect(hasPermission(gov, callerFor(gov, gov.getUser('bo')), 'publish_dataset', ds)).toBe(false);
  });
  it('shows a restricted dataset only to callers with a ruleset or the permission; default_security has no effect there', async () => {
    const ds = { ...ctx.catalog.get('sites'), is_restricted: true };
    await gov.addUser({ username: 'cy', password: 'whatever1' });
    await gov.addUser({ username: 'di', password: 'whatever1', permissions: ['explore_restricted_dataset'] });
    expect(canSeeDataset(gov, ANONYMOUS_CALLER, ds)).toBe(false);
    expect(canSeeDataset(gov, callerFor(gov, gov.getUser('cy')), ds)).toBe(false);
    expect(canSeeDataset(gov, callerFor(gov, gov.getUser('bo')), ds)).toBe(true); // group ruleset
    expect(canSeeDataset(gov, callerFor(gov, gov.getUser('di')), ds)).toBe(true);
    expect(canSeeDataset(gov, callerFor(gov, gov.getUser('root')), ds)).toBe(true);
    expect(canSeeDataset(gov, callerFor(gov, gov.getUser('root')), { ...ds, is_published: false })).toBe(false);
  });
  it('keeps everything across a reopen of the store file', async () => {
    await closePortal(ctx);
    ctx = await openPortal({ dataDir: join(dir, 'data'), readPoolSize: 1 });
    const again = await ensureGovernance(ctx);
    expect(again.users().map((u) => u.username)).toEqual(['ana', 'bo', 'cy', 'di', 'root']);
    expect(again.groupsOf('ana')).toEqual(['analysts']);
    expect(again.rulesets(ctx.catalog.get('sites').dataset_uid)).toHaveLength(3);
    expect(await again.checkPassword('ana', 'correct horse')).not.toBeNull();
    expect(again.apiKeys('ana')[0].revoked).not.toBeNull();
    gov = again;
  });
});
