// The CSV export's engine path (csv-engine.ts) against the row path (csv.ts, itself checked against
// the real ODS exports): byte-identical output on tricky values over two engine writes and three row
// groups, in stored order; DuckDB's own CSV reader reads it back to the stored values; fallbacks.
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDBBackend } from '../../src/storage/duckdb/index.ts';
import { csvRenderer } from '../../src/server/respond/csv.ts';
import { parseExportOptions } from '../../src/server/respond/options.ts';
import { collect } from '../../src/server/respond/streams.ts';
import type { RenderContext } from '../../src/server/respond/renderer.ts';
import type { Backend } from '../../src/storage/backend.ts';
import type { Dataset, Field } from '../../src/core/types.ts';
import { compileExportChunks, compileRecords, duckdbDialect } from '../../src/plan/index.ts';
import { recordsQuery } from '../../src/server/params.ts';
import { DATASET } from './fixtures.ts';

const ROWS = 300_000; // three row groups of the engine, so its parallel writer must keep the order
let db: DuckDBBackend;
let snapshots = 0;

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
      CASE i % 3 WHEN 0 THEN true WHEN 1 THEN false END AS b,
      CASE i % 17 WHEN 0 THEN NULL WHEN 1 THEN 'nan'::DOUBLE WHEN 2 THEN 'inf'::DOUBLE WHEN 3 THEN -0.0
        WHEN 4 THEN (i - 150000) * 1e12 WHEN 5 THEN i / 1e9 ELSE (i - 150000) / 7.0 END AS x,
      i + 1 AS _rid,
      CAST(i AS REAL) / 4 AS f
    FROM range(${ROWS}) r(i)`));
  await db.write((tx) => tx.exec(`INSERT INTO tricky VALUES
      (${ROWS}, 'Ünïcode ✓ "quoted; both"', DATE '9999-12-31', TIMESTAMPTZ '9999-12-31 23:59:59.999+00', NULL, 5e-324, ${ROWS + 1}, 0),
      (${ROWS + 1}, ' spaced ', DATE '0001-01-01', TIMESTAMPTZ '0001-01-01 00:00:00+00', true, 1.7976931348623157e308, ${ROWS + 2}, 0),
      (${ROWS + 2}, '\\N', DATE '12000-03-01', TIMESTAMPTZ '1969-12-31 23:59:59.5+00', false, 1e16, ${ROWS + 3}, 0)`));
});
afterAll(async () => { await db.close(); });

const field = (name: string, type: Field['type'], label: string): Field => ({ name, label, type, description: null, annotations: {} });
const TRICKY: Dataset = {
  ...DATASET, dataset_id: 'tricky', table: 'tricky',
  fields: [field('i', 'int', 'Number'), field('t', 'text', 'Text'), field('d', 'date', 'Day'), field('ts', 'datetime', 'At'), field('b', 'boolean', 'Flag'), field('x', 'double', 'Ratio')],
};

/** The real store, counting the snapshots the engine path opens; or the same store seen without
 *  engine types, so that csv takes its row path. */
function store(engine: boolean): Backend {
  return new Proxy(db, {
    get: (t, p) => {
      if (p === 'describe' && !engine) return async () => [];
      if (p === 'openSnapshot') return () => { snapshots++; return t.openSnapshot(); };
      const v = Reflect.get(t, p, t);
      return typeof v === 'function' ? v.bind(t) : v;
    },
  });
}

/** The same table with its FLOAT column as a field: a type whose engine text is not the row path's. */
const WITH_FLOAT: Dataset = { ...TRICKY, fields: [...TRICKY.fields, field('f', 'double', 'Quarter')] };

function exportContext(engine: boolean, query: Record<string, string>, ds = TRICKY): RenderContext {
  const backend = store(engine);
  const q = recordsQuery(query);
  const plan = { mode: 'export' as const, access: {}, dialect: duckdbDialect };
  const { records } = compileRecords(ds, q, plan);
  return {
    dataset: ds, columns: records.columns, rows: backend.stream(records.sql, records.params), query: records,
    backend, options: parseExportOptions(query), baseUrl: 'https://data.example.org', chunks: () => compileExportChunks(ds, q, plan),
  };
}

const exportOf = (engine: boolean, query: Record<string, string> = {}, ds = TRICKY) => collect(csvRenderer.render(exportContext(engine, query, ds)));

describe('csv export written by the engine', () => {
  it.each([
    [{}],
    [{ delimiter: ',' }],
    [{ delimiter: '\t', with_bom: 'false' }],
    [{ delimiter: '|', quote_all: 'true', use_labels: 'true' }],
    [{ where: 'i >= 1000 and t is not null', select: 'ts, t, i' }],
  ])('gives the same bytes as the row path, in stored order over two engine writes (%j)', async (options) => {
    const before = snapshots;
    const fast = await exportOf(true, options);
    expect(snapshots).toBe(before + 1);
    const rows = await exportOf(false, options);
    expect(fast.length).toBe(rows.length);
    expect(fast.equals(rows)).toBe(true);
    if (!('where' in options)) expect(fast.toString('utf8').split('\r\n').length).toBe(1 + ROWS + 3 + 1);
  }, 60_000);

  it('writes files that DuckDB reads back to the stored values', async () => {
    const bytes = await exportOf(true, { select: 'i, t', with_bom: 'false' });
    const path = join(tmpdir(), `agora-csv-engine-${process.pid}.csv`);
    writeFileSync(path, bytes);
    const [row] = await db.query(`SELECT count(*) AS n, count(*) FILTER (WHERE coalesce(back.t, '') IS DISTINCT FROM coalesce(stored.t, '')) AS bad
      FROM read_csv(?, delim = ';', header = true, quote = '"', escape = '"', all_varchar = true) AS back
      FULL JOIN (SELECT CAST(i AS VARCHAR) AS i, t FROM tricky) AS stored USING (i)`, [path]);
    rmSync(path);
    expect(row).toEqual({ n: ROWS + 3, bad: 0 });
  }, 60_000);

  it('gives its snapshot and connection back when the consumer stops early, even after the header only', async () => {
    const temps = () => readdirSync(tmpdir()).filter((n) => n.startsWith('agora-csv-')).length;
    const before = temps();
    for (const stopAfter of [1, 1, 1, 1, 1, 2, 2]) { // more runs than the store has reader connections (4)
      let chunks = 0;
      for await (const chunk of csvRenderer.render(exportContext(true, {}))) { if (chunk.length && ++chunks === stopAfter) break; }
    }
    expect(temps()).toBe(before);
    const stuck = new Promise((_, reject) => setTimeout(() => reject(new Error('no reader connection left')), 10_000).unref());
    expect((await Promise.race([db.query('SELECT count(*) AS n FROM tricky'), stuck]) as Array<{ n: number }>)[0]!.n).toBe(ROWS + 3);
  }, 60_000);

  it('leaves sorted exports, other engine types and other time zones to the row path', async () => {
    const before = snapshots;
    const sorted = await exportOf(true, { order_by: 'i desc', limit: '2', select: 'i' });
    const floats = await exportOf(true, { select: 'f', where: 'i < 3' }, WITH_FLOAT);
    const paris = await exportOf(true, { select: 'ts', where: 'i = 1' , timezone: 'Europe/Paris' });
    expect(snapshots).toBe(before);
    expect(sorted.toString('utf8')).toBe(`\uFEFFi\r\n${ROWS + 2}\r\n${ROWS + 1}\r\n`);
    expect(floats.toString('utf8')).toBe('\uFEFFf\r\n0.0\r\n0.25\r\n0.5\r\n');
    expect(paris.toString('utf8')).toMatch(/^\uFEFFts\r\n1965-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0[12]:00\r\n$/);
  });
});
