// kill -9 during a push storm loses no acknowledged record and never half-applies a push: a child
// process serves a real-time dataset, the test pushes batches of 40 records from 16 senders at once,
// kills the child mid-storm, then opens the same data directory (the log is replayed) and counts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closePortal, openPortal } from '../../src/server/portal.ts';
import { ensureDrafts, ensureGovernance } from '../../src/governance/index.ts';
import { createDataset } from '../../src/governance/authoring.ts';
import { createRealtime } from '../../src/governance/realtime.ts';
import type { Caller } from '../../src/governance/rules.ts';

const BATCH = 40;
let dir: string;
let pushKey: string;
let resourceUid: string;

function serve(): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ['bin/run-ts.js', 'test/realtime/support/serve-child.ts', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (b) => {
      out += String(b);
      const m = /PORT (\d+)/.exec(out);
      if (m) resolve({ child, port: Number(m[1]) });
    });
    let err = '';
    child.stderr!.on('data', (b) => { err += String(b); });
    child.on('exit', (code) => reject(new Error(`child exited (${code}) before serving: ${err}`)));
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'agora-crash-'));
  const ctx = await openPortal({ dataDir: dir, baseUrl: 'http://portal.test' });
  const gov = await ensureGovernance(ctx);
  const admin = await gov.addUser({ username: 'root', password: 'password-0', isAdmin: true });
  const caller: Caller = { user: admin, groups: [], key: null };
  const deps = { catalog: ctx.catalog, store: gov, drafts: await ensureDrafts(ctx), realtime: ctx.realtime, baseUrl: 'http://portal.test' };
  const ds = await createDataset(deps, caller, { dataset_id: 'storm' });
  const made = await createRealtime(deps, caller, ds.dataset_uid, { type: 'realtime', title: 'Storm', params: { sample_record: { batch: 1, n: 1, sent_at: '2026-12-07T00:00:00Z' } } });
  pushKey = String(made.push_key);
  resourceUid = String(made.uid);
  await closePortal(ctx);
}, 60_000);
afterAll(() => { rmSync(dir, { recursive: true, force: true }); });

describe('kill -9 of the server during a push storm', () => {
  it('keeps every acknowledged record after the restart, and each push whole or not at all', async () => {
    const { child, port } = await serve();
    const acked = new Set<number>();
    let sent = 0;
    let stop = false;
    const sender = async (who: number) => {
      for (let i = 0; !stop; i++) {
        const batch = who * 100_000 + i;
        sent++;
        const body = JSON.stringify(Array.from({ length: BATCH }, (_, n) => ({ batch, n, sent_at: new Date().toISOString() })));
        try {
          const res = await fetch(`http://127.0.0.1:${port}/api/push/1.0/storm/${resourceUid}/push/?pushkey=${pushKey}`, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
          if (res.status === 200 && (await res.json()).status === 'OK') acked.add(batch);
        } catch {
          return; // the server is gone
        }
      }
    };
    const senders = Array.from({ length: 16 }, (_, w) => sender(w));
    await new Promise((r) => setTimeout(r, 2500));
    child.kill('SIGKILL');
    stop = true;
    await Promise.all(senders);
    if (child.exitCode === null && child.signalCode === null) await new Promise((r) => child.once('exit', r));
    expect(acked.size).toBeGreaterThan(20);

    const ctx = await openPortal({ dataDir: dir, baseUrl: 'http://portal.test' }); // replays the log
    try {
      const ds = ctx.catalog.get('storm');
      const rows = await ctx.backend.query(`SELECT batch, count(*) AS k, count(DISTINCT n) AS d FROM "${ds.table}" GROUP BY batch`);
      const stored = new Map(rows.map((r) => [Number(r.batch), Number(r.k)]));
      for (const b of acked) expect(stored.get(b), `acknowledged batch ${b}`).toBe(BATCH);
      for (const [b, k] of stored) expect(k, `batch ${b} is whole`).toBe(BATCH);
      for (const r of rows) expect(Number(r.d)).toBe(BATCH);
      // At most the pushes in flight when the server died are stored without their answer.
      expect(stored.size).toBeGreaterThanOrEqual(acked.size);
      expect(stored.size).toBeLessThanOrEqual(sent);
      expect(ds.metas.default.records_count).toBe(stored.size * BATCH);
      console.log(`crash test: ${sent} pushes sent, ${acked.size} acknowledged, ${stored.size} stored after replay`);
    } finally {
      await closePortal(ctx);
    }
  }, 120_000);
});
