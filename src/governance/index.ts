// The governance module's one way in: the accounts store, permissions and dataset security rules.
// HTTP concerns (authentication headers, rate limits, the Automation API) live in src/server/.
export { GovernanceStore, type NewUser } from './store.ts';
export { hashPassword, verifyPassword, MIN_PASSWORD_LENGTH } from './passwords.ts';
export { parseKey } from './apikeys.ts';
export { parseSecurity, parseDatasetPermissions, rulesetBody, securityBody } from './security.ts';
export {
  ANONYMOUS_CALLER, callerFor, canSeeDataset, declaredRulesets, effectiveSecurity, hasPermission, isAdmin,
  toAccessRules, unionSecurity, UNIT_SECONDS, type Caller,
} from './rules.ts';
export * from './types.ts';
export { AuditLog, actorOf, type AuditEntry } from './audit.ts';
export { DraftStore } from './drafts.ts';

import type { AppContext } from '../server/context.ts';
import { GovernanceStore } from './store.ts';
import { AuditLog } from './audit.ts';
import { DraftStore } from './drafts.ts';
import { userInfo } from 'node:os';

/** A store of its own opened on first use beside the context's accounts store, one per accounts store. */
function besideGovernance<T extends { open(): Promise<void> }>(make: (ctx: AppContext) => T): (ctx: AppContext) => Promise<T> {
  const opened = new WeakMap<GovernanceStore, T>();
  return async (ctx) => {
    const store = await ensureGovernance(ctx);
    let s = opened.get(store);
    if (!s) {
      s = make(ctx);
      await s.open();
      opened.set(store, s);
    }
    return s;
  };
}

/** The store of uploaded files, resources and field configurations, opened on first use. */
export const ensureDrafts = besideGovernance((ctx) => new DraftStore(ctx.backend));

/** The audit log beside the context's accounts store, opened on first use. */
export const ensureAudit = besideGovernance((ctx) => new AuditLog(ctx.backend));

/** The actor of a command-line change: the operating-system account that ran it. */
export function cliActor(): string {
  try { return `cli:${userInfo().username}`; } catch { return 'cli'; }
}

/** The context's accounts store, opened (tables created) on first use. */
export async function ensureGovernance(ctx: AppContext): Promise<GovernanceStore> {
  if (!ctx.governance) {
    const store = new GovernanceStore(ctx.backend);
    await store.open();
    ctx.governance = store;
  }
  return ctx.governance;
}
