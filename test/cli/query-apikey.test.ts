// `agora query --apikey KEY` (or AGORA_APIKEY) as a user runs it: a real process through bin/agora.js
// answering as the key's user with their access rules (rows and fields counted here from the CSV),
// anonymous without a key, and a clear error for a wrong key that does not echo the key back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closePortal, openPortal } from '../../src/server/portal.ts';
import { ensureGovernance, parseSecurity } from '../../src/governance/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'agora-cli-query-key-'));
const data = join(dir, 'data');
const KINDS = ['Oak', 'Elm', 'Plane'];
const ROWS = Array.from({ length: 20 }, (_, i) => ({ id: i + 1, kind: KINDS[(i * 5) % 3], height: 3 + ((i * 7) % 13) }));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function agora(args: string[], env: Record<string, string> = {}): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, ['bin/agora.js', ...args, '--data', data], { encoding: 'utf8', env: { ...process.env, AGORA_APIKEY: '', ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
function lastLine(s: string): string { return s.trim().split('\n').pop()!; }

let anaKey = '';
let bobKey = '';
beforeAll(async () => {
  writeFileSync(join(dir, 'trees.csv'), ['id,kind,height', ...ROWS.map((r) => `${r.id},${r.kind},${r.height}`)].join('\n') + '\n');
  expect(agora(['import', join(dir, 'trees.csv'), '--id', 'trees']).code).toBe(0);
  for (const u of ['ana', 'bob']) expect(agora(['user', 'add', u, '--password', `${u}-password-1`]).code).toBe(0);
  anaKey = lastLine(agora(['apikey', 'create', 'ana']).out);
  bobKey = lastLine(agora(['apikey', 'create', 'bob']).out);
  // There is no CLI for rules: restrict the dataset and give ana a rule in-process, then close.
  const ctx = await openPortal({ dataDir: data, readPoolSize: 1 });
  try {
    await ctx.catalog.updateFlags('trees', { is_restricted: true });
    const ds = ctx.catalog.get('trees');
    const gov = await ensureGovernance(ctx);
    await gov.putRuleset({ datasetUid: ds.dataset_uid, target: { kind: 'user', username: 'ana' }, permissions: ['explore_restricted_dataset'],
      security: parseSecurity({ visible_fields: ['id', 'kind'], filter_query: 'height >= 8' }, ds) });
  } finally { await closePortal(ctx); }
}, 120_000);

describe('agora query --apikey', () => {
  it('documents the option', () => {
    const h = agora(['query', '--help']);
    expect(h.out).toContain('--apikey KEY');
    expect(h.out).toContain('AGORA_APIKEY');
  });

  it('answers as the key\'s user, their rule applied (--apikey and AGORA_APIKEY alike)', () => {
    const expected = ROWS.filter((r) => r.height >= 8);
    for (const run of [agora(['query', 'trees', '--apikey', anaKey, '--limit', '100', '--order-by', 'id']), agora(['query', 'trees', '--limit', '100', '--order-by', 'id'], { AGORA_APIKEY: anaKey })]) {
      expect(run.code, run.err).toBe(0);
      const body = JSON.parse(run.out) as { total_count: number; results: Array<Record<string, unknown>> };
      expect(body.total_count).toBe(expected.length);
      expect(body.results.map((r) => Object.keys(r).sort().join())).toEqual(expected.map(() => 'id,kind'));
      expect(body.results.map((r) => Number(r.id))).toEqual(expected.map((r) => r.id));
      expect(body.results.map((r) => r.kind)).toEqual(expected.map((r) => r.kind));
    }
    // Her rule's filter still combines with the query's own.
    const oaks = JSON.parse(agora(['query', 'trees', '--where', 'kind = "Oak"'], { AGORA_APIKEY: anaKey }).out);
    expect(oaks.total_count).toBe(expected.filter((r) => r.kind === 'Oak').length);
  });

  it('stays anonymous without a key, and a user without a rule does not see the restricted dataset', () => {
    for (const run of [agora(['query', 'trees']), agora(['query', 'trees', '--apikey', bobKey])]) {
      expect(run.code).toBe(1);
      expect(run.err).toMatch(/^agora query: .*trees/);
    }
  });

  it('refuses a wrong key with a clear message that does not repeat it', () => {
    const wrong = `${anaKey.slice(0, -4)}AAAA`;
    const r = agora(['query', 'trees', '--apikey', wrong]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^agora query: /);
    expect(r.err.toLowerCase()).toMatch(/api key|authenticat/);
    expect(r.err).not.toContain(wrong.slice('agk_0123456789abcdef_'.length));
  });
});
