// Refreshing a dataset from its URL resources: at most one run per dataset at a time; each source is
// fetched only if it changed (download.ts), then published through the normal publish path as the
// schedule's owner. A failed run leaves the published data untouched, is recorded, and raises an alert.
import { AgoraError, isAgoraError } from '../core/errors.ts';
import { newWorkspace } from '../ingest/sources/files.ts';
import { callerFor } from '../governance/rules.ts';
import { newUid } from '../governance/drafts.ts';
import { publishDataset, resourceUrl, type AuthoringDeps } from '../governance/authoring.ts';
import { fetchIfChanged, type Fetched, type RetryPolicy } from './download.ts';
import type { RefreshStore, Run } from './store.ts';

export interface RefreshDeps extends AuthoringDeps {
  refresh: RefreshStore;
  retry: RetryPolicy;
  /** How long the downloads of one run may take, retries included (AGORA_REFRESH_TIMEOUT_MIN, 30 min). */
  timeoutMs: number;
  clock: () => number;
}

/** failed: a run failed (the published data is kept); recovered: a run succeeded after a failed one. */
export interface RefreshAlert { kind: 'failed' | 'recovered'; run: Run; datasetId: string }

export class Refresher {
  private running = new Map<string, Promise<Run>>();
  private listeners: Array<(a: RefreshAlert) => Promise<void> | void> = [];
  constructor(readonly d: RefreshDeps) {}

  onAlert(fn: (a: RefreshAlert) => Promise<void> | void): void { this.listeners.push(fn); }
  isRunning(datasetUid: string): boolean { return this.running.has(datasetUid); }
  /** Waits for the runs in progress (shutdown, tests). */
  async drain(): Promise<void> { await Promise.allSettled([...this.running.values()]); }

  /** Starts a run as `owner` (a username) unless one of the dataset is running: then REFRESH_RUNNING. */
  run(datasetUid: string, trigger: string, owner: string): Promise<Run> {
    if (this.running.has(datasetUid)) {
      const id = this.d.catalog.findByUid(datasetUid)?.dataset_id ?? datasetUid;
      return Promise.reject(new AgoraError('REFRESH_RUNNING', `A refresh of dataset ${id} is running; wait for it to end.`, { dataset_uid: datasetUid }));
    }
    const p = this.execute(datasetUid, trigger, owner).finally(() => this.running.delete(datasetUid));
    this.running.set(datasetUid, p);
    return p;
  }

  private async execute(datasetUid: string, trigger: string, owner: string): Promise<Run> {
    const d = this.d;
    const started = d.clock();
    const previous = (await d.refresh.runsOf(datasetUid))[0];
    const run: Run = { uid: newUid('rr'), datasetUid, trigger, started: new Date(started).toISOString(), finished: null, outcome: 'running', message: null, rows: null, attempts: 0 };
    await d.refresh.putRun(run);
    const ws = newWorkspace();
    try {
      const user = d.store.findUser(owner);
      if (!user || !user.isActive) throw new AgoraError('FORBIDDEN', `The refresh runs as "${owner}", who no longer exists or is locked: set the schedule again.`);
      const urls = (await d.drafts.resources(datasetUid)).map(resourceUrl).filter((u): u is string => u !== null);
      if (urls.length === 0) throw new AgoraError('PARAMETER_INVALID', 'The dataset has no URL resource to refresh: add one (datasource type "http").');
      const deadline = Date.now() + d.timeoutMs; // real time, whatever the clock the history uses
      const fetched: Fetched[] = [];
      for (const [i, url] of urls.entries()) fetched.push(await fetchIfChanged(url, await d.refresh.validators(datasetUid, url), ws, `source-${i}`, deadline, d.retry));
      run.attempts = fetched.reduce((n, f) => n + f.attempts, 0);
      const ds = d.catalog.findByUid(datasetUid);
      if (ds?.is_published && fetched.every((f) => f.kind === 'unchanged')) {
        run.outcome = 'unchanged';
        run.message = urls.length === 1 ? 'The source has not changed since the last refresh.' : 'No source has changed since the last refresh.';
      } else {
        // One source changed: the unchanged ones are fetched again, as a publish reads every resource.
        for (let i = 0; i < urls.length; i++) {
          if (fetched[i].kind === 'unchanged') fetched[i] = await fetchIfChanged(urls[i], null, ws, `source-${i}`, deadline, d.retry);
        }
        const prefetched = new Map(urls.map((u, i) => [u, (fetched[i] as Extract<Fetched, { kind: 'changed' }>).path]));
        const out = await publishDataset({ ...d, prefetched }, callerFor(d.store, user), datasetUid);
        for (let i = 0; i < urls.length; i++) {
          const f = fetched[i];
          if (f.kind === 'changed') await d.refresh.putValidators(datasetUid, urls[i], f.validators);
        }
        run.outcome = 'updated';
        run.rows = out.rows;
      }
    } catch (e) {
      run.outcome = 'failed';
      run.message = isAgoraError(e) ? e.message : `The refresh failed: ${(e as Error).message}`;
      if (isAgoraError(e) && typeof e.details.attempts === 'number') run.attempts += e.details.attempts;
    } finally {
      ws.dispose();
      run.finished = new Date(d.clock()).toISOString();
      await d.refresh.putRun(run);
    }
    const datasetId = d.catalog.findByUid(datasetUid)?.dataset_id ?? datasetUid;
    if (run.outcome === 'failed') await this.emit({ kind: 'failed', run, datasetId });
    else if (previous?.outcome === 'failed') await this.emit({ kind: 'recovered', run, datasetId });
    return run;
  }

  private async emit(a: RefreshAlert): Promise<void> {
    for (const l of this.listeners) {
      try { await l(a); } catch (e) { console.error(`[agora] refresh alert listener: ${(e as Error).message}`); }
    }
  }
}
