// Live record streams (Server-Sent Events): after each batch the real-time writer applies, every open
// stream of that dataset is sent its new rows. Streams with the same compiled query and position share
// one query. A client that does not read is dropped rather than buffered without limit.
import type { ServerResponse } from 'node:http';
import type { AppContext } from './context.ts';
import type { RecordStream } from '../plan/index.ts';
import type { ResultColumn } from '../core/request.ts';
import type { Row } from '../storage/backend.ts';
import { RECORD_ID_COLUMN } from '../core/physical.ts';
import { toApiRecord } from './respond/values.ts';

/** Rows read per query while catching up. */
const PAGE = 1000;
/** Unsent bytes a client may hold before it is dropped. */
export const MAX_BUFFERED = 1024 * 1024;
const HEARTBEAT_MS = 15_000;

export interface LiveStream {
  datasetId: string;
  /** The record table the stream reads: a replaced or deleted dataset ends its streams. */
  table: string;
  query: RecordStream;
  columns: ResultColumn[];
  timezone: string;
  /** The last record id sent (the SSE id). */
  cursor: number;
  res: ServerResponse;
}

/** Streams whose query compiles alike (shown with cursor 0: only the cursor differs between positions)
 *  and whose time zone is the same share one query per batch, with their cursor. Compiled once per stream. */
function groupKey(s: LiveStream): string {
  const q = s.query.after(0, PAGE);
  return `${q.sql}\u0000${JSON.stringify(q.params)}\u0000${s.timezone}`;
}

export class StreamHub {
  private byDataset = new Map<string, Set<LiveStream & { key: string }>>();
  private busy = new Set<string>();
  private again = new Set<string>();
  private heartbeat: NodeJS.Timeout;
  /** Clients dropped for not reading. */
  dropped = 0;

  constructor(private readonly ctx: AppContext) {
    ctx.realtime.writer.onApplied((changed) => { for (const ds of changed) void this.deliver(ds.dataset_id); });
    ctx.catalog.onChange((ds, id) => {
      for (const s of this.byDataset.get(id) ?? []) if (!ds || ds.table !== s.table) s.res.end();
    });
    this.heartbeat = setInterval(() => { for (const set of this.byDataset.values()) for (const s of set) this.write(s, ': heartbeat\n\n'); }, HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  get size(): number { let n = 0; for (const s of this.byDataset.values()) n += s.size; return n; }

  /** Starts a stream: sends what is past its cursor at once (a resumed stream), then new rows as they come. */
  add(stream: LiveStream): void {
    const s = { ...stream, key: groupKey(stream) };
    const set = this.byDataset.get(s.datasetId) ?? new Set();
    set.add(s);
    this.byDataset.set(s.datasetId, set);
    s.res.on('close', () => { set.delete(s); if (set.size === 0) this.byDataset.delete(s.datasetId); });
    void this.deliver(s.datasetId);
  }

  close(): void {
    clearInterval(this.heartbeat);
    for (const set of this.byDataset.values()) for (const s of set) s.res.end();
    this.byDataset.clear();
  }

  private async deliver(datasetId: string): Promise<void> {
    if (this.busy.has(datasetId)) { this.again.add(datasetId); return; }
    this.busy.add(datasetId);
    try {
      do {
        this.again.delete(datasetId);
        const streams = [...(this.byDataset.get(datasetId) ?? [])];
        const groups = new Map<string, LiveStream[]>();
        for (const s of streams) {
          const key = `${s.key}\u0000${s.cursor}`;
          groups.set(key, [...(groups.get(key) ?? []), s]);
        }
        for (const group of groups.values()) await this.catchUp(group);
      } while (this.again.has(datasetId));
    } catch (e) {
      console.error(`[agora] live stream of ${datasetId}: ${(e as Error).message.split('\n')[0]}`);
    } finally {
      this.busy.delete(datasetId);
    }
  }

  private async catchUp(group: LiveStream[]): Promise<void> {
    const head = group[0];
    for (;;) {
      const q = head.query.after(head.cursor, PAGE);
      const rows: Row[] = await this.ctx.backend.query(q.sql, q.params);
      if (rows.length === 0) return;
      const visible = head.columns.filter((c) => c.name !== RECORD_ID_COLUMN);
      const text = rows.map((r) => `id: ${String(r[RECORD_ID_COLUMN])}\nevent: record\ndata: ${JSON.stringify(toApiRecord(r, visible, head.timezone))}\n\n`).join('');
      const last = Number(rows[rows.length - 1][RECORD_ID_COLUMN]);
      for (const s of group) { this.write(s, text); s.cursor = last; }
      if (rows.length < PAGE) return;
    }
  }

  private write(s: LiveStream, text: string): void {
    if (s.res.destroyed) return;
    s.res.write(text);
    if (s.res.writableLength > MAX_BUFFERED) {
      this.dropped++;
      s.res.destroy();
    }
  }
}
