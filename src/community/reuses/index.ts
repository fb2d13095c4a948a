// Reuses (community): apps, maps and articles built on the portal's datasets, submitted by anyone
// signed in and moderated by publishers. The store (store.ts), the checked body (validate.ts), the
// operations and their permissions (api.ts). One set per portal context, opened on first use.
import { marked } from 'marked';
import type { AppContext } from '../../server/context.ts';
import { ensureGovernance } from '../../governance/index.ts';
import { sanitizeDescription } from '../../catalog/index.ts';
import { ReuseStore } from './store.ts';
import type { ReuseDeps } from './api.ts';

export * from './api.ts';
export { ReuseStore, REUSE_STATUSES, type Reuse, type ReuseStatus } from './store.ts';
export { LIMITS as REUSE_LIMITS } from './validate.ts';

/** Submissions per user per hour unless AGORA_REUSES_PER_HOUR says otherwise ("off": unlimited). */
export const DEFAULT_PER_HOUR = 10;

function perHourFromEnv(v: string | undefined): number | null {
  if (v === undefined || v === '') return DEFAULT_PER_HOUR;
  if (v === 'off') return null;
  const n = Number(v);
  return Number.isInteger(n) && n > 0 ? n : DEFAULT_PER_HOUR;
}

/** A reuse's Markdown description as safe HTML: rendered by marked, then sanitised like dataset descriptions. */
export function descriptionHtml(markdown: string): string {
  return markdown.trim() ? sanitizeDescription(marked.parse(markdown, { async: false, gfm: true })) : '';
}

const opened = new WeakMap<AppContext, Promise<ReuseDeps>>();

/** The context's reuses; `overrides` (tests): the clock and the hourly limit, used when first opened. */
export function ensureReuses(ctx: AppContext, overrides: Partial<Pick<ReuseDeps, 'clock' | 'perHour'>> = {}): Promise<ReuseDeps> {
  let p = opened.get(ctx);
  if (!p) {
    p = (async () => {
      const reuses = new ReuseStore(ctx.backend);
      await reuses.open();
      return {
        catalog: ctx.catalog, store: await ensureGovernance(ctx), reuses, clock: overrides.clock ?? Date.now,
        perHour: overrides.perHour !== undefined ? overrides.perHour : perHourFromEnv(process.env.AGORA_REUSES_PER_HOUR),
      };
    })();
    opened.set(ctx, p);
  }
  return p;
}
