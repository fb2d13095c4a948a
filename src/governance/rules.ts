// Who a caller is and what they may do: domain permissions, dataset visibility and the effective
// security of a dataset (ODS semantics), as pure functions over the store's in-memory copy.
import type { AccessRules } from '../core/request.ts';
import type { Dataset } from '../core/types.ts';
import type { GovernanceStore } from './store.ts';
import {
  DOMAIN_PERMISSIONS, QUOTA_UNITS,
  type ApiKey, type DatasetPermission, type DatasetSecurity, type DomainPermission, type QuotaUnit, type Ruleset, type User,
} from './types.ts';

/** The identity behind one request: anonymous, or a user (through an API key or a session). */
export interface Caller {
  user: User | null;
  groups: string[];
  /** Set when the caller authenticated with an API key: its scopes bound management powers. */
  key: ApiKey | null;
}

export const ANONYMOUS_CALLER: Caller = Object.freeze({ user: null, groups: [], key: null });

export function callerFor(store: GovernanceStore, user: User, key: ApiKey | null = null): Caller {
  return { user, groups: store.groupsOf(user.username), key };
}

/** Admin for reading: sees every published dataset with no rules. */
export function isAdmin(c: Caller): boolean {
  return !!c.user?.isAdmin;
}

/** The domain permissions of the user and their groups (every one for an admin). */
function userDomainPermissions(store: GovernanceStore, c: Caller): Set<DomainPermission> {
  if (!c.user) return new Set();
  if (c.user.isAdmin) return new Set(DOMAIN_PERMISSIONS);
  const out = new Set(c.user.permissions);
  for (const g of c.groups) for (const p of store.findGroup(g)?.permissions ?? []) out.add(p);
  return out;
}

/** Does the caller hold a domain permission for reading (admins hold all; key scopes bound only management)? */
export function holdsPermission(store: GovernanceStore, c: Caller, p: DomainPermission): boolean {
  return userDomainPermissions(store, c).has(p);
}

/** Rulesets declared for the caller on a dataset: their own and their groups'. */
export function declaredRulesets(store: GovernanceStore, c: Caller, ds: Dataset): Ruleset[] {
  if (!c.user) return [];
  const name = c.user.username;
  const own = store.rulesets(ds.dataset_uid).filter((r) => r.target.kind === 'user' && r.target.username === name);
  const viaGroups = store.rulesets(ds.dataset_uid).filter((r) => r.target.kind === 'group' && c.groups.includes(r.target.name));
  return [...own, ...viaGroups];
}

/** Reading everything: admins and holders of the domain permission explore_restricted_dataset. */
function readsEverything(store: GovernanceStore, c: Caller): boolean {
  return isAdmin(c) || userDomainPermissions(store, c).has('explore_restricted_dataset');
}

/** ODS: a restricted dataset is visible only to callers with a ruleset declared for them (directly
 *  or through a group) or the permission to explore restricted datasets. Drafts stay unpublished. */
export function canSeeDataset(store: GovernanceStore, c: Caller, ds: Dataset): boolean {
  if (!ds.is_published) return false;
  if (!ds.is_restricted) return true;
  return readsEverything(store, c) || declaredRulesets(store, c, ds).length > 0;
}

/** The effective security of the caller on a dataset: the union of their declared rulesets, else
 *  the dataset's default_security; none for admins and explore_restricted_dataset holders. */
export function effectiveSecurity(store: GovernanceStore, c: Caller, ds: Dataset): DatasetSecurity | null {
  if (readsEverything(store, c)) return null;
  const declared = declaredRulesets(store, c, ds);
  if (declared.length > 0) return unionSecurity(declared.map((r) => r.security));
  const def = store.findRuleset(ds.dataset_uid, { kind: 'default' });
  return def ? def.security : null;
}

/** "Everything their rulesets grant": rows and fields visible under any of them. */
export function unionSecurity(all: DatasetSecurity[]): DatasetSecurity {
  const visible = all.filter((s) => s.is_data_visible);
  const fieldsOf = (xs: DatasetSecurity[]) => (xs.some((s) => s.visible_fields === null) ? null : [...new Set(xs.flatMap((s) => s.visible_fields ?? []))]);
  if (visible.length === 0) return { is_data_visible: false, visible_fields: fieldsOf(all), filter_query: '', api_calls_quota: mostGenerousQuota(all) };
  const filters = visible.map((s) => s.filter_query.trim());
  const filter_query = filters.some((f) => f === '') ? '' : filters.length === 1 ? filters[0] : filters.map((f) => `(${f})`).join(' OR ');
  return { is_data_visible: true, visible_fields: fieldsOf(visible), filter_query, api_calls_quota: mostGenerousQuota(visible) };
}

export const UNIT_SECONDS: Record<QuotaUnit, number> = { second: 1, minute: 60, hour: 3600, day: 86400, month: 2592000 };

function mostGenerousQuota(all: DatasetSecurity[]): DatasetSecurity['api_calls_quota'] {
  if (all.length === 0 || all.some((s) => s.api_calls_quota === null)) return null;
  const qs = all.map((s) => s.api_calls_quota!).filter((q) => QUOTA_UNITS.includes(q.unit));
  return qs.reduce((best, q) => (q.limit / UNIT_SECONDS[q.unit] > best.limit / UNIT_SECONDS[best.unit] ? q : best));
}

/** The plan stage's view of a security ruleset. */
export function toAccessRules(s: DatasetSecurity | null): AccessRules {
  if (!s) return {};
  return { isDataVisible: s.is_data_visible, visibleFields: s.visible_fields, filterQuery: s.filter_query || undefined };
}

/** May the caller use a management permission (on a dataset when given)? An API key only passes on
 *  the permissions in its scopes ('admin' for an admin's full powers). */
export function hasPermission(store: GovernanceStore, c: Caller, p: DomainPermission, ds?: Dataset): boolean {
  if (!c.user || !c.user.isActive) return false;
  const scoped = (x: DomainPermission | 'admin') => !c.key || c.key.scopes.includes(x) || c.key.scopes.includes('admin');
  if (c.user.isAdmin && (!c.key || c.key.scopes.includes('admin'))) return true;
  if (!scoped(p)) return false;
  if (userDomainPermissions(store, { ...c, user: { ...c.user, isAdmin: false } }).has(p)) return true;
  if (!ds || !(DATASET_PERMISSION_SET as Set<string>).has(p)) return false;
  return declaredRulesets(store, c, ds).some((r) => r.permissions.includes(p as DatasetPermission));
}

const DATASET_PERMISSION_SET = new Set<string>(['explore_restricted_dataset', 'edit_dataset', 'publish_dataset', 'manage_dataset']);
