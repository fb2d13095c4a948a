// Users and groups through the Automation API (ODS `User`, `UserGroup`): list, retrieve, update,
// delete, provision local users, group membership. All of it needs edit_domain ("user and group
// management"); making someone an admin needs an admin. Bodies never carry password hashes.
import { AgoraError } from '../core/errors.ts';
import type { GovernanceStore } from './store.ts';
import { hasPermission, type Caller } from './rules.ts';
import { requireUser } from './automation.ts';
import type { Group, User } from './types.ts';
import { isPlainObject as isObject } from '../core/types.ts';
import { invalidParameter as invalid } from '../core/errors.ts';

export function requireDomainEditor(store: GovernanceStore, c: Caller): void {
  requireUser(c);
  if (!hasPermission(store, c, 'edit_domain')) throw new AgoraError('FORBIDDEN', 'Permission denied: edit_domain is required to manage users and groups.');
}

/** ODS `User`. `groups` is left out when empty: the spec's `oneOf` of two array shapes matches an
 *  empty list twice, so `[]` would not validate. */
export function userBody(store: GovernanceStore, u: User): Record<string, unknown> {
  const groups = store.groupsOf(u.username).map((uid) => ({ uid }));
  return {
    username: u.username, display_name: u.username, email: u.email ?? '', is_active: u.isActive, account_type: 'local',
    permissions: u.permissions, is_admin: u.isAdmin, joined_at: u.created, ...(groups.length ? { groups } : {}),
  };
}

export function groupBody(store: GovernanceStore, g: Group): Record<string, unknown> {
  return {
    uid: g.name, title: g.title ?? g.name, description: g.description ?? '', user_count: store.members(g.name).length,
    permissions: g.permissions, created_at: g.created, updated_at: g.created,
  };
}

function stringList(v: unknown, where: string): string[] {
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw invalid(where, 'expected a list of strings');
  return v as string[];
}

function groupUids(v: unknown): string[] {
  if (!Array.isArray(v)) throw invalid('groups', 'expected a list of {"uid"}');
  return v.map((g, i) => {
    if (!isObject(g) || typeof g.uid !== 'string') throw invalid(`groups.${i}.uid`, 'expected a string');
    return g.uid;
  });
}

const USER_KEYS = new Set(['username', 'display_name', 'email', 'is_active', 'account_type', 'permissions', 'is_admin', 'joined_at', 'groups']);

/** PUT /users/{username}/: email, permissions, is_active, groups (membership replaced), is_admin (admins only). */
export async function updateUserFromBody(store: GovernanceStore, c: Caller, username: string, body: unknown): Promise<User> {
  requireDomainEditor(store, c);
  const old = store.getUser(username);
  if (!isObject(body)) throw invalid('body', 'expected a User object');
  for (const k of Object.keys(body)) if (!USER_KEYS.has(k)) throw invalid(k, 'unknown key');
  if (body.username !== undefined && body.username !== username) throw invalid('username', 'cannot be changed');
  if (body.is_admin !== undefined && body.is_admin !== old.isAdmin && !c.user?.isAdmin) throw new AgoraError('FORBIDDEN', 'Permission denied: only an admin may grant or remove admin rights.');
  if (body.is_admin !== undefined && typeof body.is_admin !== 'boolean') throw invalid('is_admin', 'expected true or false');
  if (body.is_active !== undefined && typeof body.is_active !== 'boolean') throw invalid('is_active', 'expected true or false');
  if (body.email !== undefined && body.email !== null && typeof body.email !== 'string') throw invalid('email', 'expected a string');
  const groups = body.groups !== undefined ? groupUids(body.groups) : null;
  for (const g of groups ?? []) if (!store.findGroup(g)) throw invalid('groups', `unknown group "${g}"`);
  const permissions = body.permissions !== undefined ? stringList(body.permissions, 'permissions') : undefined;
  try {
    await store.updateUser(username, {
      email: body.email as string | null | undefined, permissions, isActive: body.is_active as boolean | undefined, isAdmin: body.is_admin as boolean | undefined,
    });
  } catch (e) {
    if (e instanceof AgoraError && e.status === 400) throw invalid(/permission/i.test(e.message) ? 'permissions' : 'email', e.message);
    throw e;
  }
  if (groups) {
    const now = store.groupsOf(username);
    for (const g of now) if (!groups.includes(g)) await store.removeMember(g, username);
    for (const g of groups) if (!now.includes(g)) await store.addMember(g, username);
  }
  return store.getUser(username);
}

/** POST /users/provision/: one User body or a list, each with identity_provider {"uid": "local"} and
 *  identity_provider_attributes {"password"}. Answers ODS's per-item map {"0": {status_code, data|error}}. */
export async function provisionUsers(store: GovernanceStore, c: Caller, body: unknown): Promise<Record<string, unknown>> {
  requireDomainEditor(store, c);
  const items = Array.isArray(body) ? body : [body];
  const out: Record<string, unknown> = {};
  for (const [i, item] of items.entries()) {
    try {
      if (!isObject(item)) throw invalid('body', 'expected a User object');
      const idp = item.identity_provider;
      if (!isObject(idp) || idp.uid !== 'local') throw invalid('identity_provider.uid', 'Agora provisions "local" accounts only');
      const attrs = isObject(item.identity_provider_attributes) ? item.identity_provider_attributes : {};
      if (typeof attrs.password !== 'string') throw invalid('identity_provider_attributes.password', 'is required');
      if (typeof item.username !== 'string') throw invalid('username', 'is required');
      if (item.is_admin === true && !c.user?.isAdmin) throw new AgoraError('FORBIDDEN', 'Permission denied: only an admin may create an admin.');
      const u = await store.addUser({
        username: item.username, password: attrs.password, email: typeof item.email === 'string' ? item.email : null,
        isAdmin: item.is_admin === true, permissions: item.permissions === undefined ? [] : stringList(item.permissions, 'permissions'),
        groups: item.groups === undefined ? [] : groupUids(item.groups),
      });
      out[String(i)] = { status_code: 'success', data: userBody(store, u) };
    } catch (e) {
      if (!(e instanceof AgoraError) || e.status >= 500) throw e;
      out[String(i)] = { status_code: 'error', error: { error_code: e.status === 403 ? 'permission_denied' : 'validation_error', message: e.message } };
    }
  }
  return out;
}

/** A group uid from its title: lowercase letters, digits and underscores, made unique. */
export function groupUidFor(store: GovernanceStore, title: string): string {
  const base = title.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 56) || 'group';
  let uid = base;
  for (let n = 2; store.findGroup(uid); n++) uid = `${base}_${n}`;
  return uid;
}

export async function createGroupFromBody(store: GovernanceStore, c: Caller, body: unknown): Promise<Group> {
  requireDomainEditor(store, c);
  if (!isObject(body)) throw invalid('body', 'expected a UserGroup object');
  if (typeof body.title !== 'string' || !body.title.trim()) throw invalid('title', 'is required');
  if (body.description !== undefined && typeof body.description !== 'string') throw invalid('description', 'expected a string');
  const permissions = body.permissions === undefined ? [] : stringList(body.permissions, 'permissions');
  try {
    return await store.addGroup(groupUidFor(store, body.title), permissions, { title: body.title.trim(), description: (body.description as string | undefined) ?? null });
  } catch (e) {
    if (e instanceof AgoraError && e.status === 400) throw invalid('permissions', e.message);
    throw e;
  }
}

export async function updateGroupFromBody(store: GovernanceStore, c: Caller, uid: string, body: unknown): Promise<Group> {
  requireDomainEditor(store, c);
  store.getGroup(uid);
  if (!isObject(body)) throw invalid('body', 'expected a UserGroup object');
  if (body.uid !== undefined && body.uid !== uid) throw invalid('uid', 'is read-only');
  if (body.title !== undefined && (typeof body.title !== 'string' || !body.title.trim())) throw invalid('title', 'expected a non-empty string');
  if (body.description !== undefined && typeof body.description !== 'string') throw invalid('description', 'expected a string');
  const permissions = body.permissions === undefined ? undefined : stringList(body.permissions, 'permissions');
  try {
    return await store.updateGroup(uid, { permissions, title: (body.title as string | undefined)?.trim(), description: body.description as string | undefined });
  } catch (e) {
    if (e instanceof AgoraError && e.status === 400) throw invalid('permissions', e.message);
    throw e;
  }
}
