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

import type { AppContext } from '../server/context.ts';
import { GovernanceStore } from './store.ts';

/** The context's accounts store, opened (tables created) on first use. */
export async function ensureGovernance(ctx: AppContext): Promise<GovernanceStore> {
  if (!ctx.governance) {
    const store = new GovernanceStore(ctx.backend);
    await store.open();
    ctx.governance = store;
  }
  return ctx.governance;
}
