// One intake path for real-time data (the push API now, MQTT beside it): records are checked against
// the dataset's fields, appended to the fsync'd log (then acknowledged) and applied by the single writer.
import { join } from 'node:path';
import type { Catalog } from '../catalog/index.ts';
import type { SecretBox } from '../core/secrets.ts';
import type { Dataset } from '../core/types.ts';
import { AgoraError } from '../core/errors.ts';
import { IntakeLog } from './log.ts';
import { recordsOf, toPhysical } from './records.ts';
import { processPushed } from './processed.ts';
import { RealtimeResources, type RealtimeResource } from './resources.ts';
import { MqttIntake, type DeadLetter, type MqttStatus } from './mqtt.ts';
import type { MqttConfig } from './mqtt-config.ts';
import { SettingsStore, type LiveSettings } from './settings.ts';
import { SilenceWatch, type AlertEvent, type SilenceAlert } from './silence.ts';
import { applyRetention, type RetentionResult } from './retention.ts';
import type { PhysicalRecord } from './records.ts';

/** How often the server looks for silent datasets and sensors, and applies retention. */
const SILENCE_CHECK_MS = 30_000;
const RETENTION_EVERY_MS = 10 * 60_000;
import { appliedSeq, LiveWriter, type WriterOptions } from './writer.ts';

export interface IntakeOptions extends WriterOptions {
  /** The data directory (the log goes in its realtime/ folder); null keeps nothing on disk. */
  dataDir: string | null;
  /** true: connect the MQTT subscriptions (`agora serve`; a second process doing so would take over
   *  the server's broker sessions, so command-line tools leave it off). */
  subscribe?: boolean;
  /** Seals the MQTT passwords in the store. */
  secrets: SecretBox;
}

export class Realtime {
  private constructor(
    private readonly catalog: Catalog,
    readonly resources: RealtimeResources,
    private readonly log: IntakeLog,
    readonly writer: LiveWriter,
    private readonly mqtt: MqttIntake,
    /** Whether this process runs the MQTT subscriptions and background checks (the server does; command-line tools do not). */
    private readonly subscribing: boolean,
    private readonly settings: SettingsStore,
    private readonly silence: SilenceWatch,
  ) {}

  private timers: NodeJS.Timeout[] = [];

  /** Opens the resources and the log, and applies what was acknowledged but not yet stored (a crash). */
  static async open(catalog: Catalog, opts: IntakeOptions): Promise<Realtime> {
    const resources = new RealtimeResources(catalog.backend, opts.secrets);
    await resources.open();
    const { log, unapplied } = IntakeLog.open(opts.dataDir ? join(opts.dataDir, 'realtime') : null, await appliedSeq(catalog));
    const writer = new LiveWriter(catalog, log, opts);
    let rt: Realtime | null = null;
    const mqtt = new MqttIntake(catalog.backend, (uid, record) => rt!.ingest(uid, record), (uid) => catalog.findByUid(uid)?.fields ?? null);
    await mqtt.open();
    const settings = new SettingsStore(catalog.backend);
    await settings.open();
    const silence = new SilenceWatch(catalog, settings);
    rt = new Realtime(catalog, resources, log, writer, mqtt, opts.subscribe === true, settings, silence);
    for (const e of unapplied) writer.enqueue(e);
    await writer.flush();
    // A deleted dataset takes its real-time resources (their keys, subscriptions, dead letters) with it.
    const live = () => new Set(catalog.list().map((d) => d.dataset_uid));
    const prune = async () => {
      for (const uid of await resources.prune(live())) await mqtt.forget(uid);
      const uids = live();
      for (const [uid] of settings.all()) if (!uids.has(uid)) silence.forget(uid);
      await settings.forget(uids);
    };
    await prune();
    catalog.onChange(async (ds) => { if (!ds) await prune(); });
    if (opts.subscribe === true) {
      for (const s of resources.subscriptions()) mqtt.start(s.resource, s.config);
      for (const [uid] of settings.all()) await silence.prime(uid);
      rt.timers.push(setInterval(() => silence.check(), SILENCE_CHECK_MS), setInterval(() => { void rt!.retainAll().catch(() => undefined); }, RETENTION_EVERY_MS));
      for (const t of rt.timers) t.unref();
    }
    return rt;
  }

  /** A new resource (with its push key, shown once); an mqtt one subscribes at once. */
  async addResource(datasetUid: string, title: string, mqttConfig: MqttConfig | null): Promise<{ resource: RealtimeResource; pushKey: string }> {
    const made = await this.resources.create(datasetUid, title, mqttConfig);
    if (mqttConfig && this.subscribing) this.mqtt.start(made.resource, mqttConfig);
    await this.markLive(datasetUid);
    return made;
  }

  async setEnabled(datasetUid: string, uid: string, enabled: boolean): Promise<RealtimeResource> {
    const r = await this.resources.setEnabled(datasetUid, uid, enabled);
    const sub = this.resources.subscriptions().find((s) => s.resource.uid === uid);
    if (sub && this.subscribing) this.mqtt.start(r, sub.config); // stops it when disabled
    await this.markLive(datasetUid);
    return r;
  }

  async removeResource(datasetUid: string, uid: string): Promise<void> {
    await this.resources.delete(datasetUid, uid);
    await this.mqtt.forget(uid);
    await this.markLive(datasetUid);
  }

  /** The dataset's `is_live` flag (feature "realtime"): whether one of its resources is enabled. */
  private async markLive(datasetUid: string): Promise<void> {
    const ds = this.catalog.findByUid(datasetUid);
    const live = this.resources.list(datasetUid).some((r) => r.enabled);
    if (ds && (ds.is_live === true) !== live) await this.catalog.updateFlags(ds.dataset_id, { is_live: live });
  }

  mqttStatus(uid: string): MqttStatus | null { return this.mqtt.statusOf(uid); }

  settingsOf(datasetUid: string): LiveSettings { return this.settings.get(datasetUid); }

  /** Stores a dataset's alert and retention settings; its silence watch starts afresh. */
  async putSettings(datasetUid: string, s: LiveSettings): Promise<void> {
    await this.settings.put(datasetUid, s);
    this.silence.forget(datasetUid);
    await this.silence.prime(datasetUid);
  }

  alerts(datasetUid: string): SilenceAlert[] { return this.silence.activeFor(datasetUid); }
  onAlert(fn: (e: AlertEvent) => void | Promise<void>): void { this.silence.onAlert(fn); }
  /** Looks for silent datasets and sensors now (the server does it every 30 s). */
  checkSilence(): void { this.silence.check(); }

  /** Applies a dataset's retention now (the server does it every 10 minutes for all). */
  async retain(datasetUid: string, now = Date.now()): Promise<RetentionResult> {
    const ds = this.catalog.findByUid(datasetUid);
    if (!ds) return { deleted: 0, inserted: 0 };
    await this.writer.flush(); // records logged before now are in the table first
    return applyRetention(this.catalog, ds, this.settings.get(datasetUid), now);
  }

  private async retainAll(): Promise<void> {
    for (const [uid, s] of this.settings.all()) if (s.retentionDays !== null) await this.retain(uid);
  }

  /** Checked records in: logged (durable once this resolves), queued for the writer, seen by the silence watch. */
  private async accept(ds: Dataset, records: PhysicalRecord[]): Promise<void> {
    this.writer.enqueue(await this.log.append(ds.dataset_uid, { op: 'push', records }));
    this.silence.seen(ds.dataset_uid, records);
  }
  deadLetters(uid: string): Promise<DeadLetter[]> { return this.mqtt.deadLetters(uid); }

  /** One record from an MQTT message: checked against the dataset's fields, then logged (resolves once durable). */
  async ingest(datasetUid: string, record: Record<string, unknown>): Promise<void> {
    const ds = this.catalog.findByUid(datasetUid);
    if (!ds) throw new AgoraError('PUSH_RECORD_INVALID', 'The dataset of this subscription no longer exists.');
    await this.accept(ds, (await processPushed(this.catalog, ds, [record])).map((r, i) => toPhysical(ds.fields, r, i)));
  }

  /** The dataset and resource a push key opens (any error names what is wrong). */
  private target(datasetId: string, resourceUid: string, key: string | undefined): Dataset {
    const ds = this.catalog.find(datasetId);
    if (!ds) throw new AgoraError('PUSH_KEY_INVALID', 'The push key is not valid for this real-time resource (wrong, renewed or for another resource).');
    this.resources.authorise(ds.dataset_uid, resourceUid, key);
    return ds;
  }

  /** POST …/push/: one record or an array; resolves once they are durable. Nothing of a batch with a bad record is kept. */
  async push(datasetId: string, resourceUid: string, key: string | undefined, body: unknown): Promise<number> {
    const ds = this.target(datasetId, resourceUid, key);
    const records = (await processPushed(this.catalog, ds, recordsOf(body))).map((r, i) => toPhysical(ds.fields, r, i));
    if (records.length) await this.accept(ds, records);
    return records.length;
  }

  /** POST …/delete/: deletes the records equal to these (on the id fields when the dataset has them). */
  async deleteByValues(datasetId: string, resourceUid: string, key: string | undefined, body: unknown): Promise<number> {
    const ds = this.target(datasetId, resourceUid, key);
    const records = recordsOf(body).map((r, i) => toPhysical(ds.fields, r, i));
    this.writer.enqueue(await this.log.append(ds.dataset_uid, { op: 'delete', records }));
    return records.length;
  }

  /** GET …/{record_id}/delete/: deletes one record by its id (the API's record id). */
  async deleteById(datasetId: string, resourceUid: string, key: string | undefined, recordId: string): Promise<void> {
    const ds = this.target(datasetId, resourceUid, key);
    if (!/^\d{1,15}$/.test(recordId)) throw new AgoraError('PUSH_RECORD_INVALID', `"${recordId}" is not a record id (the record's id in the Explore API, digits).`, { record_id: recordId });
    this.writer.enqueue(await this.log.append(ds.dataset_uid, { op: 'delete_ids', ids: [Number(recordId)] }));
  }

  /** Applies what is queued now (tests; shutdown). */
  flush(): Promise<void> { return this.writer.flush(); }

  async close(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    this.mqtt.close();
    await this.writer.flush();
    await this.silence.drain();
    await this.log.close();
  }
}
