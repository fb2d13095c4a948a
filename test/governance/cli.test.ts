// `agora user|group|apikey` as a user runs them: real processes through bin/agora.js on a temp data
// dir; the results are then read back from the store file in-process.
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closePortal, openPortal } from '../../src/server/portal.ts';
import { ensureAudit, ensureGovernance } from '../../src/governance/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'agora-gov-cli-'));
const data = join(dir, 'data');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function agora(...args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, ['bin/agora.js', ...args, '--data', data], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('agora user / group / apikey', () => {
  it('prints help for each command', () => {
    for (const c of ['user', 'group', 'apikey']) {
      const h = agora(c, '--help');
      expect(h.code, c).toBe(0);
      expect(h.out).toMatch(new RegExp(`Usage: agora ${c} `));
      expect(h.out).toContain('--data DIR');
    }
    expect(agora('--help').out).toMatch(/apikey/);
  });

  let keyId = '';
  let key = '';
  it('adds a group, users (one admin, one in the group) and an API key printed as the last line', () => {
    expect(agora('group', 'add', 'editors').code).toBe(0);
    const a = agora('user', 'add', 'ana', '--password', 's3cret-pass', '--email', 'ana@city.example', '--group', 'editors');
    expect(a.code, a.err).toBe(0);
    expect(a.out + a.err).not.toContain('s3cret-pass');
    expect(agora('user', 'add', 'root', '--password', 'another-pass', '--admin').code).toBe(0);
    const c = agora('apikey', 'create', 'ana', '--scope', 'edit_dataset');
    expect(c.code, c.err).toBe(0);
    const lines = c.out.trim().split('\n');
    key = lines[lines.length - 1];
    expect(key).toMatch(/^agk_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
    keyId = key.split('_')[1];
    expect(c.out).toContain(keyId);
    const list = JSON.parse(agora('apikey', 'list', 'ana', '--json').out);
    expect(list).toEqual([expect.objectContaining({ key_id: keyId, username: 'ana', scopes: ['edit_dataset'], revoked: null })]);
    expect(JSON.stringify(list)).not.toContain(key.slice('agk_0123456789abcdef_'.length));
  });

  it('changes group membership', () => {
    expect(agora('group', 'add', 'auditors').code).toBe(0);
    expect(agora('group', 'add-member', 'auditors', 'root').code).toBe(0);
    expect(JSON.parse(agora('group', 'list', '--json').out)).toEqual(expect.arrayContaining([{ name: 'auditors', permissions: [], members: ['root'] }]));
    expect(agora('group', 'remove-member', 'auditors', 'root').code).toBe(0);
    expect(JSON.parse(agora('group', 'list', '--json').out)).toEqual(expect.arrayContaining([{ name: 'auditors', permissions: [], members: [] }]));
    expect(agora('group', 'add-member', 'auditors', 'nobody').err).toContain('Unknown user: nobody');
  });

  it('fails clearly on bad input', () => {
    const dup = agora('user', 'add', 'ana', '--password', 's3cret-pass');
    expect(dup.code).toBe(1);
    expect(dup.err).toContain('User "ana" already exists.');
    const noGroup = agora('user', 'add', 'bo', '--password', 's3cret-pass', '--group', 'nope');
    expect(noGroup.code).toBe(1);
    expect(noGroup.err).toContain('Unknown group: nope');
    expect(agora('user', 'add', 'bo').code).toBe(2);
    expect(agora('apikey', 'create', 'nobody').err).toContain('Unknown user: nobody');
    expect(agora('apikey', 'revoke', 'ffffffffffffffff').err).toContain('Unknown API key id: ffffffffffffffff');
    expect(agora('group', 'add', 'editors').err).toContain('Group "editors" already exists.');
  });

  let resetToken = '';
  it('issues a password reset token as the last line', () => {
    const r = agora('user', 'reset-password', 'ana');
    expect(r.code, r.err).toBe(0);
    resetToken = r.out.trim().split('\n').pop()!;
    expect(resetToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(agora('user', 'reset-password', 'nobody').err).toContain('Unknown user: nobody');
  });

  it('stores what the commands said, and revokes the key', async () => {
    expect(agora('apikey', 'revoke', keyId).code).toBe(0);
    const ctx = await openPortal({ dataDir: data, readPoolSize: 1 });
    try {
      const gov = await ensureGovernance(ctx);
      expect(gov.users().map((u) => [u.username, u.email, u.isAdmin])).toEqual([['ana', 'ana@city.example', false], ['root', null, true]]);
      expect(gov.groupsOf('ana')).toEqual(['editors']);
      expect(await gov.checkPassword('ana', 's3cret-pass')).not.toBeNull();
      expect(gov.apiKeys('ana')[0].revoked).not.toBeNull();
      expect(gov.authenticateKey(key)).toBeNull();
      const { entries } = await (await ensureAudit(ctx)).list(100, 0);
      expect(entries.map((e) => [e.action, e.target]).reverse()).toEqual([
        ['group.add', 'editors'], ['user.add', 'ana'], ['user.add', 'root'], ['apikey.create', 'ana'],
        ['group.add', 'auditors'], ['group.member.add', 'auditors'], ['group.member.remove', 'auditors'],
        ['password_reset.request', 'ana'], ['apikey.revoke', 'ana'],
      ]);
      const { PasswordResets } = await import('../../src/governance/resets.ts');
      const resets = new PasswordResets(ctx.backend, gov);
      expect(await resets.consume(resetToken, 'reset-by-token')).toBe('ana');
      expect(await gov.checkPassword('ana', 'reset-by-token')).not.toBeNull();
      expect(entries.every((e) => e.actor.startsWith('cli') && e.ip === null)).toBe(true);
      expect(JSON.stringify(entries)).not.toContain('s3cret-pass');
      expect(JSON.stringify(entries)).not.toContain(key.slice('agk_0123456789abcdef_'.length));
    } finally { await closePortal(ctx); }
  });

  it('locks, unlocks and sets a password: sessions end, keys are refused while locked, all audited', async () => {
    const key2 = agora('apikey', 'create', 'root').out.trim().split('\n').pop()!;
    const signedIn = await openPortal({ dataDir: data, readPoolSize: 1 });
    try {
      const { SessionStore } = await import('../../src/governance/sessions.ts');
      const gov = await ensureGovernance(signedIn);
      const sessions = new SessionStore(signedIn.backend, gov);
      await sessions.open();
      await sessions.create(gov.getUser('root'));
    } finally { await closePortal(signedIn); }
    const lock = agora('user', 'lock', 'root');
    expect(lock.code, lock.err).toBe(0);
    expect(lock.out).toContain('Locked root');
    expect(agora('user', 'list').out).toMatch(/^root\t\tadmin\t\tlocked$/m);
    expect(agora('user', 'lock', 'root').out).toContain('root was already locked.');
    const ctx = await openPortal({ dataDir: data, readPoolSize: 1 });
    try {
      const gov = await ensureGovernance(ctx);
      expect(await ctx.backend.query("SELECT * FROM agora_sessions WHERE username = 'root'")).toEqual([]);
      expect(gov.authenticateKey(key2)).toBeNull();
      expect(await gov.checkPassword('root', 'another-pass')).toBeNull();
    } finally { await closePortal(ctx); }
    expect(agora('user', 'unlock', 'root').code).toBe(0);
    const short = agora('user', 'set-password', 'root', '--password', 'short');
    expect(short.code).not.toBe(0);
    expect(short.err).toContain('The password is too short');
    expect(agora('user', 'set-password', 'root').err).toContain('missing --password');
    const set = agora('user', 'set-password', 'root', '--password', 'brand-new-pass');
    expect(set.code, set.err).toBe(0);
    expect(set.out + set.err).not.toContain('brand-new-pass');
    expect(agora('user', 'lock', 'nobody').err).toContain('Unknown user: nobody');
    const after = await openPortal({ dataDir: data, readPoolSize: 1 });
    try {
      const gov = await ensureGovernance(after);
      expect(gov.authenticateKey(key2)?.user.username).toBe('root');
      expect(await gov.checkPassword('root', 'brand-new-pass')).not.toBeNull();
      const { entries } = await (await ensureAudit(after)).list(4, 0);
      expect(entries.map((e) => [e.action, e.target]).reverse()).toEqual([['user.lock', 'root'], ['user.lock', 'root'], ['user.unlock', 'root'], ['user.password_set', 'root']]);
    } finally { await closePortal(after); }
  });
});
