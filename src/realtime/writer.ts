// The single writer of real-time data: applies logged entries to the datasets' tables in micro-batches
// (50 ms after the first queued entry, or at 5,000 records; under load a batch gathers what arrived while
// the last one ran), each batch one transaction that also records how far the log is applied.
import type { Catalog } from '../catalog/index.ts';
import type { Dataset } from '../core/types.ts';
import { physicalColumns, RECORD_ID_COLUMN } from '../core/physical.ts';
import { STAGE_ORDER_COLUMN, type WriteTx } from '../storage/backend.ts';
import { quoteIdent } from '../sql/quote.ts';
import type { IntakeLog, LogEntry } from './log.ts';
import type { PhysicalRecord } from './records.ts';

export const STATE_TABLE = 'agora_realtime_state';
const STAGE = 'agora_rt_stage';
const KEPT = 'agora_rt_kept';

export interface WriterOptions { intervalMs?: number; maxRecords?: number }

export async function appliedSeq(catalog: Catalog): Promise<number> {
  await catalog.backend.write((tx) => tx.exec(`CREATE TABLE IF NOT EXISTS ${STATE_TABLE} (applied_seq BIGINT NOT NULL)`));
  const rows = await catalog.backend.query(`SELECT max(applied_seq) AS s FROM ${STATE_TABLE}`);
  return Number(rows[0]?.s ?? 0);
}

/** How many records an entry adds or deletes (what the 5,000-record batch limit counts). */
const sizeOf = (e: LogEntry) => (e.op === 'delete_ids' ? e.ids.length : e.records.length);

export class LiveWriter {
  private queue: LogEntry[] = [];
  private queued = 0;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private failures = 0;
  private listeners: Array<(changed: Dataset[]) => void> = [];
  private readonly intervalMs: number;
  private readonly maxRecords: number;

  constructor(private readonly catalog: Catalog, private readonly log: IntakeLog, opts: WriterOptions = {}) {
    this.intervalMs = opts.intervalMs ?? 50;
    this.maxRecords = opts.maxRecords ?? 5000;
  }

  /** Heard after each applied batch with the datasets it changed (e.g. live streams). */
  onApplied(fn: (changed: Dataset[]) => void): void { this.listeners.push(fn); }

  enqueue(entry: LogEntry): void {
    this.queue.push(entry);
    this.queued += sizeOf(entry);
    if (this.queued >= this.maxRecords) this.kick(0);
    else this.kick(this.intervalMs);
  }

  /** Applies everything queued so far (tests, shutdown). */
  async flush(): Promise<void> {
    while (this.running || this.queue.length) {
      if (this.running) await this.running;
      else await this.run();
    }
  }

  private kick(delay: number): void {
    if (this.running) return; // the running batch schedules the next one
    if (this.timer && delay > 0) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => { this.timer = null; void this.run(); }, delay);
  }

  private run(): Promise<void> {
    if (this.running) return this.running;
    if (this.timer) { clearTimeout(this.timer); this.timer = null; }
    this.running = (async () => {
      const batch = this.queue.splice(0);
      this.queued = 0;
      if (batch.length === 0) return;
      try {
        const changed = await this.apply(batch);
        this.failures = 0;
        this.log.release(batch[batch.length - 1].seq);
        for (const l of this.listeners) l(changed);
      } catch (e) {
        // Kept for a retry with back-off: the entries are on disk and acknowledged.
        this.queue.unshift(...batch);
        for (const en of batch) this.queued += sizeOf(en);
        this.failures++;
        console.error(`[agora] real-time writer: applying ${batch.length} entries failed (${(e as Error).message.split('\n')[0]}); retrying.`);
        await new Promise((r) => setTimeout(r, Math.min(30_000, 250 * 2 ** this.failures)));
      }
    })().finally(() => {
      this.running = null;
      if (this.queue.length) this.kick(this.queued >= this.maxRecords ? 0 : this.intervalMs);
    });
    return this.running;
  }

  private apply(batch: LogEntry[]): Promise<Dataset[]> {
    return this.catalog.writeLive(async (tx) => {
      const touched = new Set<string>();
      const runs = new Map<string, PhysicalRecord[]>();
      const flushRun = async (uid: string) => {
        const recs = runs.get(uid);
        runs.delete(uid);
        const ds = this.catalog.findByUid(uid);
        if (recs?.length && ds) { await insert(tx, ds, recs); touched.add(ds.dataset_id); }
      };
      for (const e of batch) {
        if (e.op === 'push') {
          const run = runs.get(e.dataset) ?? [];
          run.push(...e.records);
          runs.set(e.dataset, run);
          continue;
        }
        await flushRun(e.dataset);
        const ds = this.catalog.findByUid(e.dataset);
        if (!ds) continue; // the dataset was deleted since
        if (e.op === 'delete') await deleteMatching(tx, ds, e.records);
        else await deleteIds(tx, ds, e.ids);
        touched.add(ds.dataset_id);
      }
      for (const uid of [...runs.keys()]) await flushRun(uid);
      await tx.exec(`DELETE FROM ${STATE_TABLE}`);
      await tx.exec(`INSERT INTO ${STATE_TABLE} VALUES (?)`, [batch[batch.length - 1].seq]);
      return touched;
    });
  }
}

const columnsOf = (ds: Dataset) => ds.fields.flatMap((f) => physicalColumns(f));
/** The physical columns of the dataset's id fields (the upsert key), none when it has no id annotation. */
const keyColumns = (ds: Dataset) => ds.fields.filter((f) => f.annotations.id).flatMap((f) => physicalColumns(f).map((c) => c.name));
const matchOn = (cols: string[], a: string, b: string) => cols.map((c) => `${a}.${quoteIdent(c)} IS NOT DISTINCT FROM ${b}.${quoteIdent(c)}`).join(' AND ');

/** Adds the records with new record ids after the largest; with id fields, a record replaces the one
 *  with the same key (and of several with one key in the batch, the last wins). */
async function insert(tx: WriteTx, ds: Dataset, records: PhysicalRecord[]): Promise<void> {
  const cols = columnsOf(ds);
  const table = quoteIdent(ds.table);
  await tx.stageRows(STAGE, cols, records);
  const keys = keyColumns(ds);
  // Of several records with one key in the batch, the last staged (largest agora_n) is kept.
  const keep = keys.length ? ` WHERE ${STAGE_ORDER_COLUMN} IN (SELECT max(${STAGE_ORDER_COLUMN}) FROM ${STAGE} GROUP BY ${keys.map(quoteIdent).join(', ')})` : '';
  await tx.exec(`DROP TABLE IF EXISTS ${KEPT}`);
  await tx.exec(`CREATE TEMP TABLE ${KEPT} AS SELECT * FROM ${STAGE}${keep}`);
  if (keys.length) await tx.exec(`DELETE FROM ${table} t WHERE EXISTS (SELECT 1 FROM ${KEPT} s WHERE ${matchOn(keys, 's', 't')})`);
  const [{ m }] = await tx.query(`SELECT coalesce(max(${quoteIdent(RECORD_ID_COLUMN)}), 0) AS m FROM ${table}`);
  const names = cols.map((c) => quoteIdent(c.name));
  await tx.exec(`INSERT INTO ${table} (${quoteIdent(RECORD_ID_COLUMN)}${names.map((n) => `, ${n}`).join('')})
    SELECT CAST(? AS BIGINT) + row_number() OVER (ORDER BY ${STAGE_ORDER_COLUMN})${names.map((n) => `, ${n}`).join('')} FROM ${KEPT} ORDER BY ${STAGE_ORDER_COLUMN}`, [Number(m)]);
}

/** Deletes the records equal to these on the id fields (or, without id fields, on every field). */
async function deleteMatching(tx: WriteTx, ds: Dataset, records: PhysicalRecord[]): Promise<void> {
  const cols = columnsOf(ds);
  const keys = keyColumns(ds);
  await tx.stageRows(STAGE, cols, records);
  await tx.exec(`DELETE FROM ${quoteIdent(ds.table)} t WHERE EXISTS (SELECT 1 FROM ${STAGE} s WHERE ${matchOn(keys.length ? keys : cols.map((c) => c.name), 's', 't')})`);
}

async function deleteIds(tx: WriteTx, ds: Dataset, ids: number[]): Promise<void> {
  await tx.stageRows(STAGE, [{ name: 'id', sqlType: 'bigint' }], ids.map((id) => ({ id })));
  await tx.exec(`DELETE FROM ${quoteIdent(ds.table)} WHERE ${quoteIdent(RECORD_ID_COLUMN)} IN (SELECT id FROM ${STAGE})`);
}
