// Who may read and who may change a page (ODS page permissions): create_page, edit_page,
// manage_page (public flag and readers), explore_restricted_page. Pure functions of the caller.
import { AgoraError } from '../core/errors.ts';
import { hasPermission, holdsPermission, isAdmin, type Caller } from '../governance/rules.ts';
import type { GovernanceStore } from '../governance/store.ts';
import type { Page } from './types.ts';

export type PageAction = 'create_page' | 'edit_page' | 'manage_page';

export function may(store: GovernanceStore, c: Caller, action: PageAction): boolean {
  if (action === 'create_page') return hasPermission(store, c, 'create_page') || hasPermission(store, c, 'edit_page');
  return hasPermission(store, c, action);
}

export function requirePage(store: GovernanceStore, c: Caller, action: PageAction): void {
  if (!c.user) throw new AgoraError('UNAUTHORIZED', 'Authentication required: sign in or send an API key.');
  if (!may(store, c, action)) throw new AgoraError('FORBIDDEN', `Permission denied: ${action} is required.`);
}

/** Readers of the published page: everyone when public; else the listed users and groups, editors,
 *  holders of explore_restricted_page and admins. A page never published is nobody's to read. */
export function canReadPage(store: GovernanceStore, c: Caller, p: Page): boolean {
  if (!p.published) return false;
  if (p.public || isAdmin(c)) return true;
  if (!c.user) return false;
  if (holdsPermission(store, c, 'explore_restricted_page') || holdsPermission(store, c, 'edit_page')) return true;
  return p.readers.users.includes(c.user.username) || c.groups.some((g) => p.readers.groups.includes(g));
}
