// Starts scheduled harvests when they are due, inside `agora serve`, as refresh/scheduler.ts does for
// URL sources: the next run comes from the source's stored schedule and its last scheduled run, so a
// restart runs what is overdue once; a source still running (or stuck until its time-out) is skipped.
import { nextDueAt } from '../refresh/cron.ts';
import type { HarvestRunner } from './runner.ts';
import type { HarvestRun, HarvestSource, HarvestStore } from './store.ts';

/** How often the server looks for due harvests (cron times have minute precision). */
export const TICK_MS = 30_000;

export class HarvestScheduler {
  private timer: NodeJS.Timeout | null = null;
  constructor(private readonly store: HarvestStore, private readonly runner: HarvestRunner, private readonly clock: () => number = Date.now) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => { void this.tick().catch((e: unknown) => console.error(`[agora] harvest scheduler: ${(e as Error).message}`)); }, TICK_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** When the source's schedule next starts a run (null: no schedule). */
  async nextDue(source: HarvestSource): Promise<number | null> {
    const s = source.schedule;
    if (!s) return null;
    return nextDueAt(s.cron, s.created, await this.store.lastScheduledStart(source.uid), s.timezone) ?? null;
  }

  /** Starts every harvest that is due now and resolves when they end (tests call this with a fake clock). */
  async tick(): Promise<HarvestRun[]> {
    const now = this.clock();
    const started: Array<Promise<HarvestRun | null>> = [];
    for (const source of this.store.all()) {
      if (!source.schedule || this.runner.isRunning(source.uid)) continue;
      const due = await this.nextDue(source);
      if (due === null || due > now || this.runner.isRunning(source.uid)) continue;
      started.push(this.runner.start(source, source.schedule.uid, source.owner).catch(() => null));
    }
    return (await Promise.all(started)).filter((r): r is HarvestRun => r !== null);
  }
}
