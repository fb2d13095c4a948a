// The CSV export's engine path (csv-engine.ts) against the row path (csv.ts, itself checked against
// the real ODS exports): byte-identical output on tricky values over several row groups, in order;
// DuckDB's own CSV reader reads the engine's file back to the stored values; other types fall back.
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDBBackend } from '../../src/storage/duckdb/index.ts';
import { csvRenderer } from '../../src/server/respond/csv.ts';
import { parseExportOptions } from '../../src/server/respond/options.ts';
import { collect } from '../../src/server/respond/streams.ts';
import type { RenderContext } from '../../src/server/respond/renderer.ts';
import type { Backend } from '../../src/storage/backend.ts';
import type { ResultColumn } from '../../src/core/request.ts';
import { DATASET } from './fixtures.ts';

const ROWS = 300_000; // three row groups of the engine, so its parallel writer must keep the order
let db: DuckDBBackend;
let engineWrites = 0;

beforeAll(async () => {
  db = new DuckDBBackend({ dataDir: null });
  await db.open();
  await db.write((tx) => tx.exec(`CREATE TABLE tricky AS SELECT
      i,
      CASE i % 9 WHEN 0 THEN 'a;b' WHEN 1 THEN 'say "hi"' WHEN 2 THEN 'two' || chr(10) || 'lines'
        WHEN 3 THEN 'cr' || chr(13) WHEN 4 THEN NULL WHEN 5 THEN 'tab' || chr(9) || 'x,y|z'
        WHEN 6 THEN '' ELSE 'Sébastopol ' || i END AS t,
      CASE WHEN i % 11 = 0 THEN NULL ELSE DATE '1950-01-01' + CAST(i % 40000 AS INTEGER) END AS d,
      CASE WHEN i % 13 = 0 THEN NULL ELSE make_timestamptz(CAST((i - 150000) * 987654321 + (i % 4) * 1000 AS BIGINT)) END AS ts,
      CASE i % 3 WHEN 0 THEN true WHEN 1 THEN false END AS b
    FROM range(${ROWS}) r(i)`));
  await db.write((tx) => tx.exec(`INSERT INTO tricky VALUES
      (${ROWS}, 'Ünïcode ✓ "quoted; both"', DATE '9999-12-31', TIMESTAMPTZ '9999-12-31 23:59:59.999+00', NULL),
      (${ROWS + 1}, ' spaced ', DATE '0001-01-01', TIMESTAMPTZ '0001-01-01 00:00:00+00', true),
      (${ROWS + 2}, '\\N', DATE '12000-03-01', TIMESTAMPTZ '1969-12-31 23:59:59.5+00', false)`));
});
afterAll(async () => { await db.close(); });

const COLUMNS: ResultColumn[] = [
  { name: 'i', type: 'int', label: 'Number' }, { name: 't', type: 'text', label: 'Text' },
  { name: 'd', type: 'date', label: 'Day' }, { name: 'ts', type: 'datetime', label: 'At' },
  { name: 'b', type: 'boolean', label: 'Flag' },
];

/** The real store, counting the engine writes; or the same store seen without engine types (row path). */
function store(engine: boolean): Backend {
  return new Proxy(db, {
    get: (t, p) => {
      if (p === 'describe' && !engine) return async () => [];
      if (p === 'copyLinesToFile') return (...a: Parameters<Backend['copyLinesToFile']>) => { engineWrites++; return t.copyLinesToFile(...a); };
      const v = Reflect.get(t, p, t);
      return typeof v === 'function' ? v.bind(t) : v;
    },
  });
}

function exportOf(engine: boolean, sql: string, columns: ResultColumn[], query: Record<string, string> = {}): Promise<Buffer> {
  const backend = store(engine);
  const ctx: RenderContext = {
    dataset: DATASET, columns, rows: backend.stream(sql, []), query: { sql, params: [], columns },
    backend, options: parseExportOptions(query), baseUrl: 'https://data.example.org',
  };
  return collect(csvRenderer.render(ctx));
}

describe('csv export written by the engine', () => {
  it.each([
    [{}],
    [{ delimiter: ',' }],
    [{ delimiter: '\t', with_bom: 'false' }],
    [{ delimiter: '|', quote_all: 'true', use_labels: 'true' }],
  ])('gives the same bytes as the row path, in order (%j)', async (options) => {
    const sql = 'SELECT i, t, d, ts, b FROM tricky ORDER BY i DESC';
    const before = engineWrites;
    const fast = await exportOf(true, sql, COLUMNS, options);
    expect(engineWrites).toBe(before + 1);
    const rows = await exportOf(false, sql, COLUMNS, options);
    expect(fast.length).toBe(rows.length);
    expect(fast.equals(rows)).toBe(true);
    expect(fast.toString('utf8').split('\r\n').length).toBe(1 + ROWS + 3 + 1);
  }, 60_000);

  it('writes files that DuckDB reads back to the stored values', async () => {
    const bytes = await exportOf(true, 'SELECT i, t FROM tricky WHERE i % 9 < 7 OR i >= 300000 ORDER BY i', COLUMNS.slice(0, 2), { with_bom: 'false' });
    const path = `/tmp/agora-csv-engine-${process.pid}.csv`;
    (await import('node:fs')).writeFileSync(path, bytes);
    const mismatches = await db.query(`SELECT count(*) AS n FROM read_csv(?, delim = ';', header = true, quote = '"', escape = '"', all_varchar = true) AS back
      FULL JOIN (SELECT CAST(i AS VARCHAR) AS i, coalesce(t, '') AS t FROM tricky WHERE i % 9 < 7 OR i >= 300000) AS stored USING (i)
      WHERE coalesce(back.t, '') IS DISTINCT FROM stored.t`, [path]);
    (await import('node:fs')).rmSync(path);
    expect(mismatches[0]!.n).toBe(0);
  }, 60_000);

  it('stops cleanly when the consumer stops early: the engine finishes, its temp file is removed', async () => {
    const temps = () => readdirSync(tmpdir()).filter((n) => n.startsWith('agora-csv-')).length;
    const before = temps();
    const backend = store(true);
    const sql = 'SELECT i, t FROM tricky ORDER BY i';
    const columns = COLUMNS.slice(0, 2);
    const ctx: RenderContext = { dataset: DATASET, columns, rows: backend.stream(sql, []), query: { sql, params: [], columns }, backend, options: parseExportOptions({}), baseUrl: '' };
    let chunks = 0;
    for await (const chunk of csvRenderer.render(ctx)) { if (chunk.length && ++chunks === 2) break; }
    expect(chunks).toBe(2);
    expect(temps()).toBe(before);
    expect((await db.query('SELECT count(*) AS n FROM tricky'))[0]!.n).toBe(ROWS + 3); // the store still answers
  }, 60_000);

  it('leaves other types and time zones to the row path', async () => {
    const before = engineWrites;
    const doubles = await exportOf(true, 'SELECT i / 7 AS x FROM tricky ORDER BY i LIMIT 5', [{ name: 'x', type: 'double' }]);
    const paris = await exportOf(true, 'SELECT ts FROM tricky ORDER BY i LIMIT 5', [{ name: 'ts', type: 'datetime' }], { timezone: 'Europe/Paris' });
    expect(engineWrites).toBe(before);
    expect(doubles.toString('utf8')).toContain('0.14285714285714285');
    expect(paris.toString('utf8')).toMatch(/\+0[12]:00/);
  });
});
