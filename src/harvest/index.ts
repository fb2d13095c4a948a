// Harvesting other portals: the harvesters (registry.ts, harvesters/ one file each), the stored
// sources, links and runs (store.ts), one run (runner.ts), the timer inside `agora serve`
// (scheduler.ts) and the alerts. One set per portal context, opened on first use; the Automation API
// operations are in api.ts.
import type { AppContext } from '../server/context.ts';
import { ensureAudit, ensureDrafts, ensureGovernance } from '../governance/index.ts';
import type { AuditLog } from '../governance/audit.ts';
import { esc } from '../governance/mail.ts';
import { operatorMail, type OperatorMail } from '../governance/operator-mail.ts';
import { HarvestStore } from './store.ts';
import { HarvestRunner, type HarvestDeps } from './runner.ts';
import { HarvestScheduler } from './scheduler.ts';
import './harvesters/index.ts';

export { HarvestRunner, type HarvestDeps } from './runner.ts';
export { HarvestScheduler } from './scheduler.ts';
export { HarvestStore, type HarvestRun, type HarvestSource } from './store.ts';

export interface Harvesting { store: HarvestStore; runner: HarvestRunner; scheduler: HarvestScheduler }

const opened = new WeakMap<AppContext, Promise<Harvesting>>();

const envNumber = (name: string, dflt: number) => { const n = Number(process.env[name]); return Number.isFinite(n) && n > 0 ? n : dflt; };

/** The context's harvest store, runner and scheduler (not started: `agora serve` starts it).
 *  `overrides` (tests): time-out and clock, used when the set is first opened. */
export function ensureHarvest(ctx: AppContext, overrides: Partial<Pick<HarvestDeps, 'timeoutMs' | 'clock'>> = {}): Promise<Harvesting> {
  let p = opened.get(ctx);
  if (!p) {
    p = open(ctx, overrides);
    opened.set(ctx, p);
  }
  return p;
}

async function open(ctx: AppContext, overrides: Partial<Pick<HarvestDeps, 'timeoutMs' | 'clock'>>): Promise<Harvesting> {
  const [gov, drafts, audit] = [await ensureGovernance(ctx), await ensureDrafts(ctx), await ensureAudit(ctx)];
  const store = new HarvestStore(ctx.backend);
  await store.open();
  const clock = overrides.clock ?? Date.now;
  const runner = new HarvestRunner({
    catalog: ctx.catalog, store: gov, drafts, harvest: store, secrets: ctx.secrets, clock,
    timeoutMs: overrides.timeoutMs ?? envNumber('AGORA_HARVEST_TIMEOUT_MIN', 60) * 60_000,
  });
  wireHarvestAlerts(runner, audit, operatorMail(gov, audit, process.env, ctx.config.baseUrl, () => ctx.config.portalName), ctx.config.baseUrl, () => ctx.config.portalName);
  return { store, runner, scheduler: new HarvestScheduler(store, runner, clock) };
}

/** Every run is in the audit log (harvest.run, as the source's owner); a failed or aborted one is an
 *  alert too (harvest.failed, and an e-mail to the operators when a mail server is set). */
function wireHarvestAlerts(runner: HarvestRunner, audit: AuditLog, mail: OperatorMail | null, baseUrl: string, portal: () => string): void {
  runner.onEnd(async (run, source) => {
    const detail = {
      run_uid: run.uid, trigger: run.trigger, outcome: run.outcome, remote: run.remote, created: run.created, updated: run.updated,
      unchanged: run.unchanged, removed: run.removed, errors: Object.keys(run.errors).length, message: run.message,
    };
    await audit.record({ actor: `user:${source.owner}`, action: 'harvest.run', target: source.uid, detail, ip: null });
    if (run.outcome === 'done') return;
    await audit.record({ actor: 'system', action: 'harvest.failed', target: source.uid, detail: { name: source.name, url: source.url, ...detail }, ip: null });
    const first = `The harvest of ${source.name} (${source.url}) started at ${run.started} ${run.outcome === 'aborted' ? 'was aborted' : 'failed'}: ${run.message ?? ''}`.trim();
    const link = `${baseUrl}/admin/harvest`;
    await mail?.({ subject: `[${portal()}] The harvest of ${source.name} ${run.outcome === 'aborted' ? 'was aborted' : 'failed'}`, text: `${first}\n\nThe harvesters: ${link}\n`,
      html: `<p>${esc(first)}</p><p><a href="${esc(link)}">${esc(link)}</a></p>` }, source.uid, 'harvest.mail_failed');
  });
}
