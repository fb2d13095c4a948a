// MQTT ingestion against the real Mosquitto broker of the dev machines (127.0.0.1:1883; .ci/run
// starts it): a subscription made through the Automation API maps topic levels and JSON paths to
// fields; malformed messages become dead letters without stopping the intake; a dropped connection is
// re-established and the messages published meanwhile (QoS 1, persistent session) still arrive; the
// password is never shown or logged. Expected values are the messages published here.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect as tcpConnect, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import mqtt, { type MqttClient } from 'mqtt';
import type { FastifyInstance } from 'fastify';
import { closePortal, openPortal } from '../../src/server/portal.ts';
import { buildApp } from '../../src/server/app.ts';
import type { AppContext } from '../../src/server/context.ts';
import { ensureGovernance } from '../../src/governance/index.ts';

const BROKER = { host: '127.0.0.1', port: 1883 };
const AUTO = '/api/automation/v1.0';
const PASSWORD = 'SECRET-MQTT-PASSWORD-7731';
const ROOT = `agora-test-${randomUUID().slice(0, 8)}`;
const brokerUp = await new Promise<boolean>((resolve) => {
  const s = tcpConnect(BROKER.port, BROKER.host, () => { s.end(); resolve(true); });
  s.on('error', () => resolve(false));
});
if (!brokerUp) console.warn('Skipping MQTT tests: no broker at 127.0.0.1:1883 (.ci/run starts Mosquitto).');

let ctx: AppContext;
let app: FastifyInstance;
let dir: string;
let key: string;
let uid: string;
let resource: Record<string, unknown>;
let publisher: MqttClient;
/** A TCP relay between the intake and the broker, so the test can cut the connection. */
let relay: Server;
const relayed = new Set<Socket>();
const logged: string[] = [];

const auto = (method: 'GET' | 'POST', url: string, body?: unknown) =>
  app.inject({ method, url: `${AUTO}${url}`, headers: { authorization: `Apikey ${key}` }, ...(body !== undefined ? { payload: body as object } : {}) });
const status = async () => (await auto('GET', `/datasets/${uid}/resources/${resource.uid}/`)).json().status as { connected: boolean; received: number; malformed: number };
async function until(what: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await what())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}
async function rows(): Promise<Array<Record<string, unknown>>> {
  await ctx.realtime.flush();
  const table = ctx.catalog.get('air').table;
  return ctx.backend.query(`SELECT sensor_id, pm25, measured_at FROM "${table}" ORDER BY _rid`);
}

describe.skipIf(!brokerUp)('MQTT ingestion (Mosquitto)', () => {
  beforeAll(async () => {
    for (const m of ['log', 'error', 'warn'] as const) vi.spyOn(console, m).mockImplementation((...a: unknown[]) => { logged.push(a.map(String).join(' ')); });
    process.env.AGORA_ALLOW_PRIVATE_URLS = 'true';
    relay = createServer((client) => {
      const upstream = tcpConnect(BROKER.port, BROKER.host);
      relayed.add(client);
      client.pipe(upstream).pipe(client);
      const drop = () => { client.destroy(); upstream.destroy(); relayed.delete(client); };
      client.on('error', drop); upstream.on('error', drop); client.on('close', drop); upstream.on('close', drop);
    });
    await new Promise<void>((r) => relay.listen(0, '127.0.0.1', r));
    dir = mkdtempSync(join(tmpdir(), 'agora-mqtt-'));
    ctx = await openPortal({ inMemory: true, dataDir: dir, baseUrl: 'http://portal.test', subscribe: true });
    const gov = await ensureGovernance(ctx);
    await gov.addUser({ username: 'root', password: 'password-0', isAdmin: true });
    key = (await gov.createApiKey('root', ['admin'])).key;
    app = await buildApp(ctx, { web: false });
    uid = (await auto('POST', '/datasets/', { dataset_id: 'air' })).json().uid;
    publisher = await mqtt.connectAsync(`mqtt://${BROKER.host}:${BROKER.port}`, { clientId: `agora-test-pub-${randomUUID().slice(0, 6)}` });
  });
  afterAll(async () => {
    delete process.env.AGORA_ALLOW_PRIVATE_URLS;
    await publisher?.endAsync();
    await app?.close(); if (ctx) await closePortal(ctx);
    for (const s of relayed) s.destroy();
    relay?.close();
    rmSync(dir, { recursive: true, force: true });
    vi.restoreAllMocks();
  });

  it('refuses a subscription with a bad URL, credentials in the URL, or a bad topic or path, naming the setting', async () => {
    const make = (params: Record<string, unknown>) => auto('POST', `/datasets/${uid}/resources/`, { type: 'mqtt', title: 'Air', params: { sample_record: { sensor_id: 'S', pm25: 1.5 }, ...params } });
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ url: 'http://127.0.0.1:1883', topic: 'a/b' }, 'params.url'],
      [{ url: 'mqtt://u:p@127.0.0.1:1883', topic: 'a/b' }, 'params.url'],
      [{ url: 'mqtt://127.0.0.1:1883', topic: 'a/#/b' }, 'params.topic'],
      [{ url: 'mqtt://127.0.0.1:1883', topic: 'a/b', fields: { pm25: 'pm25' } }, 'params.fields.pm25'],
      [{ url: 'mqtt://127.0.0.1:1883', topic: 'a/b', colour: 'red' }, 'params.colour'],
      [{ url: 'mqtt://127.0.0.1:1883', topic: 'a/b', protocol_version: 3 }, 'params.protocol_version'],
    ];
    for (const [params, where] of cases) {
      const res = await make(params);
      expect(res.statusCode, JSON.stringify(params)).toBe(400);
      expect(res.json().message).toContain(where);
    }
  });

  it('subscribes and maps topic levels and JSON paths to fields; never shows the password', async () => {
    const res = await auto('POST', `/datasets/${uid}/resources/`, {
      type: 'mqtt', title: 'Air sensors',
      params: {
        url: `mqtt://127.0.0.1:${(relay.address() as { port: number }).port}`, topic: `${ROOT}/air/{sensor_id}`, username: 'agora', password: PASSWORD,
        fields: { pm25: '$.reading.pm25', measured_at: '$.ts' }, sample_record: { sensor_id: 'S', pm25: 1.5, measured_at: '2026-12-07T10:00:00Z' },
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    resource = res.json();
    expect(resource.type).toBe('mqtt');
    expect(JSON.stringify(resource)).not.toContain(PASSWORD);
    expect((resource.params as { password_set: boolean }).password_set).toBe(true);
    await until(async () => (await status()).connected);
    for (const [sensor, pm] of [['A', 12.5], ['B', 30], ['A', 14]] as const) {
      await publisher.publishAsync(`${ROOT}/air/${sensor}`, JSON.stringify({ reading: { pm25: pm }, ts: '2026-12-07T10:05:00Z' }), { qos: 1 });
    }
    await until(async () => (await rows()).length === 3);
    const got = await rows();
    expect(got.map((r) => [r.sensor_id, r.pm25])).toEqual([['A', 12.5], ['B', 30], ['A', 14]]);
    expect((got[0].measured_at as Date).toISOString()).toBe('2026-12-07T10:05:00.000Z');
  });

  it('keeps malformed messages as dead letters, counted, and goes on with the next ones', async () => {
    await publisher.publishAsync(`${ROOT}/air/C`, 'not json', { qos: 1 });
    await publisher.publishAsync(`${ROOT}/air/C`, JSON.stringify({ reading: { pm25: 'high' } }), { qos: 1 });
    await publisher.publishAsync(`${ROOT}/air/D`, JSON.stringify({ reading: { pm25: 8 } }), { qos: 1 });
    await until(async () => (await rows()).length === 4 && (await status()).malformed === 2);
    expect((await rows()).at(-1)).toMatchObject({ sensor_id: 'D', pm25: 8 });
    const dead = (await auto('GET', `/datasets/${uid}/resources/${resource.uid}/dead_letters/`)).json();
    expect(dead.total_count).toBe(2);
    expect(dead.results.map((d: { topic: string }) => d.topic)).toEqual([`${ROOT}/air/C`, `${ROOT}/air/C`]);
    const errors = dead.results.map((d: { error: string }) => d.error).join(' | ');
    expect(errors).toContain('not JSON');
    expect(errors).toContain('"high" is not a number');
  });

  it('reconnects after the connection drops, and what was published meanwhile still arrives (QoS 1)', async () => {
    for (const s of relayed) s.destroy();
    await until(async () => !(await status()).connected);
    await publisher.publishAsync(`${ROOT}/air/E`, JSON.stringify({ reading: { pm25: 5 } }), { qos: 1 });
    await until(async () => (await status()).connected, 20_000);
    await until(async () => (await rows()).some((r) => r.sensor_id === 'E'), 10_000);
    expect((await rows()).filter((r) => r.sensor_id === 'E')).toHaveLength(1);
  }, 40_000);

  it('stops while disabled and starts again once enabled', async () => {
    expect((await auto('POST', `/datasets/${uid}/resources/${resource.uid}/disable/`)).json().enabled).toBe(false);
    await until(async () => !(await status()).connected);
    expect((await auto('POST', `/datasets/${uid}/resources/${resource.uid}/enable/`)).json().enabled).toBe(true);
    await until(async () => (await status()).connected);
    await publisher.publishAsync(`${ROOT}/air/F`, JSON.stringify({ reading: { pm25: 6 } }), { qos: 1 });
    await until(async () => (await rows()).some((r) => r.sensor_id === 'F'));
  }, 30_000);

  it('also speaks MQTT 3.1.1 (protocol_version 4) for brokers without MQTT 5', async () => {
    const res = await auto('POST', `/datasets/${uid}/resources/`, {
      type: 'mqtt', title: 'Old broker', params: { url: `mqtt://${BROKER.host}:${BROKER.port}`, topic: `${ROOT}/v4/{sensor_id}`, fields: { pm25: '$.pm25' }, protocol_version: 4 },
    });
    expect(res.statusCode, res.body).toBe(201);
    const v4 = res.json();
    await until(async () => (await auto('GET', `/datasets/${uid}/resources/${v4.uid}/`)).json().status.connected);
    await publisher.publishAsync(`${ROOT}/v4/G`, JSON.stringify({ pm25: 7 }), { qos: 1 });
    await until(async () => (await rows()).some((r) => r.sensor_id === 'G' && r.pm25 === 7));
  });

  it('never logged the password', () => {
    expect(logged.join('\n')).not.toContain(PASSWORD);
  });
});
