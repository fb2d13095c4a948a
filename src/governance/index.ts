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

const audits = new WeakMap<GovernanceStore, AuditLog>();
const drafts = new WeakMap<GovernanceStore, DraftStore>();

/** The store of uploaded files, resources and field configurations, opened on first use. */
export async function ensureDrafts(ctx: AppContext): Promise<DraftStore> {
  const store = await ensureGovernance(ctx);
  let s = drafts.get(store);
  if (!s) {
    s = new DraftStore(ctx.backend);
    await s.open();
    drafts.set(store, s);
  }
  return s;
}

/** The audit log beside the context's accounts store, opened on first use. */
export async function ensureAudit(ctx: AppContext): Promise<AuditLog> {
  const store = await ensureGovernance(ctx);
  let log = audits.get(store);
  if (!log) {
    log = new AuditLog(ctx.backend);
    await log.open();
    audits.set(store, log);
  }
  return log;
}

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
