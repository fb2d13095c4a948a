// The Backend contract as one table of cases that every backend runs (DuckDB in `npm test`,
// PostgreSQL in conformance), with named, reasoned skips. Expected values are the cases' own
// literal inputs, so both backends are held to the same answers.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import type { Backend, ColumnInfo, Row } from '../../src/storage/backend.ts';
import { AgoraError } from '../../src/core/errors.ts';

/** Columns of the `kinds` table, by the engine's own type names (as introspect and describe say them). */
export type KindsColumn = 'id' | 't' | 'b' | 'd' | 'f' | 'day' | 'ts' | 'j' | 'tags';

export interface ContractHarness {
  name: string;
  /** A new, opened backend with a read pool of 2 connections, on an empty store. */
  open(): Promise<Backend>;
  /** Called after the backend is closed (drop the schema, …). */
  cleanup?(): Promise<void>;
  introspectTypes: Record<KindsColumn, string>;
  describeTypes: Record<KindsColumn, string>;
  skip?: Partial<Record<string, string>>;
}

interface Ctx { b: Backend; h: ContractHarness; dir: string }
interface Case { name: string; run(ctx: Ctx): Promise<void> }

const utc = (s: string) => new Date(s);

const KINDS_DDL = 'CREATE TABLE kinds (id BIGINT, t TEXT, b BIGINT, d DOUBLE PRECISION, f BOOLEAN, day DATE, ts TIMESTAMPTZ, j JSON, tags TEXT[])';
const KINDS_ROWS = [
  `(1, 'héllo', 1234567890123, 1.5, true, DATE '2024-02-29', TIMESTAMPTZ '2024-03-01 12:34:56.789+00', '{"a":[1,2]}', ARRAY['x', 'y'])`,
  '(2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)',
  `(3, '', -5, -0.25, false, DATE '1999-12-31', TIMESTAMPTZ '2000-01-01 00:00:00+00', '[]', ARRAY['a', NULL])`,
];
const KINDS: Row[] = [
  { id: 1, t: 'héllo', b: 1234567890123, d: 1.5, f: true, day: utc('2024-02-29T00:00:00Z'), ts: utc('2024-03-01T12:34:56.789Z'), j: '{"a":[1,2]}', tags: ['x', 'y'] },
  { id: 2, t: null, b: null, d: null, f: null, day: null, ts: null, j: null, tags: null },
  { id: 3, t: '', b: -5, d: -0.25, f: false, day: utc('1999-12-31T00:00:00Z'), ts: utc('2000-01-01T00:00:00Z'), j: '[]', tags: ['a', null] },
];
const HOSTILE = ["'; DROP TABLE kinds; --", 'Robert\'); DROP TABLE kinds;--', '$1 ? :x \\" %s'];

async function count(b: Backend, table: string): Promise<number> {
  return Number((await b.query(`SELECT count(*) AS n FROM ${table}`))[0].n);
}

function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms))]);
}

/** Reads a Parquet file with a DuckDB of the test's own: column types and rows (BIGINT as number). */
async function readParquet(path: string): Promise<{ types: string[]; rows: Row[] }> {
  const duck = await DuckDBInstance.create(':memory:');
  const c = await duck.connect();
  try {
    const r = await c.runAndReadAll(`SELECT * FROM read_parquet('${path.replace(/'/g, "''")}')`);
    const rows = r.getRowObjectsJS().map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v])));
    return { types: r.columnTypes().map(String), rows };
  } finally {
    c.closeSync();
    duck.closeSync();
  }
}

async function writeParquetFixture(path: string): Promise<void> {
  const duck = await DuckDBInstance.create(':memory:');
  const c = await duck.connect();
  try {
    await c.run(`COPY (SELECT * FROM (VALUES
      (1::BIGINT, 'un', 0.5::DOUBLE, DATE '2020-01-02', TIMESTAMPTZ '2020-01-02 03:04:05+00', ['p', 'q"\\r,{}']),
      (2::BIGINT, NULL, NULL, NULL, NULL, NULL)) AS v(n, s, x, day, ts, l)) TO '${path.replace(/'/g, "''")}' (FORMAT parquet)`);
  } finally {
    c.closeSync();
    duck.closeSync();
  }
}

export const CASES: Case[] = [
  {
    name: 'types round-trip: text, bigint, double, boolean, date, timestamptz, json, arrays, NULLs',
    async run({ b }) {
      await b.write(async (tx) => {
        await tx.exec(KINDS_DDL);
        await tx.exec(`INSERT INTO kinds VALUES ${KINDS_ROWS.join(', ')}`);
      });
      expect(await b.query('SELECT * FROM kinds ORDER BY id')).toEqual(KINDS);
      expect(await b.query('SELECT count(*) AS n, sum(b) AS s, avg(d) AS a FROM kinds')).toEqual([{ n: 3, s: 1234567890118, a: 0.625 }]);
    },
  },
  {
    name: 'bound parameters: text that looks like SQL only ever as a value',
    async run({ b }) {
      for (const text of HOSTILE) {
        expect(await b.query('SELECT CAST($1 AS TEXT) AS echo', [text])).toEqual([{ echo: text }]);
        expect(await b.query('SELECT id FROM kinds WHERE t = $1', [text])).toEqual([]);
      }
      expect(await count(b, 'kinds')).toBe(3);
      expect(await b.query('SELECT id FROM kinds WHERE t = $1', ['héllo'])).toEqual([{ id: 1 }]);
      expect(await b.query('SELECT id FROM kinds WHERE b > $1 ORDER BY id', [-10])).toEqual([{ id: 1 }, { id: 3 }]);
      expect(await b.query('SELECT id FROM kinds WHERE f = $1', [false])).toEqual([{ id: 3 }]);
      expect(await b.query('SELECT id FROM kinds WHERE ts < CAST($1 AS TIMESTAMPTZ) ORDER BY id', ['2001-01-01T00:00:00Z'])).toEqual([{ id: 3 }]);
      expect(await b.query('SELECT CAST($1 AS TEXT) IS NULL AS isnull', [null])).toEqual([{ isnull: true }]);
      await b.write((tx) => tx.exec('INSERT INTO kinds (id, t) VALUES ($1, $2)', [4, HOSTILE[0]]));
      expect(await b.query('SELECT t FROM kinds WHERE id = $1', [4])).toEqual([{ t: HOSTILE[0] }]);
      await b.write((tx) => tx.exec('DELETE FROM kinds WHERE id = $1', [4]));
    },
  },
  {
    name: 'stream: batches of at most 2048 rows, all rows in order',
    async run({ b }) {
      const sizes: number[] = [];
      const all: unknown[] = [];
      for await (const batch of b.stream('SELECT g FROM generate_series(1, $1) AS s(g) ORDER BY g', [5000])) {
        sizes.push(batch.length);
        for (const r of batch) all.push(r.g);
      }
      expect(sizes.length).toBeGreaterThanOrEqual(3);
      expect(sizes.every((n) => n > 0 && n <= 2048)).toBe(true);
      expect(all).toEqual(Array.from({ length: 5000 }, (_, i) => i + 1));
    },
  },
  {
    name: 'stream: an empty result yields no batch; a failing query rejects the iteration',
    async run({ b }) {
      const batches: Row[][] = [];
      for await (const batch of b.stream('SELECT id FROM kinds WHERE id < $1', [0])) batches.push(batch);
      expect(batches).toEqual([]);
      const iterate = async () => { for await (const batch of b.stream('SELECT * FROM no_such_table')) expect(batch).toBeUndefined(); };
      await expect(iterate()).rejects.toThrow();
      expect(await b.query('SELECT count(*) AS n FROM kinds')).toEqual([{ n: 3 }]);
    },
  },
  {
    name: 'stream: an early break gives the connection back',
    async run({ b }) {
      // Five early breaks on a pool of two: a connection kept by a broken-off stream would hang the query.
      for (let i = 0; i < 5; i++) {
        for await (const batch of b.stream('SELECT g FROM generate_series(1, 10000) AS s(g)')) {
          expect(batch.length).toBeGreaterThan(0);
          break;
        }
      }
      expect(await within(b.query('SELECT 1 AS one'), 10_000, 'query after broken-off streams')).toEqual([{ one: 1 }]);
    },
  },
  {
    name: 'write: an error rolls back everything the transaction did',
    async run({ b }) {
      await b.write((tx) => tx.exec('CREATE TABLE rb (n BIGINT)'));
      await expect(b.write(async (tx) => {
        await tx.exec('INSERT INTO rb VALUES (1), (2)');
        await tx.exec('CREATE TABLE rb_new (n BIGINT)');
        expect(await tx.query('SELECT count(*) AS n FROM rb')).toEqual([{ n: 2 }]);
        throw new Error('boom');
      })).rejects.toThrow('boom');
      expect(await count(b, 'rb')).toBe(0);
      expect(await b.introspect('rb_new')).toEqual([]);
      // A failing statement rolls back too, and the writer is usable afterwards.
      await expect(b.write(async (tx) => {
        await tx.exec('INSERT INTO rb VALUES (3)');
        await tx.exec('INSERT INTO no_such_table VALUES (1)');
      })).rejects.toThrow();
      expect(await count(b, 'rb')).toBe(0);
      expect(await b.write(async (tx) => { await tx.exec('INSERT INTO rb VALUES (4)'); return 'ok'; })).toBe('ok');
      expect(await b.query('SELECT n FROM rb')).toEqual([{ n: 4 }]);
    },
  },
  {
    name: 'stageRows: typed rows from objects, in order, into a writer-private table',
    async run({ b }) {
      const rows = await b.write(async (tx) => {
        await tx.stageRows('staged_rows', [
          { name: 'n', sqlType: 'bigint' }, { name: 's', sqlType: 'text' }, { name: 'x', sqlType: 'double' }, { name: 'ok', sqlType: 'boolean' },
          { name: 'day', sqlType: 'date' }, { name: 'ts', sqlType: 'timestamptz' }, { name: 'j', sqlType: 'json' },
        ], [
          { n: 3, s: HOSTILE[0], x: 2.5, ok: true, day: '2021-06-30', ts: '2021-06-30T10:11:12Z', j: '{"k":[1]}' },
          { n: 1, s: null, x: null, ok: null, day: null, ts: null, j: null },
          { n: 2, s: 'deux', x: -1, ok: false, day: '1970-01-01', ts: '1970-01-01T00:00:00Z', j: '"t"' },
        ]);
        return tx.query('SELECT * FROM staged_rows ORDER BY agora_n');
      });
      expect(rows).toEqual([
        { agora_n: 1, n: 3, s: HOSTILE[0], x: 2.5, ok: true, day: utc('2021-06-30T00:00:00Z'), ts: utc('2021-06-30T10:11:12Z'), j: '{"k":[1]}' },
        { agora_n: 2, n: 1, s: null, x: null, ok: null, day: null, ts: null, j: null },
        { agora_n: 3, n: 2, s: 'deux', x: -1, ok: false, day: utc('1970-01-01T00:00:00Z'), ts: utc('1970-01-01T00:00:00Z'), j: '"t"' },
      ]);
    },
  },
  {
    name: 'swap: a reader during the swap sees the old version or the new one, never a mix or neither',
    async run({ b }) {
      await b.write(async (tx) => {
        await tx.exec("CREATE TABLE cat (tbl TEXT); INSERT INTO cat VALUES ('v1')");
        await tx.exec('CREATE TABLE v1 (n BIGINT); INSERT INTO v1 VALUES (1)');
        await tx.exec('CREATE TABLE v2 (n BIGINT)');
      });
      const seen = new Set<string>();
      let stop = false;
      const reader = (async () => {
        while (!stop) {
          const [r] = await b.query('SELECT (SELECT tbl FROM cat) AS tbl, (SELECT count(*) FROM v2) AS n');
          seen.add(`${r.tbl}:${r.n}`);
          await new Promise((res) => setTimeout(res, 2));
        }
      })();
      await new Promise((res) => setTimeout(res, 30));
      await b.swap(async (tx) => {
        await tx.exec('INSERT INTO v2 VALUES (1), (2), (3)');
        await new Promise((res) => setTimeout(res, 60)); // readers run while the swap is open
        await tx.exec("UPDATE cat SET tbl = 'v2'");
        await new Promise((res) => setTimeout(res, 60));
      }, 'v1');
      await new Promise((res) => setTimeout(res, 30));
      stop = true;
      await reader;
      expect([...seen].sort()).toEqual(['v1:0', 'v2:3']);
      expect(await b.introspect('v1')).toEqual([]);
      // A failed publish leaves the old version and the replaced table in place.
      await expect(b.swap(async (tx) => { await tx.exec("UPDATE cat SET tbl = 'v3'"); throw new Error('publish failed'); }, 'v2')).rejects.toThrow('publish failed');
      expect(await b.query('SELECT tbl FROM cat')).toEqual([{ tbl: 'v2' }]);
      expect(await count(b, 'v2')).toBe(3);
    },
  },
  {
    name: 'loadStaged CSV: delimiter, header replaced by columns, bad rows skipped and reported',
    async run({ b, dir }) {
      const path = join(dir, 'bad.csv');
      writeFileSync(path, 'x;y\n1;hello\n2;"multi\nline"\n3\n4;"semi;colon \\N back\\slash"\n');
      const res = await b.loadStaged({ path, format: 'csv', delimiter: ';', columns: ['x', 'y'], skipBadRows: true }, 'staged_csv');
      expect(res).toEqual({ table: 'staged_csv', rows: 3, rejected: [{ line: 5, message: 'expected 2 columns, found 1' }] });
      const rows = await b.write((tx) => tx.query('SELECT * FROM staged_csv ORDER BY x'));
      expect(rows).toEqual([{ x: '1', y: 'hello' }, { x: '2', y: 'multi\nline' }, { x: '4', y: 'semi;colon \\N back\\slash' }]);
      await b.write((tx) => tx.exec('DROP TABLE staged_csv'));
      // Without columns: the header names them; allVarchar keeps every value as text.
      const typed = join(dir, 'typed.csv');
      writeFileSync(typed, 'n,label\n7,sept\n8,"hu""it"\n');
      expect(await b.loadStaged({ path: typed, format: 'csv', allVarchar: true }, 'staged_text')).toEqual({ table: 'staged_text', rows: 2, rejected: [] });
      expect(await b.write((tx) => tx.query('SELECT * FROM staged_text ORDER BY n'))).toEqual([{ n: '7', label: 'sept' }, { n: '8', label: 'hu"it' }]);
      await b.loadStaged({ path: typed, format: 'csv' }, 'staged_sniffed');
      expect(await b.write((tx) => tx.query('SELECT * FROM staged_sniffed ORDER BY n'))).toEqual([{ n: 7, label: 'sept' }, { n: 8, label: 'hu"it' }]);
    },
  },
  {
    name: 'loadStaged NDJSON with column types, and JSON records as one JSON column',
    async run({ b, dir }) {
      const nd = join(dir, 'rows.ndjson');
      writeFileSync(nd, '{"a":1,"b":"un","c":0.5,"j":{"k":[1,2]}}\n{"a":2,"b":null,"c":null,"j":null}\n{"a":3,"b":"tab\\there","c":-2,"j":[true]}\n');
      const res = await b.loadStaged({ path: nd, format: 'ndjson', columns: ['a', 'b', 'c', 'j'], columnTypes: { a: 'BIGINT', b: 'VARCHAR', c: 'DOUBLE', j: 'JSON' } }, 'staged_nd');
      expect(res).toEqual({ table: 'staged_nd', rows: 3, rejected: [] });
      expect(await b.write((tx) => tx.query('SELECT * FROM staged_nd ORDER BY a'))).toEqual([
        { a: 1, b: 'un', c: 0.5, j: '{"k":[1,2]}' }, { a: 2, b: null, c: null, j: null }, { a: 3, b: 'tab\there', c: -2, j: '[true]' },
      ]);
      const js = join(dir, 'records.json');
      writeFileSync(js, '[{"id":1,"name":"a"},{"id":2,"name":"b\\nc"}]');
      expect(await b.loadStaged({ path: js, format: 'json', columns: ['j'] }, 'staged_json')).toEqual({ table: 'staged_json', rows: 2, rejected: [] });
      const objects = await b.write((tx) => tx.query('SELECT j FROM staged_json'));
      expect(objects.map((r) => JSON.parse(String(r.j))).sort((x, y) => x.id - y.id)).toEqual([{ id: 1, name: 'a' }, { id: 2, name: 'b\nc' }]);
    },
  },
  {
    name: 'loadStaged Parquet written by DuckDB: types kept, lists as arrays',
    async run({ b, dir }) {
      const path = join(dir, 'in.parquet');
      await writeParquetFixture(path);
      expect(await b.loadStaged({ path, format: 'parquet' }, 'staged_pq')).toEqual({ table: 'staged_pq', rows: 2, rejected: [] });
      expect(await b.write((tx) => tx.query('SELECT * FROM staged_pq ORDER BY n'))).toEqual([
        { n: 1, s: 'un', x: 0.5, day: utc('2020-01-02T00:00:00Z'), ts: utc('2020-01-02T03:04:05Z'), l: ['p', 'q"\\r,{}'] },
        { n: 2, s: null, x: null, day: null, ts: null, l: null },
      ]);
      await b.loadStaged({ path, format: 'parquet', columns: ['k', 'label', 'v', 'd', 't', 'list'] }, 'staged_pq_named');
      expect(await b.write((tx) => tx.query('SELECT k, label FROM staged_pq_named ORDER BY k'))).toEqual([{ k: 1, label: 'un' }, { k: 2, label: null }]);
    },
  },
  {
    name: 'openSnapshot: a write after it opened is not seen by it; close twice is safe',
    async run({ b }) {
      await b.write((tx) => tx.exec('CREATE TABLE snap (n BIGINT); INSERT INTO snap VALUES (1)'));
      const s = await b.openSnapshot();
      try {
        await b.write((tx) => tx.exec('INSERT INTO snap VALUES (2)'));
        expect(await s.query('SELECT count(*) AS n FROM snap')).toEqual([{ n: 1 }]);
        expect(await s.query('SELECT n FROM snap WHERE n = $1', [1])).toEqual([{ n: 1 }]);
        expect(await count(b, 'snap')).toBe(2);
      } finally {
        await s.close();
        await s.close();
      }
    },
  },
  {
    name: 'copyLinesToFile: each value then a line feed, nothing quoted or added',
    async run({ b, dir }) {
      const lines = ['a,"b"', '{"k": "v"}', 'tab\there', "it's"];
      await b.write(async (tx) => {
        await tx.exec('CREATE TABLE lines (n BIGINT, s TEXT)');
        for (const [i, s] of lines.entries()) await tx.exec('INSERT INTO lines VALUES ($1, $2)', [i, s]);
      });
      const s = await b.openSnapshot();
      const path = join(dir, 'lines.txt');
      try {
        await s.copyLinesToFile('SELECT s FROM lines WHERE n >= $1 ORDER BY n', [0], path);
      } finally {
        await s.close();
      }
      expect(readFileSync(path, 'utf8')).toBe(lines.map((l) => l + '\n').join(''));
    },
  },
  {
    name: 'copyToFile: Parquet that DuckDB reads back with the same types and values',
    async run({ b, dir }) {
      const path = join(dir, 'out.parquet');
      await b.copyToFile('SELECT * FROM kinds WHERE id <> $1 ORDER BY id', [0], path, 'parquet', { compression: 'zstd' });
      const back = await readParquet(path);
      expect(back.types).toEqual(['BIGINT', 'VARCHAR', 'BIGINT', 'DOUBLE', 'BOOLEAN', 'DATE', 'TIMESTAMP WITH TIME ZONE', 'VARCHAR', 'VARCHAR[]']);
      expect(back.rows).toEqual(KINDS);
    },
  },
  {
    name: 'describe: result columns and types without running the query',
    async run({ b, h }) {
      const cols: KindsColumn[] = ['id', 't', 'b', 'd', 'f', 'day', 'ts', 'j', 'tags'];
      expect(await b.describe('SELECT * FROM kinds WHERE t = $1 AND b > $2')).toEqual(cols.map((name) => ({ name, type: h.describeTypes[name] })));
      // Not running it: a division by zero on every row would fail if it ran.
      expect((await b.describe('SELECT id / (id - id) AS boom FROM kinds')).map((c: ColumnInfo) => c.name)).toEqual(['boom']);
    },
  },
  {
    name: 'introspect: a table\'s columns and engine types in order; none for an unknown table',
    async run({ b, h }) {
      const cols: KindsColumn[] = ['id', 't', 'b', 'd', 'f', 'day', 'ts', 'j', 'tags'];
      expect(await b.introspect('kinds')).toEqual(cols.map((name) => ({ name, type: h.introspectTypes[name] })));
      expect(await b.introspect('no_such_table')).toEqual([]);
      expect(await b.introspect(HOSTILE[0])).toEqual([]);
    },
  },
  {
    name: 'errors: out-of-range and bad conversions are the asker\'s (ODSQL_EVALUATION)',
    async run({ b }) {
      for (const sql of ["SELECT CAST('x' AS BIGINT) AS v", 'SELECT CAST(9223372036854775807 AS BIGINT) + 1 AS v']) {
        const e = await b.query(sql).then(() => null, (err: unknown) => err);
        expect(e).toBeInstanceOf(AgoraError);
        expect((e as AgoraError).code).toBe('ODSQL_EVALUATION');
      }
      await expect(b.query('SELECT * FROM no_such_table')).rejects.toThrow();
    },
  },
];

export function runBackendContract(h: ContractHarness): void {
  describe(`Backend contract: ${h.name}`, () => {
    const ctx = {} as Ctx;
    beforeAll(async () => {
      ctx.h = h;
      ctx.dir = mkdtempSync(join(tmpdir(), 'agora-contract-'));
      ctx.b = await h.open();
    });
    afterAll(async () => {
      await ctx.b?.close();
      await h.cleanup?.();
      if (ctx.dir) rmSync(ctx.dir, { recursive: true, force: true });
    });
    it('dialectName names the engine', () => {
      expect(['duckdb', 'postgres']).toContain(ctx.b.dialectName);
    });
    for (const c of CASES) {
      const reason = h.skip?.[c.name];
      it.skipIf(Boolean(reason))(reason ? `${c.name} (skipped: ${reason})` : c.name, () => c.run(ctx));
    }
  });
}
