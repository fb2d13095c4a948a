// Starts scheduled refreshes when they are due, inside `agora serve`. Nothing is kept in memory: a
// dataset's next run is computed from its stored schedules and its last scheduled run, so a restart
// (or a stop over several due times) runs what is overdue once, then follows the schedule again.
import { nextDueAt } from './cron.ts';
import type { Refresher } from './refresher.ts';
import type { RefreshStore, Run, Schedule } from './store.ts';

/** How often the server looks for due refreshes (cron times have minute precision). */
export const TICK_MS = 30_000;

export class RefreshScheduler {
  private timer: NodeJS.Timeout | null = null;
  constructor(private readonly store: RefreshStore, private readonly refresher: Refresher, private readonly clock: () => number = Date.now) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => { void this.tick().catch((e: unknown) => console.error(`[agora] refresh scheduler: ${(e as Error).message}`)); }, TICK_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** When the dataset's schedules next start a run, and which schedule it is (null: no schedule). */
  async nextDue(datasetUid: string): Promise<{ at: number; schedule: Schedule } | null> {
    const last = await this.store.lastScheduledStart(datasetUid);
    let best: { at: number; schedule: Schedule } | null = null;
    for (const s of this.store.schedulesOf(datasetUid)) {
      const at = nextDueAt(s.cron, s.created, last);
      if (at !== undefined && (!best || at < best.at)) best = { at, schedule: s };
    }
    return best;
  }

  /** Starts every run that is due now (one per dataset; a dataset already refreshing waits) and
   *  resolves when they end — the timer does not wait; tests call this with a fake clock. */
  async tick(): Promise<Run[]> {
    const now = this.clock();
    const started: Array<Promise<Run | null>> = [];
    for (const uid of new Set(this.store.allSchedules().map((s) => s.datasetUid))) {
      if (this.refresher.isRunning(uid)) continue;
      const due = await this.nextDue(uid);
      if (!due || due.at > now || this.refresher.isRunning(uid)) continue;
      started.push(this.refresher.run(uid, due.schedule.uid, due.schedule.owner).catch(() => null));
    }
    return (await Promise.all(started)).filter((r): r is Run => r !== null);
  }
}
