// Silence alerts of live datasets: when no record arrived for the configured minutes — for the dataset,
// and for each value of its sensor field — an alert is raised, and resolved when records come again.
// Arrivals are tracked in memory; at start every known sensor counts as just seen (a grace period).
import type { Catalog } from '../catalog/index.ts';
import { quoteIdent } from '../sql/quote.ts';
import type { PhysicalRecord } from './records.ts';
import type { SettingsStore } from './settings.ts';

export interface SilenceAlert {
  datasetUid: string;
  datasetId: string;
  /** The silent sensor (a value of the sensor field), or null for the whole dataset. */
  sensor: string | null;
  /** When its last record arrived (or when watching began). */
  lastSeen: string;
  raised: string;
  minutes: number;
}
export interface AlertEvent { kind: 'raised' | 'resolved'; alert: SilenceAlert }

interface Seen { any: number; bySensor: Map<string, number> }

export class SilenceWatch {
  private seenAt = new Map<string, Seen>();
  private active = new Map<string, SilenceAlert>();
  private listeners: Array<(e: AlertEvent) => void | Promise<void>> = [];
  private pending = new Set<Promise<void>>();
  constructor(private readonly catalog: Catalog, private readonly settings: SettingsStore, private readonly clock: () => number = () => Date.now()) {}

  onAlert(fn: (e: AlertEvent) => void | Promise<void>): void { this.listeners.push(fn); }

  /** Starts watching a dataset (at start, or when its alert is configured): its sensors count as seen now. */
  async prime(datasetUid: string): Promise<void> {
    const s = this.settings.get(datasetUid);
    const ds = this.catalog.findByUid(datasetUid);
    if (!ds || s.silenceMinutes === null) return;
    const now = this.clock();
    const entry: Seen = { any: now, bySensor: new Map() };
    if (s.sensorField && ds.fields.some((f) => f.name === s.sensorField)) {
      const rows = await this.catalog.backend.query(`SELECT DISTINCT ${quoteIdent(s.sensorField)} AS v FROM ${quoteIdent(ds.table)} WHERE ${quoteIdent(s.sensorField)} IS NOT NULL`);
      for (const r of rows) entry.bySensor.set(String(r.v), now);
    }
    this.seenAt.set(datasetUid, entry);
    for (const k of [...this.active.keys()]) if (k.startsWith(`${datasetUid}\u0000`)) this.active.delete(k);
  }

  /** Records of a dataset just arrived: they resolve its alerts and those of their sensors. */
  seen(datasetUid: string, records: readonly PhysicalRecord[]): void {
    const s = this.settings.get(datasetUid);
    if (s.silenceMinutes === null || records.length === 0) return;
    const now = this.clock();
    const entry = this.seenAt.get(datasetUid) ?? { any: now, bySensor: new Map() };
    entry.any = now;
    this.resolve(datasetUid, null);
    if (s.sensorField) {
      for (const r of records) {
        const v = r[s.sensorField];
        if (v === null || v === undefined) continue;
        entry.bySensor.set(String(v), now);
        this.resolve(datasetUid, String(v));
      }
    }
    this.seenAt.set(datasetUid, entry);
  }

  /** Raises the alerts that are due (called every half minute by the server; tests call it directly). */
  check(): void {
    const now = this.clock();
    for (const [uid, s] of this.settings.all()) {
      const ds = this.catalog.findByUid(uid);
      if (!ds || s.silenceMinutes === null) continue;
      const entry = this.seenAt.get(uid);
      if (!entry) continue; // primed when configured or at start
      const limit = s.silenceMinutes * 60_000;
      if (now - entry.any > limit) this.raise(uid, ds.dataset_id, null, entry.any, s.silenceMinutes);
      for (const [sensor, t] of entry.bySensor) if (now - t > limit) this.raise(uid, ds.dataset_id, sensor, t, s.silenceMinutes);
    }
  }

  activeFor(datasetUid: string): SilenceAlert[] {
    return [...this.active.values()].filter((a) => a.datasetUid === datasetUid);
  }

  forget(datasetUid: string): void {
    this.seenAt.delete(datasetUid);
    for (const k of [...this.active.keys()]) if (k.startsWith(`${datasetUid}\u0000`)) this.active.delete(k);
  }

  private raise(uid: string, datasetId: string, sensor: string | null, last: number, minutes: number): void {
    const key = `${uid}\u0000${sensor ?? ''}`;
    if (this.active.has(key)) return;
    const alert: SilenceAlert = { datasetUid: uid, datasetId, sensor, lastSeen: new Date(last).toISOString(), raised: new Date(this.clock()).toISOString(), minutes };
    this.active.set(key, alert);
    this.emit({ kind: 'raised', alert });
  }

  private resolve(uid: string, sensor: string | null): void {
    const key = `${uid}\u0000${sensor ?? ''}`;
    const alert = this.active.get(key);
    if (!alert) return;
    this.active.delete(key);
    this.emit({ kind: 'resolved', alert });
  }

  private emit(e: AlertEvent): void {
    for (const l of this.listeners) {
      const p: Promise<void> = Promise.resolve()
        .then(() => l(e))
        .catch((err: unknown) => console.error(`[agora] silence alert listener: ${(err as Error).message}`))
        .finally(() => this.pending.delete(p));
      this.pending.add(p);
    }
  }

  /** Waits for the listeners still handling an alert (audit entry, e-mails): shutdown does this before the store closes. */
  async drain(): Promise<void> { while (this.pending.size) await Promise.all([...this.pending]); }
}
