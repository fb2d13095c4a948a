// A live dataset's settings: the silence alert (no record for N minutes, for the dataset and for each
// value of a sensor field) and retention (keep N days by a date field, older rows optionally folded into
// hourly averages). Stored beside the catalog; checked against the dataset's fields, errors name the key.
import type { Dataset } from '../core/types.ts';
import type { Backend } from '../storage/backend.ts';
import { shareChanges, type SharedCopy } from '../storage/changes.ts';
import { invalidParameter as invalid } from '../core/errors.ts';

const TABLE = 'agora_realtime_settings';

export interface LiveSettings {
  /** Alert when no record arrived for this many minutes (null: no alert). */
  silenceMinutes: number | null;
  /** A field naming the sensor: each of its values alerts on its own silence. */
  sensorField: string | null;
  /** Keep this many days of records, by `timeField` (null: keep everything). */
  retentionDays: number | null;
  timeField: string | null;
  /** Older records are replaced by hourly averages (per sensor) instead of deleted. */
  downsampleHourly: boolean;
}

export const NO_SETTINGS: LiveSettings = { silenceMinutes: null, sensorField: null, retentionDays: null, timeField: null, downsampleHourly: false };

/** The body of PUT realtime_settings/ (snake_case keys, any subset) over the current settings. */
export function parseSettings(ds: Dataset, body: unknown, current: LiveSettings): LiveSettings {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw invalid('body', 'expected an object');
  const b = body as Record<string, unknown>;
  const known = ['silence_minutes', 'sensor_field', 'retention_days', 'time_field', 'downsample_hourly'];
  for (const k of Object.keys(b)) if (!known.includes(k)) throw invalid(k, `unknown key (expected ${known.join(', ')})`);
  const out = { ...current };
  const count = (k: string, max: number): number | null => {
    const v = b[k];
    if (v === null) return null;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > max) throw invalid(k, `expected a whole number from 1 to ${max}, or null`);
    return v;
  };
  const field = (k: string, types: string[]): string | null => {
    const v = b[k];
    if (v === null) return null;
    const f = typeof v === 'string' ? ds.fields.find((x) => x.name === v) : undefined;
    if (!f) throw invalid(k, `${JSON.stringify(v)} is not a field of the dataset`);
    if (!types.includes(f.type)) throw invalid(k, `field "${f.name}" is a ${f.type} field; expected ${types.join(' or ')}`);
    return f.name;
  };
  if ('silence_minutes' in b) out.silenceMinutes = count('silence_minutes', 7 * 24 * 60);
  if ('sensor_field' in b) out.sensorField = field('sensor_field', ['text', 'int']);
  if ('retention_days' in b) out.retentionDays = count('retention_days', 36_500);
  if ('time_field' in b) out.timeField = field('time_field', ['datetime', 'date']);
  if ('downsample_hourly' in b) {
    if (typeof b.downsample_hourly !== 'boolean') throw invalid('downsample_hourly', 'expected true or false');
    out.downsampleHourly = b.downsample_hourly;
  }
  if (out.retentionDays !== null && out.timeField === null) throw invalid('time_field', 'retention needs the date or datetime field that dates each record');
  if (out.downsampleHourly && out.retentionDays === null) throw invalid('downsample_hourly', 'downsampling applies to records older than retention_days: set it too');
  return out;
}

export function settingsBody(s: LiveSettings): Record<string, unknown> {
  return { silence_minutes: s.silenceMinutes, sensor_field: s.sensorField, retention_days: s.retentionDays, time_field: s.timeField, downsample_hourly: s.downsampleHourly };
}

export class SettingsStore {
  private byUid = new Map<string, LiveSettings>();
  private peers: SharedCopy | null = null;
  constructor(private readonly backend: Backend) {}

  async open(): Promise<void> {
    await this.backend.write((tx) => tx.exec(`CREATE TABLE IF NOT EXISTS ${TABLE} (dataset_uid VARCHAR NOT NULL, settings VARCHAR NOT NULL)`));
    await this.load();
    this.peers = await shareChanges(this.backend, 'agora_realtime', () => this.load());
  }

  private async load(): Promise<void> {
    const byUid = new Map<string, LiveSettings>();
    for (const r of await this.backend.query(`SELECT * FROM ${TABLE}`)) byUid.set(String(r.dataset_uid), { ...NO_SETTINGS, ...JSON.parse(String(r.settings)) as LiveSettings });
    this.byUid = byUid;
  }

  get(datasetUid: string): LiveSettings { return this.byUid.get(datasetUid) ?? NO_SETTINGS; }
  all(): Array<[string, LiveSettings]> { return [...this.byUid]; }

  async put(datasetUid: string, s: LiveSettings): Promise<void> {
    await this.backend.write(async (tx) => {
      await tx.exec(`DELETE FROM ${TABLE} WHERE dataset_uid = ?`, [datasetUid]);
      await tx.exec(`INSERT INTO ${TABLE} VALUES (?, ?)`, [datasetUid, JSON.stringify(s)]);
    });
    this.byUid.set(datasetUid, s);
    await this.peers?.changed(datasetUid);
  }

  async forget(liveUids: ReadonlySet<string>): Promise<void> {
    const gone = [...this.byUid.keys()].filter((u) => !liveUids.has(u));
    if (!gone.length) return;
    await this.backend.write(async (tx) => { for (const u of gone) await tx.exec(`DELETE FROM ${TABLE} WHERE dataset_uid = ?`, [u]); });
    for (const u of gone) this.byUid.delete(u);
    await this.peers?.changed();
  }
}
