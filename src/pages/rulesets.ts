// A restricted page's readers as ODS page rulesets (/security/users/ and /security/groups/): one
// ruleset per user or group who may read the page. Per-page edit_page / manage_page grants are not
// kept: they are refused by name (the domain permissions give them), never silently dropped.
import type { GovernanceStore } from '../governance/store.ts';
import { AgoraError } from '../core/errors.ts';
import type { Page } from './types.ts';
import { invalid, list, object, onlyKeys, text } from './read.ts';

export type RulesetKind = 'user' | 'group';
const field = (k: RulesetKind) => (k === 'user' ? 'users' : 'groups');

export function rulesetBodies(p: Page, kind: RulesetKind): Array<Record<string, unknown>> {
  return p.readers[field(kind)].map((name) => (kind === 'user' ? { user: { username: name }, permissions: [] } : { group: { uid: name }, permissions: [] }));
}

export function rulesetBody(p: Page, kind: RulesetKind, name: string): Record<string, unknown> {
  if (!p.readers[field(kind)].includes(name)) throw new AgoraError('ACCOUNT_NOT_FOUND', `Page ${p.slug} has no ${kind} ruleset for "${name}".`);
  return kind === 'user' ? { user: { username: name }, permissions: [] } : { group: { uid: name }, permissions: [] };
}

/** The target named by a ruleset body: {"user": {"username"}} or {"group": {"uid"}}; permissions must be empty. */
export function readRuleset(body: unknown, kind: RulesetKind, store: GovernanceStore): string {
  const o = object(body, 'body');
  onlyKeys(o, [kind, 'permissions'], '');
  const perms = list(o, 'permissions', '', 10);
  if (perms.length) throw invalid('permissions', `per-page permissions (${perms.map(String).join(', ')}) are not supported; give edit_page or manage_page as a domain permission. A ruleset lets its ${kind} read the page.`);
  const target = object(o[kind], kind);
  const name = text(target, kind === 'user' ? 'username' : 'uid', kind, { max: 200 });
  const known = kind === 'user' ? store.findUser(name) : store.findGroup(name);
  if (!known) throw invalid(`${kind}.${kind === 'user' ? 'username' : 'uid'}`, `no ${kind} "${name}"`);
  return name;
}

export function withReader(p: Page, kind: RulesetKind, name: string, present: boolean): Page['readers'] {
  const names = p.readers[field(kind)].filter((n) => n !== name);
  return { ...p.readers, [field(kind)]: present ? [...names, name] : names };
}
