// The `agora` command as a user runs it: a real process through bin/agora.js on a temp data dir.
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProgressBar } from '../../src/cli/import.ts';

const dir = mkdtempSync(join(tmpdir(), 'agora-cli-'));
const data = join(dir, 'data');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function agora(...args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, ['bin/agora.js', ...args], { encoding: 'utf8', env: { ...process.env, AGORA_DATA: data } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function freePort(): Promise<number> {
  return new Promise((res) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => { const p = (s.address() as { port: number }).port; s.close(() => res(p)); });
  });
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
    expect(badOpt.code).toBe(2);
    expect(badOpt.err).toMatch(/frob/);
  });

  it('--data wins over AGORA_DATA; datasets prints a table of id, title, records, modified', () => {
    const other = join(dir, 'other');
    const csv = join(dir, 'towns.csv');
    writeFileSync(csv, 'insee;commune\n01053;Bourg-en-Bresse\n2A004;Ajaccio\n');
    const imp = agora('import', csv, '--id', 'towns', '--title', 'Towns', '--data', other);
    expect(imp.code, imp.err).toBe(0);
    expect(existsSync(join(other, 'agora.duckdb'))).toBe(true);
    expect(JSON.parse(agora('datasets', '--json').out)).toEqual([]);
    const table = agora('datasets', '--data', other);
    expect(table.code).toBe(0);
    const lines = table.out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID +TITLE +RECORDS +MODIFIED$/);
    expect(lines[1]).toMatch(/^towns +Towns +2 +\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/);
    expect(agora('delete', 'towns', '--data', other).out).toBe('Deleted towns.\n');
    expect(agora('datasets', '--data', other).out).toMatch(/^No datasets\./);
  });

  it('import prints rows, each field with its type and the time; a bad file exits 1 naming the file and line', () => {
    const csv = join(dir, 'arbres.csv');
    writeFileSync(csv, 'IDBASE;HAUTEUR (m);DATE PLANTATION;geo_point_2d\n00012;12,5;21/03/1998;48.85, 2.35\n00345;20;01/10/2001;48.86, 2.36\n');
    const ok = agora('import', csv, '--id', 'arbres');
    expect(ok.code, ok.err).toBe(0);
    expect(ok.err).toBe(''); // no progress bar when stderr is not a terminal
    expect(ok.out).toMatch(/^2 rows loaded: created dataset "arbres" \(2 records\) in \d+\.\d\d s\.\n/);
    expect(ok.out).toMatch(/\nidbase +text +IDBASE\n/);
    expect(ok.out).toMatch(/\nhauteur_m +double +HAUTEUR \(m\)\n/);
    expect(ok.out).toMatch(/\ndate_plantation +date +DATE PLANTATION\n/);
    expect(ok.out).toMatch(/\ngeo_point_2d +geo_point_2d +geo_point_2d\n/);
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'a,b\n1,2\n3\n');
    const r = agora('import', bad, '--id', 'bad');
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^agora import: bad\.csv line 3: 1 columns where the header has 2/);
    expect(JSON.parse(agora('datasets', '--json').out).map((d: { id: string }) => d.id)).toEqual(['arbres']);
    expect(agora('delete', 'arbres').code).toBe(0);
  });

  it('meta shows the templates, sets lists comma-separated and refuses unknown keys', () => {
    const csv = join(dir, 'm.csv');
    writeFileSync(csv, 'a,b\n1,2\n');
    expect(agora('import', csv, '--id', 'm').code).toBe(0);
    const shown = JSON.parse(agora('meta', 'm').out);
    expect(Object.keys(shown)).toEqual(['default', 'dcat']);
    expect(shown.default).toMatchObject({ title: 'm', records_count: 1, keyword: [], theme: [] });
    const set = agora('meta', 'm', '--set', 'theme=Environment,Transport', '--set', 'title=Trees', '--set', 'description=<p>Hi<script>x()</script></p>',
      '--set', 'license_url=https://opendatacommons.org/licenses/odbl/');
    expect(set.code, set.err).toBe(0);
    const m = JSON.parse(set.out);
    expect(m.default).toMatchObject({ theme: ['Environment', 'Transport'], title: 'Trees', description: '<p>Hi</p>', license_url: 'https://opendatacommons.org/licenses/odbl/' });
    const bad = agora('meta', 'm', '--set', 'colour=red');
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/^agora meta: Unknown metadata "colour"/);
    const computed = agora('meta', 'm', '--set', 'records_count=5');
    expect(computed.code).toBe(1);
    expect(computed.err).toMatch(/records_count" is computed by the portal/);
    expect(JSON.parse(agora('meta', 'm').out).default.title).toBe('Trees');
    expect(agora('delete', 'm').code).toBe(0);
  });

  it('query reports ODSQL errors with a non-zero exit', () => {
    const csv = join(dir, 'q.csv');
    writeFileSync(csv, 'a,b\n1,2\n');
    expect(agora('import', csv, '--id', 'q').code).toBe(0);
    const r = agora('query', 'q', '--where', 'nosuchfield = 1');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^agora query: .*nosuchfield/);
    expect(agora('query', 'nope').err).toMatch(/^agora query: .*nope/);
    expect(agora('delete', 'q').code).toBe(0);
  });

  it('serve --no-demo answers the Explore API on the given port, names its mail server without credentials; a bad port exits 2', async () => {
    expect(agora('serve', '--port', '70000').code).toBe(2);
    const port = await freePort();
    const empty = join(dir, 'serve');
    const child = spawn(process.execPath, ['bin/agora.js', 'serve', '--no-demo', '--port', String(port), '--host', '127.0.0.1', '--data', empty],
      { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, AGORA_SMTP_URL: 'smtp://mailer:s3cret-pass@mail.example.org:2525' } });
    try {
      let out = '';
      await new Promise<void>((res, rej) => {
        child.stdout.on('data', (d) => { out += d; if (out.includes('Password-reset links')) res(); });
        child.stderr.on('data', (d) => { out += d; });
        child.once('exit', (c) => rej(new Error(`serve exited with ${c}: ${out}`)));
      });
      expect(out).toContain(`Agora is serving 0 datasets at http://localhost:${port}`);
      expect(out).not.toContain('demo catalog');
      expect(out).toContain('Password-reset links are e-mailed through mail.example.org:2525.');
      expect(out).not.toContain('s3cret-pass');
      const res = await fetch(`http://127.0.0.1:${port}/api/explore/v2.1/catalog/datasets`);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ total_count: 0, results: [] });
      // One process opens a store at a time: another command says which process holds it.
      const busy = agora('datasets', '--data', empty);
      expect(busy.code).toBe(1);
      expect(busy.err).toBe(`agora datasets: The store at ${join(empty, 'agora.duckdb')} is in use by another process (PID ${child.pid}, e.g. a running "agora serve"): one process opens it at a time, so stop that one first.\n`);
    } finally {
      child.kill('SIGTERM');
    }
  });
});

describe('the import progress bar', () => {
  it('draws bytes read, then the engine\'s share loaded, then rows, on one line', () => {
    const written: string[] = [];
    let now = 0;
    const clock = Date.now;
    Date.now = () => (now += 1000);
    try {
      const bar = new ProgressBar({ write: (s: string) => written.push(s) });
      bar.update({ phase: 'read', bytes: 25e6, totalBytes: 100e6 });
      bar.update({ phase: 'load', fraction: 0.5 });
      bar.update({ phase: 'write', rows: 1234567 });
      bar.clear();
    } finally { Date.now = clock; }
    expect(written.map((w) => w.trimEnd())).toEqual([
      `\rreading [${'#'.repeat(8)}${' '.repeat(22)}] 25% 25.0 MB / 100.0 MB`,
      `\rloading [${'#'.repeat(15)}${' '.repeat(15)}] 50%`,
      '\rwriting 1,234,567 rows',
      '\r' + ' '.repeat(78) + '\r',
    ].map((w) => w.trimEnd()));
    expect(written.slice(0, 3).every((w) => w.length === 79)).toBe(true);
  });

  // `script` (util-linux) gives the command a terminal, as a person running it has.
  it.runIf(existsSync('/usr/bin/script'))('is drawn on a terminal, and cleared before the summary', () => {
    const csv = join(dir, 'tty.csv');
    writeFileSync(csv, 'a,b\n' + Array.from({ length: 1000 }, (_, i) => `${i},${i * 2}`).join('\n') + '\n');
    const log = join(dir, 'tty.log');
    const cmd = `${process.execPath} bin/agora.js import ${csv} --id tty --data ${join(dir, 'tty-data')}`;
    const r = spawnSync('script', ['-qfec', cmd, log], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const screen = readFileSync(log, 'utf8');
    expect(screen).toMatch(/\rdone 1,000 rows {2,}\r {78}\r1,000 rows loaded: created dataset "tty"/);
  });
});
