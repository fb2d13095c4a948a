// The `agora` command as a user runs it: a real process through bin/agora.js on a temp data dir.
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'agora-cli-'));
const data = join(dir, 'data');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function agora(...args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, ['bin/agora.js', ...args], { encoding: 'utf8', env: { ...process.env, AGORA_DATA: data } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('agora CLI', () => {
  it('prints help for the tool and for each command', () => {
    const top = agora('--help');
    expect(top.code).toBe(0);
    for (const c of ['serve', 'import', 'datasets', 'delete', 'meta', 'query']) {
      expect(top.out).toContain(c);
      const h = agora(c, '--help');
      expect(h.code, c).toBe(0);
      expect(h.out).toMatch(new RegExp(`Usage: agora ${c}`));
      expect(h.out).toContain('--data DIR');
    }
  });

  it('imports, lists, queries, edits metadata and deletes a dataset', () => {
    const csv = join(dir, 'trees.csv');
    writeFileSync(csv, 'code,species,height\n00012,Oak,12.5\n00345,Plane,20\n01000,Oak,8\n');
    const imp = agora('import', csv, '--id', 'trees', '--title', 'Street trees');
    expect(imp.code, imp.err).toBe(0);
    expect(imp.out).toMatch(/3 rows|3 records/);
    const list = agora('datasets', '--json');
    expect(JSON.parse(list.out)).toEqual([expect.objectContaining({ id: 'trees', title: 'Street trees', records: 3 })]);
    const q = agora('query', 'trees', '--where', 'species = "Oak"', '--order-by', 'code');
    expect(q.code, q.err).toBe(0);
    const body = JSON.parse(q.out);
    expect(body.total_count).toBe(2);
    expect(body.results.map((r: { code: string }) => r.code)).toEqual(['00012', '01000']);
    const m = agora('meta', 'trees', '--set', 'keyword=trees,nature', '--set', 'dcat.contact_email=data@city.example');
    expect(m.code, m.err).toBe(0);
    expect(JSON.parse(m.out).default.keyword).toEqual(['trees', 'nature']);
    expect(agora('delete', 'trees').code).toBe(0);
    expect(JSON.parse(agora('datasets', '--json').out)).toEqual([]);
  });

  it('fails with a clear message and a non-zero code on bad input', () => {
    const unknown = agora('frobnicate');
    expect(unknown.code).not.toBe(0);
    expect(unknown.err).toContain('unknown command "frobnicate"');
    const missing = agora('delete', 'nope');
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('Unknown dataset: nope');
    const badMeta = agora('meta', 'nope', '--set', 'colour=red');
    expect(badMeta.code).toBe(1);
    const badOpt = agora('datasets', '--frob');
    expect(badOpt.code).toBe(1);
    expect(badOpt.err).toMatch(/frob/);
  });
});
