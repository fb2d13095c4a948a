// Real-time resources: a dataset's push endpoints, each with a push key kept only as its SHA-256
// (the key itself is shown once), enabled or disabled. Stored beside the catalog; no permission checks here.
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Backend } from '../storage/backend.ts';
import { shareChanges, type SharedCopy } from '../storage/changes.ts';
import { AgoraError } from '../core/errors.ts';
import type { MqttConfig } from './mqtt-config.ts';
import type { SecretBox } from '../core/secrets.ts';

const TABLE = 'agora_realtime_resources';

export interface RealtimeResource {
  uid: string;
  datasetUid: string;
  /** push: the push API with a key; mqtt: a subscription to a broker (it also has a push key). */
  kind: 'push' | 'mqtt';
  /** The subscription of an mqtt resource (its password only in `secretOf`). */
  mqtt: Omit<MqttConfig, 'password'> & { passwordSet: boolean } | null;
  title: string;
  enabled: boolean;
  /** The last 4 characters of the key, to tell keys apart in the back office. */
  keyHint: string;
  created: string;
  updated: string;
}

interface Stored extends Omit<RealtimeResource, 'mqtt'> { keyHash: string; config: MqttConfig | null }

const hash = (key: string) => createHash('sha256').update(key).digest('hex');

export class RealtimeResources {
  private byUid = new Map<string, Stored>();
  private peers: SharedCopy | null = null;
  constructor(private readonly backend: Backend, private readonly secrets: SecretBox) {}

  async open(): Promise<void> {
    await this.backend.write((tx) => tx.exec(`CREATE TABLE IF NOT EXISTS ${TABLE} (
      uid VARCHAR NOT NULL, dataset_uid VARCHAR NOT NULL, title VARCHAR NOT NULL, key_hash VARCHAR NOT NULL,
      key_hint VARCHAR NOT NULL, enabled BOOLEAN NOT NULL, created VARCHAR NOT NULL, updated VARCHAR NOT NULL,
      kind VARCHAR NOT NULL DEFAULT 'push', config VARCHAR)`));
    const stale = await this.load();
    // Passwords stored before sealing, or sealed under a previous key, are sealed again under the current one.
    for (const r of stale) await this.save(r);
    // Keys and enabled flags changed on another node must hold here at once (pushes are refused by them).
    this.peers = await shareChanges(this.backend, 'agora_realtime', async () => { await this.load(); });
  }

  /** Reads every resource, passwords opened; returns those whose password is not sealed under the current key. */
  private async load(): Promise<Stored[]> {
    const byUid = new Map<string, Stored>();
    const stale: Stored[] = [];
    for (const r of await this.backend.query(`SELECT * FROM ${TABLE}`)) {
      const uid = String(r.uid);
      const config = r.config ? JSON.parse(String(r.config)) as MqttConfig : null;
      const sealed = config?.password ?? null;
      if (config && sealed !== null) config.password = this.secrets.open(sealed, `the MQTT subscription of resource ${uid}`);
      const s: Stored = {
        uid, datasetUid: String(r.dataset_uid), title: String(r.title), keyHash: String(r.key_hash),
        keyHint: String(r.key_hint), enabled: Boolean(r.enabled), created: String(r.created), updated: String(r.updated),
        kind: r.kind === 'mqtt' ? 'mqtt' : 'push', config,
      };
      byUid.set(uid, s);
      if (sealed !== null && !this.secrets.current(sealed)) stale.push(s);
    }
    this.byUid = byUid;
    return stale;
  }

  list(datasetUid: string): RealtimeResource[] {
    return [...this.byUid.values()].filter((r) => r.datasetUid === datasetUid).map(publicView);
  }

  find(datasetUid: string, uid: string): RealtimeResource | undefined {
    const r = this.byUid.get(uid);
    return r && r.datasetUid === datasetUid ? publicView(r) : undefined;
  }

  get(datasetUid: string, uid: string): RealtimeResource {
    const r = this.find(datasetUid, uid);
    if (!r) throw new AgoraError('REALTIME_NOT_FOUND', `No real-time resource "${uid}" in this dataset.`, { resource_uid: uid });
    return r;
  }

  /** A new resource and its push key (returned once, never stored). */
  async create(datasetUid: string, title: string, mqtt: MqttConfig | null = null): Promise<{ resource: RealtimeResource; pushKey: string }> {
    const now = new Date().toISOString();
    const key = newKey();
    const r: Stored = {
      uid: `re_${randomUUID().replace(/-/g, '').slice(0, 10)}`, datasetUid, kind: mqtt ? 'mqtt' : 'push', config: mqtt, title,
      keyHash: hash(key), keyHint: key.slice(-4), enabled: true, created: now, updated: now,
    };
    await this.save(r);
    return { resource: publicView(r), pushKey: key };
  }

  /** Replaces the key: the old one stops working at once. */
  async renewKey(datasetUid: string, uid: string): Promise<{ resource: RealtimeResource; pushKey: string }> {
    const key = newKey();
    const r = await this.change(datasetUid, uid, { keyHash: hash(key), keyHint: key.slice(-4) });
    return { resource: r, pushKey: key };
  }

  rename(datasetUid: string, uid: string, title: string): Promise<RealtimeResource> {
    return this.change(datasetUid, uid, { title });
  }

  setEnabled(datasetUid: string, uid: string, enabled: boolean): Promise<RealtimeResource> {
    return this.change(datasetUid, uid, { enabled });
  }

  async delete(datasetUid: string, uid: string): Promise<void> {
    this.get(datasetUid, uid);
    await this.backend.write((tx) => tx.exec(`DELETE FROM ${TABLE} WHERE uid = ?`, [uid]));
    this.byUid.delete(uid);
    await this.peers?.changed(uid);
  }

  /** Deletes the resources of datasets that no longer exist. */
  async prune(liveDatasetUids: ReadonlySet<string>): Promise<string[]> {
    const gone = [...this.byUid.values()].filter((r) => !liveDatasetUids.has(r.datasetUid));
    if (gone.length === 0) return [];
    await this.backend.write(async (tx) => { for (const r of gone) await tx.exec(`DELETE FROM ${TABLE} WHERE uid = ?`, [r.uid]); });
    for (const r of gone) this.byUid.delete(r.uid);
    await this.peers?.changed();
    return gone.map((r) => r.uid);
  }

  /** Every MQTT subscription with its credentials (for the intake only: never shown). */
  subscriptions(): Array<{ resource: RealtimeResource; config: MqttConfig }> {
    return [...this.byUid.values()].filter((r) => r.config).map((r) => ({ resource: publicView(r), config: r.config! }));
  }

  /** The resource a push may write to: the key must match (compared in constant time) and pushes be enabled. */
  authorise(datasetUid: string, uid: string, key: string | undefined): RealtimeResource {
    const r = this.byUid.get(uid);
    const given = Buffer.from(hash(key ?? ''), 'hex');
    const ok = r !== undefined && r.datasetUid === datasetUid && key !== undefined && key !== '' && timingSafeEqual(given, Buffer.from(r.keyHash, 'hex'));
    if (!ok) throw new AgoraError('PUSH_KEY_INVALID', key ? 'The push key is not valid for this real-time resource (wrong, renewed or for another resource).' : 'A push key is required: add ?pushkey=KEY to the URL.');
    if (!r.enabled) throw new AgoraError('PUSH_DISABLED', `Pushes to real-time resource "${r.title}" are disabled: enable it in the back office or with the Automation API (resources/${r.uid}/enable/). Its data is kept.`);
    return publicView(r);
  }

  private async change(datasetUid: string, uid: string, patch: Partial<Stored>): Promise<RealtimeResource> {
    this.get(datasetUid, uid);
    const next: Stored = { ...this.byUid.get(uid)!, ...patch, updated: new Date().toISOString() };
    await this.save(next);
    return publicView(next);
  }

  private async save(r: Stored): Promise<void> {
    await this.backend.write(async (tx) => {
      await tx.exec(`DELETE FROM ${TABLE} WHERE uid = ?`, [r.uid]);
      await tx.exec(`INSERT INTO ${TABLE} VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [r.uid, r.datasetUid, r.title, r.keyHash, r.keyHint, r.enabled, r.created, r.updated, r.kind, r.config ? this.storedConfig(r.config) : null]);
    });
    this.byUid.set(r.uid, r);
    await this.peers?.changed(r.uid);
  }

  /** The subscription as stored: its password sealed (core/secrets.ts), never in clear. */
  private storedConfig(c: MqttConfig): string {
    return JSON.stringify({ ...c, password: c.password === null ? null : this.secrets.seal(c.password) });
  }
}

function newKey(): string {
  return randomBytes(24).toString('base64url');
}

function publicView(r: Stored): RealtimeResource {
  const { keyHash: _hidden, config, ...rest } = r;
  const mqtt = config ? { url: config.url, topic: config.topic, username: config.username, fields: config.fields, protocolVersion: config.protocolVersion ?? 5, passwordSet: config.password !== null } : null;
  return { ...rest, mqtt };
}
