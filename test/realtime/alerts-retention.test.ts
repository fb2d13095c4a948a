// Silence alerts and retention of a live dataset, through the Automation API: settings checked
// against the fields; a sensor silent past the threshold raises an alert (audit log, e-mail received
// by an independent SMTP server), records resolve it, a silent dataset alerts as a whole; retention
// deletes records older than N days or folds each sensor's hour into one record of averages.
// The clock is set by the test (Date only); expected values are worked out from the pushed records.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { parts } from '../support/mime.ts';
import type { FastifyInstance } from 'fastify';
import { closePortal, openPortal } from '../../src/server/portal.ts';
import { buildApp } from '../../src/server/app.ts';
import type { AppContext } from '../../src/server/context.ts';
import { ensureAudit, ensureGovernance } from '../../src/governance/index.ts';

const AUTO = '/api/automation/v1.0';
const T0 = Date.parse('2026-12-07T12:00:00Z');
const MIN = 60_000;
let ctx: AppContext;
let app: FastifyInstance;
let dir: string;
let key: string;
const mails: Array<{ to: string[]; raw: string }> = [];
let smtp: SMTPServer;
const made: Record<string, { uid: string; push: string }> = {};

const auto = (method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown) =>
  app.inject({ method, url: `${AUTO}${url}`, headers: { authorization: `Apikey ${key}` }, ...(body !== undefined ? { payload: body as object } : {}) });
async function liveDataset(id: string, sample: Record<string, unknown>): Promise<void> {
  const uid = (await auto('POST', '/datasets/', { dataset_id: id })).json().uid;
  const r = (await auto('POST', `/datasets/${uid}/resources/`, { type: 'realtime', title: 'Sensors', params: { sample_record: sample } })).json();
  made[id] = { uid, push: `/api/push/1.0/${id}/${r.uid}/push/?pushkey=${r.push_key}` };
}
async function push(id: string, body: unknown): Promise<void> {
  const res = await app.inject({ method: 'POST', url: made[id].push, payload: body as object });
  expect(res.statusCode, res.body).toBe(200);
  await ctx.realtime.flush();
}
const at = (ms: number) => vi.setSystemTime(new Date(ms));
const settle = () => new Promise((r) => setTimeout(r, 50));
const audited = async (action: string) => (await (await ensureAudit(ctx)).list(10_000, 0)).entries.filter((e) => e.action === action);

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  at(T0);
  smtp = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'], logger: false,
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => { mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') }); cb(); });
    },
  });
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));
  process.env.AGORA_SMTP_URL = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
  process.env.AGORA_ALERT_EMAIL = 'sensors-team@city.example';
  dir = mkdtempSync(join(tmpdir(), 'agora-alerts-'));
  ctx = await openPortal({ inMemory: true, dataDir: dir, baseUrl: 'http://portal.test', portalName: 'Test City' });
  const gov = await ensureGovernance(ctx);
  await gov.addUser({ username: 'root', password: 'password-0', isAdmin: true, email: 'root@city.example' });
  key = (await gov.createApiKey('root', ['admin'])).key;
  app = await buildApp(ctx, { web: false });
  await liveDataset('air', { sensor_id: 'A', pm25: 1.5 });
  await push('air', [{ sensor_id: 'A', pm25: 1 }, { sensor_id: 'B', pm25: 2 }]);
});
afterAll(async () => {
  vi.useRealTimers();
  delete process.env.AGORA_SMTP_URL; delete process.env.AGORA_ALERT_EMAIL;
  await app?.close(); if (ctx) await closePortal(ctx); smtp?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('realtime_settings', () => {
  it('refuses unknown keys, unknown or mistyped fields and incomplete retention, naming the key', async () => {
    const cases: Array<[unknown, string]> = [
      [{ colour: 1 }, 'colour'], [{ silence_minutes: 0 }, 'silence_minutes'], [{ silence_minutes: 2.5 }, 'silence_minutes'],
      [{ sensor_field: 'nosuch' }, 'sensor_field'], [{ sensor_field: 'pm25' }, 'sensor_field'],
      [{ retention_days: 7 }, 'time_field'], [{ downsample_hourly: 'yes' }, 'downsample_hourly'],
    ];
    for (const [body, where] of cases) {
      const res = await auto('PUT', `/datasets/${made.air.uid}/realtime_settings/`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().message).toContain(where);
    }
    expect((await auto('GET', `/datasets/${made.air.uid}/realtime_settings/`)).json()).toEqual({
      silence_minutes: null, sensor_field: null, retention_days: null, time_field: null, downsample_hourly: false, alerts: [],
      choices: { sensor_field: ['sensor_id'], time_field: [] },
    });
  });
});

describe('silence alerts', () => {
  it('raises an alert for a sensor silent past the threshold: in the settings, the audit log and the mail', async () => {
    const res = await auto('PUT', `/datasets/${made.air.uid}/realtime_settings/`, { silence_minutes: 5, sensor_field: 'sensor_id' });
    expect(res.statusCode, res.body).toBe(200);
    at(T0 + 3 * MIN);
    await push('air', { sensor_id: 'A', pm25: 3 });
    at(T0 + 6 * MIN);
    ctx.realtime.checkSilence();
    await settle();
    // B was last seen when watching began (T0), 6 minutes ago; A 3 minutes ago; the dataset 3 minutes ago.
    const alerts = (await auto('GET', `/datasets/${made.air.uid}/realtime_settings/`)).json().alerts;
    expect(alerts).toEqual([{ sensor: 'B', last_record: new Date(T0).toISOString(), raised: new Date(T0 + 6 * MIN).toISOString(), minutes: 5 }]);
    expect((await audited('realtime.silence')).map((e) => e.detail)).toEqual([{ dataset_id: 'air', sensor: 'B', last_record: new Date(T0).toISOString(), minutes: 5 }]);
    // One message to each operator: the admins with an address and AGORA_ALERT_EMAIL.
    await vi.waitFor(() => expect(mails).toHaveLength(2), { timeout: 5000 });
    expect(mails.flatMap((m) => m.to).sort()).toEqual(['root@city.example', 'sensors-team@city.example']);
    for (const m of mails) {
      const mail = parts(m.raw.replace(/\r?\n/g, '\r\n'));
      expect(mail.subject).toBe('[Test City] No data from sensor "B" of dataset air for 5 minutes');
      expect(mail.text).toContain(`since ${new Date(T0).toISOString()}`);
      expect(mail.text).toContain(`http://portal.test/admin/datasets/${made.air.uid}`);
    }
    // Checking again does not raise it twice.
    ctx.realtime.checkSilence();
    expect(await audited('realtime.silence')).toHaveLength(1);
  });

  it('resolves it when the sensor sends again; a whole silent dataset alerts as such', async () => {
    at(T0 + 7 * MIN);
    await push('air', { sensor_id: 'B', pm25: 4 });
    await settle();
    expect((await auto('GET', `/datasets/${made.air.uid}/realtime_settings/`)).json().alerts).toEqual([]);
    expect((await audited('realtime.silence_resolved')).map((e) => (e.detail as { sensor: string }).sensor)).toEqual(['B']);
    at(T0 + 13 * MIN);
    ctx.realtime.checkSilence();
    await settle();
    const sensors = (await auto('GET', `/datasets/${made.air.uid}/realtime_settings/`)).json().alerts.map((a: { sensor: string | null }) => a.sensor);
    expect(sensors.sort()).toEqual(['A', 'B', null].sort());
    // Each operator (2) is told of B's return and of the three new alerts.
    await vi.waitFor(() => expect(mails).toHaveLength(2 + 2 + 6), { timeout: 5000 });
  });
});

describe('retention', () => {
  const DAY = 86_400_000;
  const iso = (ms: number) => new Date(ms).toISOString();
  it('deletes the records older than retention_days by the time field', async () => {
    at(T0);
    await liveDataset('levels', { gauge: 'G1', level_cm: 1.5, measured_at: '2026-12-01T00:00:00Z' });
    await push('levels', [
      { gauge: 'G1', level_cm: 10, measured_at: iso(T0 - 10 * DAY) }, { gauge: 'G1', level_cm: 11, measured_at: iso(T0 - 8 * DAY) },
      { gauge: 'G1', level_cm: 12, measured_at: iso(T0 - 2 * DAY) }, { gauge: 'G2', level_cm: 13, measured_at: iso(T0 - 1 * DAY) },
    ]);
    expect((await auto('PUT', `/datasets/${made.levels.uid}/realtime_settings/`, { retention_days: 7, time_field: 'measured_at' })).statusCode).toBe(200);
    const res = await auto('POST', `/datasets/${made.levels.uid}/realtime_settings/apply_retention/`);
    expect(res.json()).toEqual({ records_deleted: 2, records_added: 0 });
    const rows = await ctx.backend.query(`SELECT level_cm FROM "${ctx.catalog.get('levels').table}" ORDER BY level_cm`);
    expect(rows.map((r) => r.level_cm)).toEqual([12, 13]);
    expect(ctx.catalog.get('levels').metas.default.records_count).toBe(2);
  });

  it('with hourly downsampling, folds each sensor\'s older hour into one record of averages, once', async () => {
    const h = Date.parse('2026-11-20T08:00:00Z'); // 17 days before T0
    await push('levels', [
      { gauge: 'G1', level_cm: 10, measured_at: iso(h + 5 * MIN) }, { gauge: 'G1', level_cm: 20, measured_at: iso(h + 25 * MIN) },
      { gauge: 'G1', level_cm: 33, measured_at: iso(h + 55 * MIN) }, { gauge: 'G2', level_cm: 7, measured_at: iso(h + 10 * MIN) },
      { gauge: 'G2', level_cm: 9, measured_at: iso(h + 70 * MIN) },
    ]);
    expect((await auto('PUT', `/datasets/${made.levels.uid}/realtime_settings/`, { downsample_hourly: true, sensor_field: 'gauge' })).statusCode).toBe(200);
    const first = (await auto('POST', `/datasets/${made.levels.uid}/realtime_settings/apply_retention/`)).json();
    // G1's three records of 08:00 become one (average 21); G2 has one record in 08:00 and one in 09:00: left as they are.
    expect(first).toEqual({ records_deleted: 3, records_added: 1 });
    const table = ctx.catalog.get('levels').table;
    const rows = await ctx.backend.query(`SELECT gauge, level_cm, measured_at FROM "${table}" WHERE measured_at < CAST(? AS TIMESTAMPTZ) ORDER BY gauge, measured_at`, [iso(T0 - 7 * DAY)]);
    expect(rows.map((r) => [r.gauge, r.level_cm, (r.measured_at as Date).toISOString()])).toEqual([
      ['G1', 21, '2026-11-20T08:00:00.000Z'], ['G2', 7, iso(h + 10 * MIN)], ['G2', 9, iso(h + 70 * MIN)],
    ]);
    expect((await auto('POST', `/datasets/${made.levels.uid}/realtime_settings/apply_retention/`)).json()).toEqual({ records_deleted: 0, records_added: 0 });
    expect(ctx.catalog.get('levels').metas.default.records_count).toBe(5);
  });
});
