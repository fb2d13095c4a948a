// The accounts store: users, groups and membership, API keys and per-dataset security rulesets, in
// tables of the embedded store created on open (like the catalog's), with an in-memory copy that
// request handling reads synchronously. Every write is one transaction with bound parameters.
import type { Backend, Row, WriteTx } from '../storage/backend.ts';
import { shareChanges, type SharedCopy } from '../storage/changes.ts';
import { AgoraError } from '../core/errors.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { createSessionsTable, endSessions } from './sessions.ts';
import { newKeyMaterial, parseKey, secretMatches } from './apikeys.ts';
import {
  DOMAIN_PERMISSIONS, KEY_SCOPES,
  type ApiKey, type DomainPermission, type Group, type KeyScope, type Ruleset, type RulesetTarget, type User,
} from './types.ts';

const T = {
  users: 'agora_users', groups: 'agora_groups', members: 'agora_group_members',
  keys: 'agora_api_keys', rules: 'agora_dataset_security',
} as const;

const USERNAME_RE = /^[A-Za-z0-9][A-Za-z0-9._@+-]{0,63}$/;
const GROUP_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface NewUser {
  username: string;
  password: string;
  email?: string | null;
  isAdmin?: boolean;
  permissions?: string[];
  groups?: string[];
}

interface Snapshot {
  users: Map<string, User>;
  groups: Map<string, Group>;
  /** username → group names */
  memberOf: Map<string, string[]>;
  keys: Map<string, ApiKey>;
  /** dataset uid → rulesets */
  rules: Map<string, Ruleset[]>;
}

export function targetKey(t: RulesetTarget): string {
  return t.kind === 'user' ? t.username : t.kind === 'group' ? t.name : '';
}

export class GovernanceStore {
  private peers: SharedCopy | null = null;
  private s: Snapshot = { users: new Map(), groups: new Map(), memberOf: new Map(), keys: new Map(), rules: new Map() };
  constructor(readonly backend: Backend) {}

  async open(): Promise<void> {
    await this.backend.write(async (tx) => {
      await tx.exec(`CREATE TABLE IF NOT EXISTS ${T.users} (username VARCHAR NOT NULL, email VARCHAR, password_hash VARCHAR NOT NULL,
        is_admin BOOLEAN NOT NULL, permissions VARCHAR NOT NULL, is_active BOOLEAN NOT NULL, created VARCHAR NOT NULL)`);
      await tx.exec(`CREATE TABLE IF NOT EXISTS ${T.groups} (name VARCHAR NOT NULL, permissions VARCHAR NOT NULL, created VARCHAR NOT NULL)`);
      await tx.exec(`ALTER TABLE ${T.groups} ADD COLUMN IF NOT EXISTS title VARCHAR`);
      await tx.exec(`ALTER TABLE ${T.groups} ADD COLUMN IF NOT EXISTS description VARCHAR`);
      await tx.exec(`CREATE TABLE IF NOT EXISTS ${T.members} (group_name VARCHAR NOT NULL, username VARCHAR NOT NULL)`);
      await tx.exec(`CREATE TABLE IF NOT EXISTS ${T.keys} (key_id VARCHAR NOT NULL, username VARCHAR NOT NULL, secret_hash VARCHAR NOT NULL,
        scopes VARCHAR NOT NULL, created VARCHAR NOT NULL, revoked VARCHAR)`);
      await tx.exec(`CREATE TABLE IF NOT EXISTS ${T.rules} (dataset_uid VARCHAR NOT NULL, target_kind VARCHAR NOT NULL, target VARCHAR NOT NULL,
        permissions VARCHAR NOT NULL, security VARCHAR NOT NULL)`);
      await createSessionsTable(tx);
    });
    await this.reload();
    this.peers = await shareChanges(this.backend, 'agora_governance', () => this.reload());
  }

  private async reload(): Promise<void> {
    const q = (sql: string) => this.backend.query(sql);
    const [users, groups, members, keys, rules] = await Promise.all([
      q(`SELECT * FROM ${T.users} ORDER BY username`), q(`SELECT * FROM ${T.groups} ORDER BY name`),
      q(`SELECT * FROM ${T.members} ORDER BY group_name`), q(`SELECT * FROM ${T.keys} ORDER BY created, key_id`),
      q(`SELECT * FROM ${T.rules} ORDER BY dataset_uid, target_kind, target`),
    ]);
    const s: Snapshot = { users: new Map(), groups: new Map(), memberOf: new Map(), keys: new Map(), rules: new Map() };
    for (const r of users) s.users.set(String(r.username), rowToUser(r));
    for (const r of groups) {
      s.groups.set(String(r.name), {
        name: String(r.name), permissions: JSON.parse(String(r.permissions)), created: String(r.created),
        title: r.title == null ? null : String(r.title), description: r.description == null ? null : String(r.description),
      });
    }
    for (const r of members) {
      const u = String(r.username);
      s.memberOf.set(u, [...(s.memberOf.get(u) ?? []), String(r.group_name)]);
    }
    for (const r of keys) s.keys.set(String(r.key_id), rowToKey(r));
    for (const r of rules) {
      const rs = rowToRuleset(r);
      s.rules.set(rs.datasetUid, [...(s.rules.get(rs.datasetUid) ?? []), rs]);
    }
    this.s = s;
  }

  private async change(fn: (tx: WriteTx) => Promise<void>): Promise<void> {
    await this.backend.write(fn);
    await this.reload();
    await this.peers?.changed();
  }

  // ---- users ----
  users(): User[] { return [...this.s.users.values()]; }
  findUser(username: string): User | undefined { return this.s.users.get(username); }
  getUser(username: string): User {
    const u = this.s.users.get(username);
    if (!u) throw new AgoraError('ACCOUNT_NOT_FOUND', `Unknown user: ${username}`, { username });
    return u;
  }
  groupsOf(username: string): string[] { return this.s.memberOf.get(username) ?? []; }

  async addUser(n: NewUser): Promise<User> {
    if (!USERNAME_RE.test(n.username)) throw new AgoraError('PARAMETER_INVALID', `Invalid username "${n.username}": use 1-64 letters, digits, . _ @ + - (starting with a letter or digit).`);
    if (this.s.users.has(n.username)) throw new AgoraError('ACCOUNT_EXISTS', `User "${n.username}" already exists.`);
    const email = n.email?.trim() || null;
    if (email && !EMAIL_RE.test(email)) throw new AgoraError('PARAMETER_INVALID', `Invalid email address for user "${n.username}": ${email}`);
    const permissions = checkDomainPermissions(n.permissions ?? []);
    for (const g of n.groups ?? []) this.getGroup(g);
    const user: User = {
      username: n.username, email, passwordHash: await hashPassword(n.password), isAdmin: n.isAdmin ?? false,
      permissions, isActive: true, created: new Date().toISOString(),
    };
    await this.change(async (tx) => {
      await insertUser(tx, user);
      for (const g of new Set(n.groups ?? [])) await tx.exec(`INSERT INTO ${T.members} VALUES (?, ?)`, [g, user.username]);
    });
    return this.getUser(user.username);
  }

  async updateUser(username: string, patch: { email?: string | null; isAdmin?: boolean; permissions?: string[]; isActive?: boolean; password?: string }): Promise<User> {
    const old = this.getUser(username);
    const next: User = { ...old };
    if (patch.email !== undefined) {
      const email = patch.email?.trim() || null;
      if (email && !EMAIL_RE.test(email)) throw new AgoraError('PARAMETER_INVALID', `Invalid email address for user "${username}": ${email}`);
      next.email = email;
    }
    if (patch.isAdmin !== undefined) next.isAdmin = patch.isAdmin;
    if (patch.isActive !== undefined) next.isActive = patch.isActive;
    if (patch.permissions !== undefined) next.permissions = checkDomainPermissions(patch.permissions);
    if (patch.password !== undefined) next.passwordHash = await hashPassword(patch.password);
    await this.change(async (tx) => {
      await tx.exec(`DELETE FROM ${T.users} WHERE username = ?`, [username]);
      await insertUser(tx, next);
      // A new password or a lock ends the sessions opened before it, in the same transaction.
      if (patch.password !== undefined || (old.isActive && !next.isActive)) await endSessions(tx, username);
    });
    return this.getUser(username);
  }

  async deleteUser(username: string): Promise<void> {
    this.getUser(username);
    await this.change(async (tx) => {
      await tx.exec(`DELETE FROM ${T.users} WHERE username = ?`, [username]);
      await tx.exec(`DELETE FROM ${T.members} WHERE username = ?`, [username]);
      await tx.exec(`DELETE FROM ${T.keys} WHERE username = ?`, [username]);
      await tx.exec(`DELETE FROM ${T.rules} WHERE target_kind = 'user' AND target = ?`, [username]);
      await endSessions(tx, username);
    });
  }

  /** The active user with this username and password, or null (same answer for both failures). */
  async checkPassword(username: string, password: string): Promise<User | null> {
    const u = this.s.users.get(username);
    if (!u || !u.isActive) {
      // Spend the same time as a real check so timing does not reveal which usernames exist.
      await verifyPassword(password, await dummy());
      return null;
    }
    return (await verifyPassword(password, u.passwordHash)) ? u : null;
  }

  // ---- groups ----
  groups(): Group[] { return [...this.s.groups.values()]; }
  findGroup(name: string): Group | undefined { return this.s.groups.get(name); }
  getGroup(name: string): Group {
    const g = this.s.groups.get(name);
    if (!g) throw new AgoraError('ACCOUNT_NOT_FOUND', `Unknown group: ${name}`, { group: name });
    return g;
  }
  members(group: string): string[] {
    return [...this.s.memberOf].filter(([, gs]) => gs.includes(group)).map(([u]) => u).sort();
  }

  async addGroup(name: string, permissions: string[] = [], info: { title?: string | null; description?: string | null } = {}): Promise<Group> {
    if (!GROUP_RE.test(name)) throw new AgoraError('PARAMETER_INVALID', `Invalid group name "${name}": use 1-64 letters, digits, . _ - (starting with a letter or digit).`);
    if (this.s.groups.has(name)) throw new AgoraError('ACCOUNT_EXISTS', `Group "${name}" already exists.`);
    const g: Group = { name, permissions: checkDomainPermissions(permissions), created: new Date().toISOString(), title: info.title ?? null, description: info.description ?? null };
    await this.change((tx) => insertGroup(tx, g));
    return this.getGroup(name);
  }

  async updateGroup(name: string, patch: { permissions?: string[]; title?: string | null; description?: string | null }): Promise<Group> {
    const next: Group = { ...this.getGroup(name) };
    if (patch.permissions !== undefined) next.permissions = checkDomainPermissions(patch.permissions);
    if (patch.title !== undefined) next.title = patch.title;
    if (patch.description !== undefined) next.description = patch.description;
    await this.change(async (tx) => {
      await tx.exec(`DELETE FROM ${T.groups} WHERE name = ?`, [name]);
      await insertGroup(tx, next);
    });
    return this.getGroup(name);
  }

  async deleteGroup(name: string): Promise<void> {
    this.getGroup(name);
    await this.change(async (tx) => {
      await tx.exec(`DELETE FROM ${T.groups} WHERE name = ?`, [name]);
      await tx.exec(`DELETE FROM ${T.members} WHERE group_name = ?`, [name]);
      await tx.exec(`DELETE FROM ${T.rules} WHERE target_kind = 'group' AND target = ?`, [name]);
    });
  }

  async addMember(group: string, username: string): Promise<void> {
    this.getGroup(group);
    this.getUser(username);
    if (this.groupsOf(username).includes(group)) return;
    await this.change((tx) => tx.exec(`INSERT INTO ${T.members} VALUES (?, ?)`, [group, username]));
  }

  async removeMember(group: string, username: string): Promise<void> {
    await this.change((tx) => tx.exec(`DELETE FROM ${T.members} WHERE group_name = ? AND username = ?`, [group, username]));
  }

  // ---- API keys ----
  apiKeys(username?: string): ApiKey[] {
    return [...this.s.keys.values()].filter((k) => username === undefined || k.username === username);
  }

  /** Creates a key; the returned `key` is shown once and never stored. */
  async createApiKey(username: string, scopes: string[] = []): Promise<{ keyId: string; key: string; scopes: KeyScope[] }> {
    const user = this.getUser(username);
    const checked = checkScopes(scopes);
    if (checked.includes('admin') && !user.isAdmin) throw new AgoraError('PARAMETER_INVALID', `User "${username}" is not an admin: a key cannot have the admin scope.`);
    const m = newKeyMaterial();
    await this.change((tx) => tx.exec(`INSERT INTO ${T.keys} VALUES (?, ?, ?, ?, ?, NULL)`,
      [m.keyId, username, m.secretHash, JSON.stringify(checked), new Date().toISOString()]));
    return { keyId: m.keyId, key: m.key, scopes: checked };
  }

  async revokeApiKey(keyId: string): Promise<ApiKey> {
    const k = this.s.keys.get(keyId);
    if (!k) throw new AgoraError('ACCOUNT_NOT_FOUND', `Unknown API key id: ${keyId}`, { key_id: keyId });
    if (!k.revoked) await this.change((tx) => tx.exec(`UPDATE ${T.keys} SET revoked = ? WHERE key_id = ?`, [new Date().toISOString(), keyId]));
    return this.s.keys.get(keyId)!;
  }

  /** The live key and its active user for a presented key, or null. */
  authenticateKey(presented: string): { key: ApiKey; user: User } | null {
    const parsed = parseKey(presented);
    if (!parsed) return null;
    const k = this.s.keys.get(parsed.keyId);
    if (!k || k.revoked || !secretMatches(parsed.secret, k.secretHash)) return null;
    const user = this.s.users.get(k.username);
    return user && user.isActive ? { key: k, user } : null;
  }

  // ---- dataset security rulesets ----
  rulesets(datasetUid: string): Ruleset[] { return this.s.rules.get(datasetUid) ?? []; }
  findRuleset(datasetUid: string, target: RulesetTarget): Ruleset | undefined {
    return this.rulesets(datasetUid).find((r) => r.target.kind === target.kind && targetKey(r.target) === targetKey(target));
  }

  /** Creates or replaces the ruleset of a target on a dataset (the target must exist). */
  async putRuleset(r: Ruleset): Promise<Ruleset> {
    if (r.target.kind === 'user') this.getUser(r.target.username);
    if (r.target.kind === 'group') this.getGroup(r.target.name);
    await this.change(async (tx) => {
      await tx.exec(`DELETE FROM ${T.rules} WHERE dataset_uid = ? AND target_kind = ? AND target = ?`, [r.datasetUid, r.target.kind, targetKey(r.target)]);
      await tx.exec(`INSERT INTO ${T.rules} VALUES (?, ?, ?, ?, ?)`,
        [r.datasetUid, r.target.kind, targetKey(r.target), JSON.stringify(r.permissions), JSON.stringify(r.security)]);
    });
    return this.findRuleset(r.datasetUid, r.target)!;
  }

  async deleteRuleset(datasetUid: string, target: RulesetTarget): Promise<boolean> {
    if (!this.findRuleset(datasetUid, target)) return false;
    await this.change((tx) => tx.exec(`DELETE FROM ${T.rules} WHERE dataset_uid = ? AND target_kind = ? AND target = ?`, [datasetUid, target.kind, targetKey(target)]));
    return true;
  }

  async deleteDatasetRulesets(datasetUid: string): Promise<void> {
    await this.change((tx) => tx.exec(`DELETE FROM ${T.rules} WHERE dataset_uid = ?`, [datasetUid]));
  }
}

/** A valid scrypt hash of a random string, checked when the username is unknown. */
let dummyHash: Promise<string> | null = null;
function dummy(): Promise<string> { return (dummyHash ??= hashPassword(newKeyMaterial().secret)); }

export function checkDomainPermissions(ps: string[]): DomainPermission[] {
  for (const p of ps) {
    if (!DOMAIN_PERMISSIONS.includes(p as DomainPermission)) {
      throw new AgoraError('PARAMETER_INVALID', `Unknown permission "${p}"; expected one of ${DOMAIN_PERMISSIONS.join(', ')}.`);
    }
  }
  return [...new Set(ps as DomainPermission[])];
}

function checkScopes(ss: string[]): KeyScope[] {
  for (const s of ss) {
    if (!KEY_SCOPES.includes(s as KeyScope)) throw new AgoraError('PARAMETER_INVALID', `Unknown API key scope "${s}"; expected one of ${KEY_SCOPES.join(', ')}.`);
  }
  return [...new Set(ss as KeyScope[])];
}

async function insertGroup(tx: WriteTx, g: Group): Promise<void> {
  await tx.exec(`INSERT INTO ${T.groups} (name, permissions, created, title, description) VALUES (?, ?, ?, ?, ?)`,
    [g.name, JSON.stringify(g.permissions), g.created, g.title, g.description]);
}

async function insertUser(tx: WriteTx, u: User): Promise<void> {
  await tx.exec(`INSERT INTO ${T.users} VALUES (?, ?, ?, ?, ?, ?, ?)`,
    [u.username, u.email, u.passwordHash, u.isAdmin, JSON.stringify(u.permissions), u.isActive, u.created]);
}

function rowToUser(r: Row): User {
  return {
    username: String(r.username), email: r.email === null ? null : String(r.email), passwordHash: String(r.password_hash),
    isAdmin: Boolean(r.is_admin), permissions: JSON.parse(String(r.permissions)), isActive: Boolean(r.is_active), created: String(r.created),
  };
}

function rowToKey(r: Row): ApiKey {
  return {
    keyId: String(r.key_id), username: String(r.username), secretHash: String(r.secret_hash),
    scopes: JSON.parse(String(r.scopes)), created: String(r.created), revoked: r.revoked === null ? null : String(r.revoked),
  };
}

function rowToRuleset(r: Row): Ruleset {
  const kind = String(r.target_kind);
  const target: RulesetTarget = kind === 'user' ? { kind, username: String(r.target) } : kind === 'group' ? { kind, name: String(r.target) } : { kind: 'default' };
  return { datasetUid: String(r.dataset_uid), target, permissions: JSON.parse(String(r.permissions)), security: JSON.parse(String(r.security)) };
}
