// Builds the embedded portal that migrate-postgres.test.ts moves (run in its own process, so the DuckDB
// file is closed when it exits): CSV and GeoJSON datasets, users, a group, keys, a rule, a page, audit,
// a published real-time dataset with pushed records. Writes the keys and the Explore API answers as JSON.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { closePortal, openPortal } from '../../src/server/portal.ts';
import { buildApp } from '../../src/server/app.ts';
import { importDataset } from '../../src/ingest/index.ts';
import { ensureGovernance, parseSecurity } from '../../src/governance/index.ts';
import { answersOf, STATIONS } from './migrate-requests.ts';

const [dir] = process.argv.slice(2);
const AUTO = '/api/automation/v1.0';
process.env.AGORA_RATE_LIMIT_ANONYMOUS = 'off';

function ok(what: string, res: { statusCode: number; body: string }): void {
  if (res.statusCode >= 300) throw new Error(`${what}: ${res.statusCode} ${res.body}`);
}

writeFileSync(join(dir, 'stations.csv'), STATIONS);
const ctx = await openPortal({ dataDir: join(dir, 'portal'), store: '', baseUrl: 'http://portal.test' });
try {
  await importDataset(ctx.catalog, { source: join(dir, 'stations.csv'), datasetId: 'stations', title: 'Bike stations', mode: 'create' });
  await importDataset(ctx.catalog, { source: 'test/fixtures/ingest/points.geojson', datasetId: 'points', title: 'Points', mode: 'create' });
  const gov = await ensureGovernance(ctx);
  await gov.addGroup('council');
  await gov.addUser({ username: 'root', password: 'password-root', isAdmin: true });
  await gov.addUser({ username: 'ana', password: 'password-ana', email: 'ana@example.org', groups: ['council'] });
  const keys = { root: (await gov.createApiKey('root', ['admin'])).key, ana: (await gov.createApiKey('ana')).key };
  const stations = ctx.catalog.get('stations');
  await gov.putRuleset({ datasetUid: stations.dataset_uid, target: { kind: 'user', username: 'ana' }, permissions: [], security: parseSecurity({ visible_fields: ['station', 'city'] }, stations) });
  const app = await buildApp(ctx, { web: false });
  const auth = { authorization: `Apikey ${keys.root}` };
  ok('page', await app.inject({ method: 'POST', url: `${AUTO}/pages/`, headers: auth, payload: { slug: 'about', content: { title: 'About', description: 'Ünïcode page', blocks: [{ type: 'text', markdown: '# Hello' }] } } }));
  const air = await app.inject({ method: 'POST', url: `${AUTO}/datasets/`, headers: auth, payload: { dataset_id: 'air', metadata: { default: { title: { value: 'Air' } } } } });
  ok('dataset', air);
  const sample = { sensor_id: 'S1', pm25: 12.5, measured_at: '2026-12-01T10:00:00.123Z', ok: true };
  const res = await app.inject({ method: 'POST', url: `${AUTO}/datasets/${air.json().uid}/resources/`, headers: auth, payload: { type: 'realtime', title: 'Sensors', params: { sample_record: sample } } });
  ok('resource', res);
  ok('publish', await app.inject({ method: 'POST', url: `${AUTO}/datasets/${air.json().uid}/publish/`, headers: auth }));
  ok('push', await app.inject({ method: 'POST', url: `/api/push/1.0/air/${res.json().uid}/push/?pushkey=${res.json().push_key}`, payload: [sample, { ...sample, sensor_id: 'S2', pm25: null }] }));
  await ctx.realtime.flush();
  ok('login', await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'ana', password: 'password-ana' } }));
  const answers = Object.fromEntries(await answersOf(app, keys));
  await app.close();
  writeFileSync(join(dir, 'source.json'), JSON.stringify({ keys, answers }));
} finally {
  await closePortal(ctx);
}
