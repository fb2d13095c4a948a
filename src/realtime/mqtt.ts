// MQTT intake: one client per subscription (the `mqtt` package), QoS 1, a persistent session, and the
// broker's PUBACK only once the record is in the fsync'd log (messages in flight share an fsync). Reconnects with back-off (1 s doubling to
// 30 s). A message that gives no valid record is acknowledged, counted and kept as a dead letter.
import mqtt, { type MqttClient } from 'mqtt';
import type { Backend } from '../storage/backend.ts';
import type { Field } from '../core/types.ts';
import { isAgoraError } from '../core/errors.ts';
import { messageRecord, parseTopic, type MqttConfig } from './mqtt-config.ts';
import type { RealtimeResource } from './resources.ts';
import { recordProblem } from './records.ts';

export const DEAD_LETTERS = 'agora_realtime_dead_letters';
/** Dead letters kept per subscription (older ones are dropped). */
const KEEP = 1000;
const MAX_BACKOFF_MS = 30_000;

export interface MqttStatus { connected: boolean; received: number; malformed: number; lastError: string | null }
export interface DeadLetter { received: string; topic: string; payload: string; error: string }

/** Where a message's record goes: checked against the dataset and logged (resolves once durable). */
export type Ingest = (datasetUid: string, record: Record<string, unknown>) => Promise<void>;

/** host:port of a broker URL, for messages: never its credentials. */
const where = (url: string) => { const u = new URL(url); return `${u.protocol}//${u.host}`; };

export class MqttIntake {
  private clients = new Map<string, MqttClient>();
  private status = new Map<string, MqttStatus>();
  constructor(private readonly backend: Backend, private readonly ingest: Ingest, private readonly fieldsOf: (datasetUid: string) => readonly Field[] | null) {}

  async open(): Promise<void> {
    await this.backend.write((tx) => tx.exec(`CREATE TABLE IF NOT EXISTS ${DEAD_LETTERS} (
      resource_uid VARCHAR NOT NULL, received VARCHAR NOT NULL, topic VARCHAR NOT NULL, payload VARCHAR NOT NULL, error VARCHAR NOT NULL)`));
  }

  statusOf(uid: string): MqttStatus | null { return this.status.get(uid) ?? null; }

  /** Subscribes (again) for an enabled mqtt resource; stops it when disabled. */
  start(resource: RealtimeResource, cfg: MqttConfig): void {
    this.stop(resource.uid);
    if (!resource.enabled) return;
    const template = parseTopic(cfg.topic);
    const st: MqttStatus = this.status.get(resource.uid) ?? { connected: false, received: 0, malformed: 0, lastError: null };
    st.connected = false;
    this.status.set(resource.uid, st);
    const client = mqtt.connect(cfg.url, {
      clientId: `agora-${resource.uid}`, clean: false, reconnectPeriod: 1000, connectTimeout: 10_000,
      // MQTT 5: up to 1,000 messages in flight to us (they share fsyncs); the session, and the messages
      // queued for it while we are away, kept for a week. MQTT 3.1.1: the broker's window (often 20).
      ...(cfg.protocolVersion === 4 ? { protocolVersion: 4 as const } : { protocolVersion: 5 as const, properties: { receiveMaximum: 1000, sessionExpiryInterval: 7 * 24 * 3600 } }),
      ...(cfg.username ? { username: cfg.username } : {}), ...(cfg.password ? { password: cfg.password } : {}),
    });
    // A QoS 1 message is acknowledged (PUBACK) only once its record is in the fsync'd log. mqtt.js sends
    // the PUBACK right after handleMessage's callback and reads the next message only then, which
    // would cost one fsync per message (~1 ms here). So the callback returns at once and the PUBACK is
    // held back until that message is durable: the broker's in-flight window (20 by default) shares an
    // fsync. This hooks mqtt.js's internal _sendPacket, the one place the PUBACK passes through; the
    // MQTT tests fail if a new version moves it.
    const durable = new Map<number, Promise<void>>();
    const internals = client as unknown as { _sendPacket(packet: { cmd: string; messageId?: number }, cb?: () => void): void };
    const send = internals._sendPacket.bind(client);
    internals._sendPacket = (packet, cb) => {
      const wait = packet.cmd === 'puback' && packet.messageId !== undefined ? durable.get(packet.messageId) : undefined;
      if (!wait) return send(packet, cb);
      durable.delete(packet.messageId!);
      cb?.();
      // Not durable (the log failed): no PUBACK, so the broker sends the message again.
      wait.then(() => { if (client.connected) send(packet); }, () => undefined);
    };
    client.handleMessage = (packet, done) => {
      st.received++;
      const topic = packet.topic;
      const payload = Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(packet.payload);
      const taken = this.take(resource, cfg, template, topic, payload, st);
      if (packet.qos === 1 && packet.messageId !== undefined) {
        durable.set(packet.messageId, taken);
        taken.catch((e: unknown) => { st.lastError = `not stored: ${(e as Error).message}`; });
        done();
      } else {
        taken.then(() => done(), (e: unknown) => done(e as Error));
      }
    };
    client.on('connect', () => {
      // Each PUBACK is a few bytes: sent at once, not held back by Nagle's algorithm for the next one.
      (client.stream as { setNoDelay?: (on: boolean) => void }).setNoDelay?.(true);
      st.connected = true;
      st.lastError = null;
      client.options.reconnectPeriod = 1000;
      client.subscribe(template.filter, { qos: 1 }, (err) => { if (err) st.lastError = `subscribe: ${err.message}`; });
    });
    client.on('close', () => {
      st.connected = false;
      client.options.reconnectPeriod = Math.min(MAX_BACKOFF_MS, (client.options.reconnectPeriod ?? 1000) * 2);
    });
    client.on('error', (e) => {
      st.lastError = e.message;
      console.error(`[agora] MQTT ${where(cfg.url)} (${resource.uid}): ${e.message}`);
    });
    this.clients.set(resource.uid, client);
  }

  /** A message that gives no valid record becomes a dead letter (and is acknowledged); a failure to log
   *  a valid one is thrown, so the broker keeps the message and sends it again. */
  private async take(resource: RealtimeResource, cfg: MqttConfig, template: ReturnType<typeof parseTopic>, topic: string, payload: Buffer, st: MqttStatus): Promise<void> {
    const dead = (e: unknown) => {
      st.malformed++;
      return this.deadLetter(resource.uid, topic, payload, recordProblem(e).replace(/^Record at index 0: /, ''));
    };
    let record: Record<string, unknown>;
    try {
      record = messageRecord(cfg, template, topic, payload);
    } catch (e) {
      return dead(e);
    }
    // A number captured from the topic (city/air/{sensor_no}) goes into a numeric field as a number.
    const fields = this.fieldsOf(resource.datasetUid) ?? [];
    for (const c of template.captures) {
      const f = fields.find((x) => x.name === c.field);
      if (f && (f.type === 'int' || f.type === 'double') && /^-?\d+(\.\d+)?$/.test(String(record[c.field]))) record[c.field] = Number(record[c.field]);
    }
    try {
      await this.ingest(resource.datasetUid, record);
    } catch (e) {
      if (isAgoraError(e) && e.code === 'PUSH_RECORD_INVALID') return dead(e);
      throw e;
    }
  }

  private async deadLetter(uid: string, topic: string, payload: Buffer, error: string): Promise<void> {
    await this.backend.write(async (tx) => {
      await tx.exec(`INSERT INTO ${DEAD_LETTERS} VALUES (?, ?, ?, ?, ?)`, [uid, new Date().toISOString(), topic, payload.toString('utf8').slice(0, 4096), error.slice(0, 500)]);
      await tx.exec(`DELETE FROM ${DEAD_LETTERS} WHERE resource_uid = ? AND received < (SELECT min(received) FROM (SELECT received FROM ${DEAD_LETTERS} WHERE resource_uid = ? ORDER BY received DESC LIMIT ${KEEP}) AS recent)`, [uid, uid]);
    }).catch((e: unknown) => console.error(`[agora] MQTT dead letter not kept: ${(e as Error).message.split('\n')[0]}`));
  }

  async deadLetters(uid: string, limit = 100): Promise<DeadLetter[]> {
    const rows = await this.backend.query(`SELECT received, topic, payload, error FROM ${DEAD_LETTERS} WHERE resource_uid = ? ORDER BY received DESC LIMIT ?`, [uid, limit]);
    return rows.map((r) => ({ received: String(r.received), topic: String(r.topic), payload: String(r.payload), error: String(r.error) }));
  }

  stop(uid: string): void {
    const c = this.clients.get(uid);
    if (c) { c.end(true); this.clients.delete(uid); }
    const st = this.status.get(uid);
    if (st) st.connected = false;
  }

  async forget(uid: string): Promise<void> {
    this.stop(uid);
    this.status.delete(uid);
    await this.backend.write((tx) => tx.exec(`DELETE FROM ${DEAD_LETTERS} WHERE resource_uid = ?`, [uid]));
  }

  close(): void { for (const uid of [...this.clients.keys()]) this.stop(uid); }
}
