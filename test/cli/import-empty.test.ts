// `agora import` of a file with a header but no rows (issue 10): refused by default with a message
// naming the file and --allow-empty (nothing published, an existing dataset's data kept); with
// --allow-empty published with 0 records and a warning on stderr.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { importCommand } from '../../src/cli/import.ts';
import { parseCommandArgs } from '../../src/cli/command.ts';
import { datasetsCommand } from '../../src/cli/datasets.ts';

let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'agora-cli-empty-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(cmd: typeof importCommand, argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a) => { out.push(a.join(' ')); });
  const error = vi.spyOn(console, 'error').mockImplementation((...a) => { err.push(a.join(' ')); });
  try {
    const code = await cmd.run(parseCommandArgs(cmd, argv));
    return { code, out: out.join('\n'), err: err.join('\n') };
  } finally { log.mockRestore(); error.mockRestore(); }
}

const records = async (id: string) => {
  const r = await run(datasetsCommand, ['--json', '--data', dir]);
  return (JSON.parse(r.out) as Array<{ id: string; records: number }>).find((d) => d.id === id)?.records;
};

describe('agora import of a header-only file', () => {
  it('refuses it by default, publishes it with --allow-empty and a warning, and never empties data by accident', async () => {
    const empty = join(dir, 'sensors.csv');
    writeFileSync(empty, 'sensor,measured_on,value\n');
    const refused = await run(importCommand, [empty, '--id', 'sensors', '--data', dir]);
    expect(refused.code).toBe(1);
    expect(refused.err).toBe('agora import: sensors.csv has columns but no rows: nothing was published (--allow-empty publishes it anyway).');
    expect(await records('sensors')).toBeUndefined();

    const allowed = await run(importCommand, [empty, '--id', 'sensors', '--allow-empty', '--data', dir]);
    expect(allowed.code).toBe(0);
    expect(allowed.out).toMatch(/^0 rows loaded: created dataset "sensors" \(0 records\)/);
    expect(allowed.err).toBe('agora import: warning: sensors.csv has columns but no rows: the dataset has 0 records.');

    const full = join(dir, 'full.csv');
    writeFileSync(full, 'sensor,measured_on,value\nA,2015-01-01,3\nB,2015-01-02,4\n');
    expect((await run(importCommand, [full, '--id', 'sensors', '--replace', '--data', dir])).code).toBe(0);
    const replace = await run(importCommand, [empty, '--id', 'sensors', '--replace', '--data', dir]);
    expect(replace.code).toBe(1);
    expect(await records('sensors')).toBe(2);
  });
});
