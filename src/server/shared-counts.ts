// Rate-limit and quota counts shared by the nodes of one PostgreSQL store: each node counts locally
// and, about every second, adds what it counted to a table and reads what the other nodes counted
// in the windows it is counting, so a limit holds for the whole cluster (within that second).
import { randomBytes } from 'node:crypto';
import type { Backend } from '../storage/backend.ts';

const TABLE = 'agora_call_counts';

/** Calls counted per window: `id` is the counter's key (unit and client), `start`/`end` the window (ms). */
export interface WindowCount { id: string; start: number; end: number; n: number }

export class SharedCounts {
  private readonly node = randomBytes(6).toString('hex');
  private readonly others = new Map<string, number>();
  private pending = new Map<string, WindowCount>();
  /** The windows this node counts in now (key → the window's end): the others' counts read for them. */
  private readonly active = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> = Promise.resolve();
  constructor(private readonly backend: Backend, private readonly everyMs = 1000, private readonly clock: () => number = Date.now) {}

  async open(): Promise<void> {
    await this.backend.write((tx) => tx.exec(`CREATE TABLE IF NOT EXISTS ${TABLE} (node VARCHAR NOT NULL, id VARCHAR NOT NULL,
      window_start BIGINT NOT NULL, window_end BIGINT NOT NULL, n BIGINT NOT NULL, PRIMARY KEY (node, id, window_start))`));
    this.timer = setInterval(() => { void this.sync(); }, this.everyMs);
    this.timer.unref();
  }

  close(): void { if (this.timer) clearInterval(this.timer); this.timer = null; }

  /** Calls the other nodes counted in this window, as of the last sync. */
  elsewhere(id: string, start: number): number { return this.others.get(`${id}\u0000${start}`) ?? 0; }

  /** One call counted here, added to the table at the next sync. */
  counted(id: string, start: number, end: number): void {
    const k = `${id}\u0000${start}`;
    const p = this.pending.get(k) ?? { id, start, end, n: 0 };
    p.n += 1;
    this.pending.set(k, p);
    this.active.set(k, end);
  }

  /** Writes this node's new counts, reads the others' for the windows still open here; one at a time. */
  sync(): Promise<void> {
    this.running = this.running.then(() => this.syncOnce()).catch((e: unknown) => {
      console.error(`[agora] rate-limit counts not shared this time: ${(e as Error).message}`);
    });
    return this.running;
  }

  private async syncOnce(): Promise<void> {
    const now = this.clock();
    for (const [k, end] of this.active) if (end <= now) { this.active.delete(k); this.others.delete(k); }
    const batch = [...this.pending.values()];
    this.pending = new Map();
    if (batch.length) {
      await this.backend.write(async (tx) => {
        for (const w of batch) {
          await tx.exec(`INSERT INTO ${TABLE} VALUES (?, ?, ?, ?, ?) ON CONFLICT (node, id, window_start) DO UPDATE SET n = ${TABLE}.n + excluded.n`,
            [this.node, w.id, w.start, w.end, w.n]);
        }
        await tx.exec(`DELETE FROM ${TABLE} WHERE window_end < ?`, [now - 60_000]);
      });
    }
    if (this.active.size === 0) return;
    const rows = await this.backend.query(`SELECT id, window_start, sum(n) AS n FROM ${TABLE} WHERE node <> ? AND window_end > ? GROUP BY id, window_start`, [this.node, now]);
    this.others.clear();
    for (const r of rows) {
      const k = `${String(r.id)}\u0000${Number(r.window_start)}`;
      if (this.active.has(k)) this.others.set(k, Number(r.n));
    }
  }
}
