// Connection secrets sealed at rest (core/secrets.ts): AES-256-GCM under AGORA_SECRET_KEY or the
// embedded portal's key file; an MQTT password is never in the store in clear, survives a restart,
// and one stored before sealing is sealed on the next open. Expected plain texts are the inputs.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KEY_FILE, secretBox } from '../../src/core/secrets.ts';
import { closePortal, openPortal } from '../../src/server/portal.ts';
import { importDataset } from '../../src/ingest/index.ts';
import type { MqttConfig } from '../../src/realtime/mqtt-config.ts';

const dir = mkdtempSync(join(tmpdir(), 'agora-secrets-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const KEY = 'k'.repeat(20) + '-0123456789abcdef';
const OTHER = 'o'.repeat(20) + '-0123456789abcdef';
const PASSWORD = 'broker-p@ss:with:colons';

describe('secretBox', () => {
  it('seals with a fresh IV each time and opens what it sealed', () => {
    const box = secretBox({ dataDir: null, shared: false }, { AGORA_SECRET_KEY: KEY });
    const a = box.seal(PASSWORD);
    const b = box.seal(PASSWORD);
    expect(a).toMatch(/^agora-sealed:v1:[0-9a-f]{8}:[\w-]+:[\w-]+:[\w-]+$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain(PASSWORD);
    expect(box.open(a, 'x')).toBe(PASSWORD);
    expect(box.current(a)).toBe(true);
    // A value stored before sealing existed comes back as it is (and is not current).
    expect(box.open(PASSWORD, 'x')).toBe(PASSWORD);
    expect(box.current(PASSWORD)).toBe(false);
  });

  it('names the key a value needs, never the value; a previous key still opens', () => {
    const sealed = secretBox({ dataDir: null, shared: false }, { AGORA_SECRET_KEY: KEY }).seal(PASSWORD);
    const other = secretBox({ dataDir: null, shared: false }, { AGORA_SECRET_KEY: OTHER });
    let msg = '';
    try { other.open(sealed, 'the MQTT subscription of resource re_1'); } catch (e) { msg = (e as Error).message; }
    expect(msg).toMatch(/the MQTT subscription of resource re_1 was sealed with another key \(id [0-9a-f]{8};.*AGORA_SECRET_KEY/);
    expect(msg).not.toContain(PASSWORD);
    const rotated = secretBox({ dataDir: null, shared: false }, { AGORA_SECRET_KEY: OTHER, AGORA_SECRET_KEY_PREVIOUS: KEY });
    expect(rotated.open(sealed, 'x')).toBe(PASSWORD);
    expect(rotated.current(sealed)).toBe(false);
  });

  it('refuses an altered value, a short key, and a shared store without AGORA_SECRET_KEY', () => {
    const box = secretBox({ dataDir: null, shared: false }, { AGORA_SECRET_KEY: KEY });
    const parts = box.seal(PASSWORD).split(':');
    parts[4] = (parts[4][0] === 'A' ? 'B' : 'A') + parts[4].slice(1);
    expect(() => box.open(parts.join(':'), 'resource re_2')).toThrow(/resource re_2 does not open with key .*altered/);
    expect(() => secretBox({ dataDir: null, shared: false }, { AGORA_SECRET_KEY: 'short' })).toThrow(/AGORA_SECRET_KEY is too short: at least 32/);
    const shared = secretBox({ dataDir: null, shared: true }, {});
    expect(() => shared.seal(PASSWORD)).toThrow(/AGORA_SECRET_KEY is not set: on a PostgreSQL store every node/);
  });

  it('an embedded portal without AGORA_SECRET_KEY makes a 0600 key file once and keeps using it', () => {
    const data = join(dir, 'keyfile');
    const sealed = secretBox({ dataDir: data, shared: false }, {}).seal(PASSWORD);
    expect(statSync(join(data, KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(secretBox({ dataDir: data, shared: false }, {}).open(sealed, 'x')).toBe(PASSWORD);
  });
});

describe('MQTT passwords in the store', () => {
  const data = join(dir, 'portal');
  const config: MqttConfig = { url: 'mqtt://broker.example:1883', topic: 'city/air/{sensor}', username: 'agora', password: PASSWORD, fields: null, protocolVersion: 5 };
  let resourceUid = '';

  it('are stored sealed and come back after a restart', async () => {
    const ctx = await openPortal({ dataDir: data });
    try {
      writeFileSync(join(dir, 'air.csv'), 'sensor,pm25\na,1\n');
      await importDataset(ctx.catalog, { datasetId: 'air', source: join(dir, 'air.csv'), mode: 'create' });
      resourceUid = (await ctx.realtime.resources.create(ctx.catalog.get('air').dataset_uid, 'Broker', config)).resource.uid;
      const raw = JSON.stringify(await ctx.backend.query('SELECT * FROM agora_realtime_resources'));
      expect(raw).not.toContain(PASSWORD);
      expect(raw).toContain('agora-sealed:v1:');
    } finally { await closePortal(ctx); }
    const again = await openPortal({ dataDir: data });
    try {
      const sub = again.realtime.resources.subscriptions().find((s) => s.resource.uid === resourceUid);
      expect(sub?.config.password).toBe(PASSWORD);
      expect(JSON.stringify(sub?.resource)).not.toContain(PASSWORD);
    } finally { await closePortal(again); }
  });

  it('one stored in clear before sealing is sealed on the next open', async () => {
    const ctx = await openPortal({ dataDir: data });
    try {
      await ctx.backend.write((tx) => tx.exec('UPDATE agora_realtime_resources SET config = ? WHERE uid = ?', [JSON.stringify(config), resourceUid]));
    } finally { await closePortal(ctx); }
    const again = await openPortal({ dataDir: data });
    try {
      expect(again.realtime.resources.subscriptions().find((s) => s.resource.uid === resourceUid)?.config.password).toBe(PASSWORD);
      const raw = JSON.stringify(await again.backend.query('SELECT config FROM agora_realtime_resources'));
      expect(raw).not.toContain(PASSWORD);
      expect(raw).toContain('agora-sealed:v1:');
    } finally { await closePortal(again); }
  });
});
