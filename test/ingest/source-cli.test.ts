// Sources from URLs (a local HTTP server) and the `agora import` command: exit codes, stderr on failure,
// the summary on stdout.
import { createServer, type Server } from 'node:http';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { importCommand } from '../../src/cli/import.ts';
import { parseCommandArgs } from '../../src/cli/command.ts';
import { failure, fixture, importFile, openStore, records, type Store } from './helpers.ts';

let server: Server;
let base: string;
beforeAll(async () => {
  process.env.AGORA_OUTBOUND_ALLOW = '127.0.0.1'; // the fixture server is on the loopback interface
  server = createServer((req, res) => {
    if (req.url === '/data/codes.csv') { res.writeHead(200, { 'content-type': 'text/csv' }); res.end(readFileSync(fixture('codes.csv'))); return; }
    if (req.url === '/export?format=geojson') {
      res.writeHead(200, { 'content-disposition': 'attachment; filename="points.geojson"' });
      res.end(readFileSync(fixture('points.geojson')));
      return;
    }
    res.writeHead(404, 'Not Found'); res.end('nope');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
afterAll(() => { delete process.env.AGORA_OUTBOUND_ALLOW; });

describe('URL sources', () => {
  it('downloads and imports, naming the format from the URL or Content-Disposition', async () => {
    const store: Store = await openStore();
    try {
      const s = await importFile(store, `${base}/data/codes.csv`, 'remote');
      expect(s.rowsLoaded).toBe(4);
      expect((await records(store, 'remote'))[0].code_insee).toBe('01053');
      const g = await importFile(store, `${base}/export?format=geojson`, 'remote-geo');
      expect(g.fields.map((f) => f.type)).toEqual(['text', 'int', 'geo_point_2d']);
    } finally { await store.close(); }
  });

  it('fails with INGEST_UNREACHABLE naming the URL', async () => {
    const store: Store = await openStore();
    try {
      const e404 = await failure(importFile(store, `${base}/missing.csv`, 'x'));
      expect(e404.code).toBe('INGEST_UNREACHABLE');
      expect(e404.message).toBe(`Cannot fetch ${base}/missing.csv: HTTP 404 Not Found.`);
      const closed = createServer();
      await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
      const port = (closed.address() as { port: number }).port;
      await new Promise<void>((r) => closed.close(() => r()));
      const eConn = await failure(importFile(store, `http://127.0.0.1:${port}/x.csv`, 'x'));
      expect(eConn.code).toBe('INGEST_UNREACHABLE');
      expect(eConn.message).toBe(`Cannot fetch http://127.0.0.1:${port}/x.csv: ECONNREFUSED.`);
      expect(store.catalog.list()).toEqual([]);
    } finally { await store.close(); }
  });
});

describe('agora import', () => {
  async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
    const out: string[] = [];
    const err: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...a) => { out.push(a.join(' ')); });
    const error = vi.spyOn(console, 'error').mockImplementation((...a) => { err.push(a.join(' ')); });
    try {
      const code = await importCommand.run(parseCommandArgs(importCommand, argv));
      return { code, out: out.join('\n'), err: err.join('\n') };
    } finally { log.mockRestore(); error.mockRestore(); }
  }

  it('imports, replaces, appends and prints a summary; fails with a message and a non-zero code', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'agora-cli-'));
    try {
      const a = await run([fixture('french-latin1.csv'), '--id', 'arbres', '--title', 'Arbres', '--data', dir]);
      expect(a.code).toBe(0);
      expect(a.out).toMatch(/^3 rows loaded: created dataset "arbres" \(3 records\) in \d+\.\d\d s\./);
      expect(a.out).toMatch(/\nhauteur_m +double +Hauteur \(m\)\n/);
      expect(a.out).toMatch(/\ndate_de_mise_a_jour +date +Date de mise à jour\n/);

      const again = await run([fixture('french-latin1.csv'), '--id', 'arbres', '--data', dir]);
      expect(again.code).toBe(1);
      expect(again.err).toBe('agora import: Dataset "arbres" already exists: use --replace to swap its data or --append to add rows.');

      expect((await run([fixture('french-latin1.csv'), '--id', 'arbres', '--append', '--data', dir])).out).toMatch(/appended to dataset "arbres" \(6 records\)/);
      expect((await run([fixture('french-latin1.csv'), '--id', 'arbres', '--replace', '--data', dir])).out).toMatch(/replaced dataset "arbres" \(3 records\)/);

      const skipped = await run([fixture('ragged.csv'), '--id', 'ragged', '--skip-bad-rows', '--data', dir]);
      expect(skipped.out).toMatch(/2 rejected rows:\n  line 3: expected 3 columns, found 2\n  line 5: expected 3 columns, found 4/);

      const forced = await run([fixture('pipes.txt'), '--id', 'pipes', '--delimiter', ',', '--data', dir]);
      expect(forced.out).toMatch(/\nname_count_when +text +name\|count\|when/);

      const bad = await run([fixture('ragged.csv'), '--id', 'bad', '--data', dir]);
      expect(bad.code).toBe(1);
      expect(bad.err).toMatch(/^agora import: ragged\.csv line 3: 2 columns where the header has 3/);

      expect((await run(['--id', 'x', '--data', dir])).code).toBe(2);
      expect((await run([fixture('codes.csv'), '--data', dir])).err).toMatch(/missing --id DATASET_ID/);
      expect((await run([fixture('codes.csv'), '--id', 'x', '--replace', '--append', '--data', dir])).err).toMatch(/--replace and --append exclude each other/);
    } finally { rmSync(dir, { recursive: true, force: true }); }
  });
});
