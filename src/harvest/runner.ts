// One harvest run of a stored source, at most one per source at a time: list the remote datasets,
// plan against the links of earlier runs, then create / update / remove through apply.ts as the
// source's owner. A run that outlives its time-out, or is aborted, stops between datasets and is
// recorded as aborted, so it never blocks the next one; one dataset's error is recorded, not fatal.
import { AgoraError, isAgoraError } from '../core/errors.ts';
import type { Dataset } from '../core/types.ts';
import { deleteDataset } from '../governance/automation.ts';
import { forgetDrafts, type AuthoringDeps } from '../governance/authoring.ts';
import { newUid } from '../governance/drafts.ts';
import { callerFor, type Caller } from '../governance/rules.ts';
import type { SecretBox } from '../core/secrets.ts';
import { applyRemote } from './apply.ts';
import { harvestContext } from './context.ts';
import { planHarvest, type HarvestPlan } from './plan.ts';
import { harvesterDef } from './registry.ts';
import type { HarvestRun, HarvestSource, HarvestStore } from './store.ts';
import type { RemoteDataset } from './types.ts';

export interface HarvestDeps extends AuthoringDeps {
  harvest: HarvestStore;
  /** Opens the sources' sealed API keys. */
  secrets: SecretBox;
  /** How long one run may take (AGORA_HARVEST_TIMEOUT_MIN, 60 min). */
  timeoutMs: number;
  clock: () => number;
}

interface Running { promise: Promise<HarvestRun>; controller: AbortController; abortedBy: string | null }

/** Rejects as soon as the signal aborts, whatever the listing is waiting on. */
function untilAborted<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((ok, fail) => {
    const stop = () => fail(signal.reason);
    if (signal.aborted) return stop();
    signal.addEventListener('abort', stop, { once: true });
    p.then(ok, fail).finally(() => signal.removeEventListener('abort', stop));
  });
}

/** The source's API key as its harvester sends it (headers for the source's own origin). */
export function sourceAuth(source: HarvestSource, secrets: SecretBox): Record<string, string> {
  const def = harvesterDef(source.type);
  if (!source.apiKey || !def.apiKeyHeaders) return {};
  return def.apiKeyHeaders(secrets.open(source.apiKey, `the API key of harvester ${source.uid}`));
}

async function listAll(source: HarvestSource, signal: AbortSignal, secrets: SecretBox): Promise<RemoteDataset[]> {
  const out: RemoteDataset[] = [];
  for await (const r of harvesterDef(source.type).list(harvestContext(source.url, source.options, signal, sourceAuth(source, secrets)))) {
    if (signal.aborted) throw signal.reason;
    out.push(r);
  }
  if (signal.aborted) throw signal.reason; // a harvester stops paging quietly when aborted: its list is partial
  return out;
}

/** What a run of `source` would do with `remote`: against its links by the datasets' current ids (a
 *  publisher may have renamed one; links to deleted datasets count as gone). Runs and previews share it. */
export async function planFor(d: Pick<HarvestDeps, 'harvest' | 'catalog'>, source: HarvestSource, remote: RemoteDataset[]): Promise<HarvestPlan> {
  const known = (await d.harvest.links(source.uid)).flatMap((l) => {
    const ds = d.catalog.findByUid(l.datasetUid);
    return ds ? [{ remoteId: l.remoteId, datasetId: ds.dataset_id, remoteModified: l.remoteModified }] : [];
  });
  return planHarvest(remote, known, (id) => d.catalog.find(id) !== undefined, source.prefix);
}

export class HarvestRunner {
  private running = new Map<string, Running>();
  private listeners: Array<(run: HarvestRun, source: HarvestSource) => Promise<void> | void> = [];
  constructor(readonly d: HarvestDeps) {}

  /** Called when a run ends, whatever its outcome (alerts, audit). */
  onEnd(fn: (run: HarvestRun, source: HarvestSource) => Promise<void> | void): void { this.listeners.push(fn); }
  isRunning(sourceUid: string): boolean { return this.running.has(sourceUid); }
  /** ODS harvester status. */
  status(sourceUid: string): 'idle' | 'processing' | 'aborting' {
    const r = this.running.get(sourceUid);
    return !r ? 'idle' : r.controller.signal.aborted ? 'aborting' : 'processing';
  }
  async drain(): Promise<void> { await Promise.allSettled([...this.running.values()].map((r) => r.promise)); }

  /** Starts a run as `owner` (a username); HARVEST_STATUS while one of the source runs. Resolves when it ends. */
  start(source: HarvestSource, trigger: string, owner: string): Promise<HarvestRun> {
    if (this.running.has(source.uid)) {
      return Promise.reject(new AgoraError('HARVEST_STATUS', `Harvester ${source.uid} is running: one run at a time (wait for it to end, or abort it).`, { harvester_uid: source.uid }));
    }
    const controller = new AbortController();
    const entry: Running = { controller, abortedBy: null, promise: Promise.resolve(null as unknown as HarvestRun) };
    entry.promise = this.execute(source, trigger, owner, entry).finally(() => this.running.delete(source.uid));
    this.running.set(source.uid, entry);
    return entry.promise;
  }

  /** Asks the run to stop (between datasets; a listing in progress stops at once). False when none runs. */
  abort(sourceUid: string, by: string): boolean {
    const r = this.running.get(sourceUid);
    if (!r) return false;
    r.abortedBy = by;
    r.controller.abort(new AgoraError('HARVEST_FAILED', `The run was aborted by ${by}.`));
    return true;
  }

  private async execute(source: HarvestSource, trigger: string, owner: string, entry: Running): Promise<HarvestRun> {
    const d = this.d;
    const signal = entry.controller.signal;
    const iso = () => new Date(d.clock()).toISOString();
    const run: HarvestRun = {
      uid: newUid('hr'), sourceUid: source.uid, trigger, started: iso(), finished: null, outcome: 'running', message: null,
      remote: 0, created: 0, updated: 0, unchanged: 0, removed: 0, errors: {},
    };
    await d.harvest.putRun(run);
    const minutes = Math.round(d.timeoutMs / 60_000);
    const timer = setTimeout(() => entry.controller.abort(new AgoraError('HARVEST_FAILED',
      `The run timed out after ${minutes >= 1 ? `${minutes} minute${minutes === 1 ? '' : 's'}` : `${d.timeoutMs} ms`} (AGORA_HARVEST_TIMEOUT_MIN); what it did before stays done.`)), d.timeoutMs);
    timer.unref();
    try {
      const user = d.store.findUser(owner);
      if (!user || !user.isActive) throw new AgoraError('FORBIDDEN', `The harvester runs as "${owner}", who no longer exists or is locked: save the harvester again.`);
      const caller = callerFor(d.store, user);
      await d.harvest.forget(new Set(d.catalog.list().map((x) => x.dataset_uid)));
      const remote = await untilAborted(listAll(source, signal, d.secrets), signal);
      run.remote = remote.length;
      const plan = await planFor(d, source, remote);
      run.unchanged = plan.unchanged.length;
      for (const id of plan.duplicates) run.errors[id] = 'listed more than once by the source: harvested once';
      const todo = [...plan.create.map((x) => ({ ...x, existing: false })), ...plan.update.map((x) => ({ ...x, existing: true }))];
      for (const { remote: r, datasetId, existing } of todo) {
        if (signal.aborted) throw signal.reason;
        await this.one(caller, source, r, datasetId, existing ? d.catalog.find(datasetId) ?? null : null, run);
        await d.harvest.putRun(run); // the history shows the progress of a long run
      }
      for (const link of plan.remove) {
        if (!source.deleteMissing) continue;
        if (signal.aborted) throw signal.reason;
        const ds = d.catalog.find(link.datasetId);
        try {
          if (ds) { await deleteDataset(d, caller, ds.dataset_uid); await forgetDrafts(d, ds.dataset_uid); }
          await d.harvest.deleteLink(source.uid, link.remoteId);
          run.removed++;
        } catch (e) {
          run.errors[link.remoteId] = `no longer offered by the source, but could not be deleted: ${(e as Error).message}`;
        }
      }
      run.outcome = 'done';
    } catch (e) {
      run.outcome = signal.aborted ? 'aborted' : 'failed';
      const err = signal.aborted ? signal.reason : e;
      run.message = isAgoraError(err) ? err.message : `The harvest failed: ${(err as Error).message}`;
    } finally {
      clearTimeout(timer);
      run.finished = iso();
      await d.harvest.putRun(run);
    }
    for (const l of this.listeners) {
      try { await l(run, source); } catch (e) { console.error(`[agora] harvest listener: ${(e as Error).message}`); }
    }
    return run;
  }

  /** One created or updated dataset; its failure is recorded under its remote id. */
  private async one(caller: Caller, source: HarvestSource, r: RemoteDataset, datasetId: string, existing: Dataset | null, run: HarvestRun): Promise<void> {
    const d = this.d;
    try {
      const out = await applyRemote(d, caller, source, r, datasetId, existing, new Date(d.clock()).toISOString());
      await d.harvest.putLink({ sourceUid: source.uid, remoteId: r.remoteId, datasetUid: out.dataset.dataset_uid, remoteModified: r.modified });
      if (existing) run.updated++; else run.created++;
      const said = [out.dataError, ...out.notes].filter(Boolean);
      if (said.length) run.errors[r.remoteId] = said.join('; ');
    } catch (e) {
      run.errors[r.remoteId] = `not harvested: ${isAgoraError(e) ? e.message : (e as Error).message}`;
    }
  }
}
