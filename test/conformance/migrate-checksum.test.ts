// The migration checksum's canonical row text agrees between DuckDB and PostgreSQL on tricky values
// (NULL vs '', -0.0, 1e300, subnormals, NaN, infinities, timestamps with ms and µs, unicode, control
// characters, JSON with spaces, empty lists and lists of NULL), row by row, and keeps apart what differs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBBackend } from '../../src/storage/duckdb/index.ts';
import { PostgresBackend } from '../../src/storage/postgres/index.ts';
import { migrateStore } from '../../src/storage/migrate/copy.ts';
import { rowHashQuery } from '../../src/storage/migrate/canonical.ts';
import { sourceTables } from '../../src/storage/migrate/tables.ts';

const URL = 'postgres://postgres@127.0.0.1:5432/test';
const schema = `agora_sum_${randomBytes(4).toString('hex')}`;
const source = new DuckDBBackend({ dataDir: null });
const target = new PostgresBackend({ url: URL, schema, dropSchemaOnClose: true });
let dir: string;

const ROWS = [
  "(1, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)",
  "(2, '', 0.0, 0.0, '1970-01-01 00:00:00+00', '1970-01-01', '{}', [], [], false, 0.000, {'a': 1, 'b': ''}, '00:00:00')",
  "(3, 'é😀 \"q\", \t tab\nnl \\ ''', CAST('-0.0' AS DOUBLE), CAST('-0.0' AS FLOAT), '2026-12-01 10:00:00.123+00', '2026-12-01', '{\"a\": 1,  \"b\": [ ]}', [NULL], [NULL, 7], true, -1.500, {'a': NULL, 'b': 'x'}, '23:59:59.5')",
  "(4, 'N', 1e300, 3.4e38, '1969-12-31 23:59:59.999999+00', '1900-02-28', '[1, 2.50, \"é\"]', [''], [-9223372036854775808], NULL, 123456789012345.678, NULL, NULL)",
  "(5, 'V', 5e-324, 1e-45, '2262-04-11 23:47:16.854775+00', '9999-12-31', 'null', ['a,b', 'c'], [1, 2, 3], true, NULL, NULL, NULL)",
  "(6, ',', 'NaN', 'NaN', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)",
  "(7, NULL, 'Infinity', 'Infinity', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)",
  "(8, NULL, '-Infinity', '-Infinity', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)",
  "(9, NULL, 0.1, 0.1, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)",
  "(10, NULL, 123456789012.0, 16777216.0, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)",
  "(11, NULL, 1e15, 1e15, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)",
  "(12, NULL, 1.5e-7, 1.5e-7, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)",
  "(13, NULL, -2.5e-300, -1.17549435e-38, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)",
  "(14, NULL, 1e16, 0.30000001192092896, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)",
  "(15, NULL, 0.30000000000000004, 100.0, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)",
  "(16, NULL, 0.0, 0.0, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)",
  "(17, NULL, CAST('-0.0' AS DOUBLE), CAST('-0.0' AS FLOAT), NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)",
];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'agora-sum-'));
  await source.open();
  await target.open();
  await source.write(async (tx) => {
    await tx.exec('CREATE TABLE agora_datasets (dataset_id VARCHAR PRIMARY KEY)');
    await tx.exec(`CREATE TABLE tricky (id BIGINT, t VARCHAR, d DOUBLE, r FLOAT, ts TIMESTAMPTZ, day DATE, j JSON, l VARCHAR[], nl BIGINT[],
      b BOOLEAN, dec DECIMAL(18,3), s STRUCT(a INTEGER, b VARCHAR), tm TIME)`);
    await tx.exec(`INSERT INTO tricky VALUES ${ROWS.join(', ')}`);
    await tx.exec(`CREATE TABLE floats (x DOUBLE[], y DOUBLE)`);
    await tx.exec(`INSERT INTO floats VALUES ([0.0, CAST('-0.0' AS DOUBLE), 1e300, CAST('nan' AS DOUBLE)], 0.0), ([], CAST('-0.0' AS DOUBLE)), (NULL, 0.0), ([NULL], CAST('-0.0' AS DOUBLE))`);
    // Enough repeats for DuckDB's Parquet writer to use a dictionary, which takes -0.0 for 0.0.
    await tx.exec(`INSERT INTO floats SELECT [0.0, CAST('-0.0' AS DOUBLE)], CASE WHEN i % 3 = 0 THEN 0.0 WHEN i % 3 = 1 THEN CAST('-0.0' AS DOUBLE) ELSE 1.5 END FROM range(100) r(i)`);
    // Pairs a careless canonical text would confuse: NULL and '', [] and [''] and [NULL], 'a,b' and ['a', 'b'].
    await tx.exec(`CREATE TABLE pairs (t VARCHAR, l VARCHAR[], u VARCHAR)`);
    await tx.exec(`INSERT INTO pairs VALUES (NULL, NULL, NULL), ('', NULL, NULL), (NULL, [], NULL), (NULL, [''], NULL), (NULL, [NULL], NULL),
      (NULL, ['a,b'], NULL), (NULL, ['a', 'b'], NULL), ('N', NULL, NULL), (NULL, NULL, 'N'), ('a', NULL, 'b'), ('a,b', NULL, NULL)`);
  });
});
afterAll(async () => {
  await target.close();
  await source.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the migration checksum', () => {
  it('copies the tricky values and finds every table equal on both engines', async () => {
    const results = await migrateStore(source, target, { schema, workDir: dir });
    expect(results.map((r) => [r.table, r.rows, r.ok])).toEqual([['agora_datasets', 0, true], ['floats', 104, true], ['pairs', 11, true], ['tricky', ROWS.length, true]]);
    const types = Object.fromEntries((await target.introspect('tricky')).map((c) => [c.name, c.type]));
    expect(await target.query("SELECT count(*) AS n FROM floats WHERE CAST(y AS text) = '-0'")).toEqual([{ n: 2 + 33 }]);
    expect(types).toMatchObject({ d: 'double precision', r: 'real', ts: 'timestamp with time zone', day: 'date', j: 'json', l: 'text[]', nl: 'bigint[]', s: 'json' });
  });

  it('gives each row the same hash on both engines (so each value its same canonical text)', async () => {
    const [tricky] = (await sourceTables(source)).filter((t) => t.name === 'tricky');
    const hashes = async (run: (sql: string) => Promise<Array<Record<string, unknown>>>, e: 'duckdb' | 'postgres') =>
      Object.fromEntries((await run(`SELECT * FROM (${rowHashQuery(e, 'tricky', tricky.columns, ['id'])}) AS q ORDER BY id`)).map((r) => [Number(r.id), r.agora_h]));
    const duck = await hashes((sql) => source.query(sql), 'duckdb');
    expect(Object.keys(duck)).toHaveLength(ROWS.length);
    expect(await hashes((sql) => target.query(sql), 'postgres')).toEqual(duck);
  });

  it('keeps apart values a careless text would confuse (NULL and \'\', [] and [\'\'] and [NULL], -0.0 and 0.0)', async () => {
    const [pairs] = (await sourceTables(source)).filter((t) => t.name === 'pairs');
    const duck = (await source.query(rowHashQuery('duckdb', 'pairs', pairs.columns))).map((r) => r.agora_h);
    expect(new Set(duck).size).toBe(11);
    const y = [{ name: 'y', type: 'DOUBLE' }];
    const zero = await source.query(`SELECT DISTINCT CAST(y AS VARCHAR) AS y, agora_h FROM (${rowHashQuery('duckdb', 'floats', y, ['y'])}) AS q WHERE y = 0 ORDER BY y`);
    expect(zero.map((r) => r.y)).toEqual(['-0.0', '0.0']);
    expect(zero[0].agora_h).not.toBe(zero[1].agora_h);
  });
});
