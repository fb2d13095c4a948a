// Scheduled refreshes of URL sources: the schedules and run history (store.ts), one run (refresher.ts),
// the timer inside `agora serve` (scheduler.ts) and the alerts. One set per portal context, opened on
// first use; the Automation API operations are in api.ts.
import type { AppContext } from '../server/context.ts';
import { ensureAudit, ensureDrafts, ensureGovernance } from '../governance/index.ts';
import { operatorMail } from '../governance/operator-mail.ts';
import { RefreshStore } from './store.ts';
import { Refresher, type RefreshDeps } from './refresher.ts';
import { RefreshScheduler } from './scheduler.ts';
import { wireRefreshAlerts } from './alerts.ts';

export { parseCron, nextRuns } from './cron.ts';
export { Refresher, type RefreshAlert, type RefreshDeps } from './refresher.ts';
export { RefreshScheduler } from './scheduler.ts';
export { RefreshStore, type Run, type Schedule } from './store.ts';

export interface Refreshing { store: RefreshStore; refresher: Refresher; scheduler: RefreshScheduler }

const opened = new WeakMap<AppContext, Promise<Refreshing>>();

const envNumber = (name: string, dflt: number) => { const n = Number(process.env[name]); return Number.isFinite(n) && n > 0 ? n : dflt; };

/** The context's refresh store, refresher and scheduler (not started: `agora serve` starts it).
 *  `overrides` (tests): retries, time-out and clock, used when the set is first opened. */
export function ensureRefresh(ctx: AppContext, overrides: Partial<Pick<RefreshDeps, 'retry' | 'timeoutMs' | 'clock'>> = {}): Promise<Refreshing> {
  let p = opened.get(ctx);
  if (!p) {
    p = open(ctx, overrides);
    opened.set(ctx, p);
  }
  return p;
}

async function open(ctx: AppContext, overrides: Partial<Pick<RefreshDeps, 'retry' | 'timeoutMs' | 'clock'>>): Promise<Refreshing> {
  const [store, drafts, audit] = [await ensureGovernance(ctx), await ensureDrafts(ctx), await ensureAudit(ctx)];
  const refresh = new RefreshStore(ctx.backend);
  await refresh.open();
  const clock = overrides.clock ?? Date.now;
  const refresher = new Refresher({
    catalog: ctx.catalog, store, drafts, refresh, clock,
    retry: overrides.retry ?? { tries: envNumber('AGORA_REFRESH_TRIES', 3), backoffMs: envNumber('AGORA_REFRESH_BACKOFF_S', 2) * 1000, sleep: (ms) => new Promise((r) => setTimeout(r, ms)) },
    timeoutMs: overrides.timeoutMs ?? envNumber('AGORA_REFRESH_TIMEOUT_MIN', 30) * 60_000,
  });
  wireRefreshAlerts(refresher, audit, operatorMail(store, audit, process.env, ctx.config.baseUrl, () => ctx.config.portalName), ctx.config.baseUrl, () => ctx.config.portalName);
  const live = () => new Set(ctx.catalog.list().map((d) => d.dataset_uid));
  await refresh.forget(live());
  ctx.catalog.onChange(async (ds) => { if (!ds) await refresh.forget(live()); });
  return { store: refresh, refresher, scheduler: new RefreshScheduler(refresh, refresher, clock) };
}
