// The two-node deployment of docs/deploy.md, started as documented: the command and environment of
// docs/deploy/agora@.service for instances 1 and 2 (paths moved to a temp dir, the store the dev
// machine's PostgreSQL in a schema of its own), then the command line writing beside the running nodes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { eventually } from '../support/eventually.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const STORE = process.env.AGORA_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `agora_deploy_${randomBytes(4).toString('hex')}`;
const unit = readFileSync(join(ROOT, 'docs/deploy/agora@.service'), 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'agora-deploy-'));
const nodes: ChildProcess[] = [];

/** The unit's Environment= lines and ExecStart arguments for instance i. */
function instance(i: number): { env: Record<string, string>; args: string[] } {
  const lines = unit.split('\n').map((l) => l.trim().replaceAll('%i', String(i)));
  const env = Object.fromEntries(lines.filter((l) => l.startsWith('Environment=')).map((l) => l.slice('Environment='.length).split(/=(.*)/s).slice(0, 2)));
  const exec = lines.find((l) => l.startsWith('ExecStart='))!.slice('ExecStart='.length).split(/\s+/);
  expect(exec[0]).toBe('/usr/bin/node');
  return { env: { ...env, AGORA_DATA: join(dir, `node-${i}`) }, args: exec.slice(1) };
}

const storeEnv = () => ({ ...process.env, AGORA_STORE: STORE, AGORA_STORE_SCHEMA: schema, AGORA_RATE_LIMIT_ANONYMOUS: 'off' });
const base = (i: number) => `http://127.0.0.1:${instance(i).env.PORT}/api/explore/v2.1`;
const agora = (...args: string[]) => spawnSync(process.execPath, ['bin/agora.js', ...args], { cwd: ROOT, env: { ...storeEnv(), AGORA_DATA: join(dir, 'cli') }, encoding: 'utf8' });

async function started(child: ChildProcess): Promise<void> {
  let out = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`node did not start: ${out}`)), 60_000);
    child.stdout!.on('data', (d: Buffer) => { out += d; if (out.includes('Agora is serving')) { clearTimeout(timer); resolve(); } });
    child.stderr!.on('data', (d: Buffer) => { out += d; });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`node exited with ${code}: ${out}`)); });
  });
}


beforeAll(async () => {
  for (const i of [1, 2]) {
    const { env, args } = instance(i);
    const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...storeEnv(), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    nodes.push(child);
    await started(child); // one after the other: the first creates the store's tables
  }
});
afterAll(async () => {
  for (const n of nodes) n.kill('SIGTERM');
  await Promise.all(nodes.map((n) => new Promise((r) => (n.exitCode !== null ? r(null) : n.once('exit', r)))));
  const c = new pg.Client({ connectionString: STORE });
  await c.connect();
  await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).finally(() => c.end());
  rmSync(dir, { recursive: true, force: true });
});

describe('docs/deploy: two nodes from agora@.service on one PostgreSQL store', () => {
  it('both nodes answer what the command line imports and deletes while they run', async () => {
    const csv = join(dir, 'stops.csv');
    writeFileSync(csv, 'stop,line,riders\nGare,1,1200\nMairie,1,800\nPort,2,300\n');
    const imp = agora('import', csv, '--id', 'stops', '--title', 'Bus stops');
    expect(imp.status, imp.stderr).toBe(0);
    for (const i of [1, 2]) {
      await eventually(async () => {
        const r = await fetch(`${base(i)}/catalog/datasets/stops/records?select=line,sum(riders)%20as%20n&group_by=line&order_by=line`);
        expect(r.status).toBe(200);
        expect((await r.json()).results).toEqual([{ line: 1, n: 2000 }, { line: 2, n: 300 }]);
      }, 10_000);
      const search = await (await fetch(`${base(i)}/catalog/datasets?where=${encodeURIComponent('"bus"')}`)).json();
      expect(search.total_count).toBe(1);
    }
    expect(agora('delete', 'stops').status).toBe(0);
    for (const i of [1, 2]) await eventually(async () => expect((await fetch(`${base(i)}/catalog/datasets/stops`)).status).toBe(404), 10_000);
  });
});
