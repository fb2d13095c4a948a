// The SQL path of a publish against the JS path: the same pipelines over the same staged records
// (nulls, empty texts, Unicode, regex specials, -0, the expression language's operators, skip
// conditions that are null) written both ways and compared row by row; a record SQL cannot vouch for
// (a division by zero, an astral character under a regex…) sends the run to JS, which then fails,
// skips or writes exactly as it does alone. The JS path is the reference (its own tests check it).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyRecordTableSql } from '../../src/ingest/build.ts';
import { parseProcessor, planPipeline, processInto, type PField } from '../../src/ingest/processors/index.ts';
import { DuckDBBackend } from '../../src/storage/duckdb/index.ts';
import type { SqlParam } from '../../src/storage/backend.ts';

const FIELDS: PField[] = [
  { name: 'name', label: 'Name', type: 'text' }, { name: 'code', label: 'Code', type: 'text' },
  { name: 'n', label: 'N', type: 'int' }, { name: 'x', label: 'X', type: 'double' },
  { name: 'flag', label: 'Flag', type: 'boolean' }, { name: 'day', label: 'Day', type: 'date' },
  { name: 'at', label: 'At', type: 'datetime' },
];
type Row = [string | null, string | null, number | null, number | null, boolean | null, string | null, string | null];
const ROWS: Row[] = [
  ['Ada', 'AB-1', 10, 1.5, true, '2024-02-01', '2024-02-01 10:00:00+00'],
  [null, null, null, null, null, null, null],
  ['', '', 0, -0, false, '1999-12-31', '1999-12-31 23:59:59.999+00'],
  ['Élodie ßtraße', 'a.b*c+d?', -7, 2.25, true, '2000-01-01', '2000-01-01 00:00:00+00'],
  ['e\u0301cole Cafe\u0301', '(x)[y]{z}$^|', 3, 1e10, false, '1000-01-01', '2020-06-15 12:30:00+02'],
  ['line\nbreak\r\u2028 end', '  spaced\u00a0\t', 5, -0.5, null, '9999-12-31', null],
  ['back\\slash $1 $& $$', '\\d+ 42 7', 9007199254740991, 100, true, null, '2024-02-29 00:00:00+00'],
  ['İstanbul KELVIN\u212a ſ', 'abc ABC aBc', 1, 0.1, false, '2024-02-29', null],
  ['Bob', 'bob', 4, 4000.5, true, '2010-10-10', '2010-10-10 10:10:10+00'],
  ['aaa bbb', 'xx xxx x', 2, 3, null, '1970-01-01', '1970-01-01 00:00:00+00'],
];
const ASCII = ROWS.filter((r) => !/[^\x00-\x7f]/.test(`${r[0]}${r[1]}`));
const ASTRAL: Row = ['smile 😀 \uE000', 'A😀B', 6, 6, true, '2001-01-01', null];

let backend: DuckDBBackend;
let tables = 0;

async function staged(rows: Row[], reversed = false): Promise<string> {
  const t = `src_${++tables}`;
  await backend.write(async (tx) => {
    await tx.exec(emptyRecordTableSql(t, FIELDS));
    for (const [i, r] of (reversed ? [...rows.entries()].reverse() : rows.entries())) {
      await tx.exec(`INSERT INTO ${t} VALUES (?, ?, ?, CAST(? AS BIGINT), CAST(? AS DOUBLE), ?, CAST(? AS DATE), CAST(? AS TIMESTAMPTZ))`, [i + 1, ...r] as SqlParam[]);
    }
  });
  return t;
}

/** The pipeline run both ways over the same staged rows: each run's rows (or error) and engine. */
async function bothWays(bodies: object[], rows: Row[] = ROWS, reversed = false) {
  const planned = await planPipeline(bodies.map((b, i) => parseProcessor(b, `pr_${i}`)), FIELDS, { readDataset: async () => { throw new Error('none'); } });
  const src = await staged(rows, reversed);
  const run = async (engine: 'sql' | 'js') => {
    const out = `out_${engine}_${++tables}`;
    try {
      const r = await processInto(backend, planned, src, out, engine);
      const stored = await backend.query(`SELECT * FROM ${out} ORDER BY _rid`);
      const columns = (await backend.introspect(out)).map((c) => `${c.name} ${c.type}`);
      return { engine: r.engine, rows: stored, columns, skipped: r.skipped, error: null };
    } catch (e) {
      const err = e as { code?: string; message: string; details?: unknown };
      return { engine: 'failed', rows: [], columns: [], skipped: [], error: { code: err.code, message: err.message, details: err.details } };
    }
  };
  const js = await run('js');
  const sql = await run('sql');
  return { js, sql, fields: planned.fields };
}

/** Both ways give the same rows; `engine` says which path the SQL run took. */
async function same(bodies: object[], engine: 'sql' | 'js', rows: Row[] = ROWS, reversed = false) {
  const { js, sql } = await bothWays(bodies, rows, reversed);
  expect(js.engine).not.toBe('failed');
  expect(sql.rows).toEqual(js.rows);
  expect(sql.columns).toEqual(js.columns);
  expect(sql.skipped).toEqual(js.skipped);
  expect(sql.engine).toBe(engine);
  return js;
}

beforeAll(async () => { backend = new DuckDBBackend({ dataDir: null }); await backend.open(); });
afterAll(async () => { await backend.close(); });

describe('processors compiled to SQL give the JS path\'s records', () => {
  it('the benchmark\'s ten processors', async () => {
    const r = await same([
      { type: 'rename_field', field: 'code', new_name: 'dest' },
      { type: 'copy_field', field: 'name', new_field: 'name_copy' },
      { type: 'string_replace', field: 'name_copy', old: 'a', new: 'A' },
      { type: 'regex_replace', field: 'dest', regex: '^([A-Z])', replace: '$1-' },
      { type: 'concatenate', fields: 'name,dest', new_field: 'route', separator: '→' },
      { type: 'expression', expression: 'n * 60', output_field: 'n_s', output_type: 'double' },
      { type: 'skip_records', condition: 'x > 4000' },
      { type: 'add_field', field: 'source', value: 'BTS' },
      { type: 'normalize_unicode', field: 'route' },
      { type: 'delete_field', field: 'name_copy' },
    ], 'sql');
    expect(r.rows.length).toBe(ROWS.length - 2); // 1e10 and 4000.5 skipped
  });

  it('plain-text replacement with specials, on text, int and date fields', async () => {
    await same([
      { type: 'string_replace', field: 'name', old: '$', new: '\\' },
      { type: 'string_replace', field: 'code', old: '.', new: '$&' },
      { type: 'string_replace', field: 'n', old: '0', new: 'o' },
      { type: 'string_replace', field: 'day', old: '-', new: '/' },
      { type: 'string_replace', field: 'flag', old: 'ue', new: 'UE' },
      { type: 'string_replace', field: 'x', old: '0', new: 'o' },
    ], 'sql', ROWS.filter((r) => r[3] === null || Number.isInteger(r[3])));
  });

  const regexes: Array<[string, string, boolean?]> = [
    ['^([A-Z])', '$1-'], ['\\d+', '<$&>'], ['[aeiou]', '', true], ['(\\w+)\\s(\\w+)', '$2 $1'], ['a|b', 'x'],
    ['.', '_'], ['[^a-z]', '#'], ['\\.', '\\'], ['b', '$$'], ['(a)', '$10'], ['(a)', '$0$2$<n>'], ['\\bA', '!'],
    ['x{2,3}', 'X'], ['a+?', '-'], ['\\s+', ' '], ['\\S+', 'w'], ['[\\d-]', '#'], ['[\\^\\]]', '&'], ['\\u00e9|\\x41', '?'],
    ['b', 'B', true], ['e$', 'E'], ['(?:ab|a)(c?)', '[$1]'], ['\\W', ''], ['[a-c]+', 'Z', true],
  ];
  for (const [regex, replace, ci] of regexes) {
    it(`regex_replace /${regex}/${ci ? 'i' : ''} → "${replace}"`, async () => {
      const bodies = [
        { type: 'regex_replace', field: 'name', regex, replace, case_insensitive: ci ?? false },
        { type: 'regex_replace', field: 'code', regex, replace, case_insensitive: ci ?? false, output_field: 'code2' },
      ];
      await same(bodies, 'sql', ASCII);
      await same(bodies, ci ? 'js' : 'sql'); // under "i", non-ASCII text is JS's (ſ, K: JS and RE2 fold them apart)
    });
  }

  it('patterns without an RE2 twin stay JS', async () => {
    for (const regex of ['x*', '(?=a)a', '(a)\\1', '(?:(a)|b)+', '\\bb?', '(?<n>a)']) {
      await same([{ type: 'regex_replace', field: 'name', regex, replace: '-' }], 'js');
    }
    await same([{ type: 'regex_replace', field: 'name', regex: 'é', replace: '-', case_insensitive: true }], 'js');
  });

  it('a record with an astral character, or non-ASCII under "i", sends a regex run to JS', async () => {
    await same([{ type: 'regex_replace', field: 'code', regex: '.', replace: '_' }], 'js', [...ROWS, ASTRAL]);
    await same([{ type: 'string_replace', field: 'code', old: 'A', new: '.' }], 'sql', [...ROWS, ASTRAL]);
    await same([{ type: 'regex_replace', field: 'name', regex: 's', replace: '_', case_insensitive: true }], 'js');
  });

  const expressions: Array<[string, string]> = [
    ['n * 2 + x', 'double'], ['n / 4', 'double'], ['n % 3', 'double'], ['-n', 'int'], ['x * 3', 'int'], ['- x', 'double'],
    ['n > 3 and flag', 'boolean'], ['name = "Ada" or code is null', 'boolean'], ['not flag', 'boolean'], ['flag or n > 100', 'text'],
    ['n in (1, 3, 5)', 'boolean'], ['name not in ("Ada", null)', 'boolean'], ['n in (10)', 'text'], ['length(name)', 'int'],
    ['concat(name, "-", n, flag)', 'text'], ['upper(code)', 'text'], ['lower(code)', 'text'], ['upper(day)', 'text'], ['trim(code)', 'text'],
    ['coalesce(name, code, "none")', 'text'], ['abs(x)', 'double'], ['floor(x)', 'double'], ['ceil(x)', 'int'],
    ['replace(name, "a", "@")', 'text'], ['replace(code, "x", null)', 'text'], ['flag is true', 'boolean'], ['flag is not false', 'boolean'],
    ['n is true', 'boolean'], ['day > "2000-01-01"', 'boolean'], ['day', 'text'], ['name < "B"', 'boolean'], ['name >= code', 'boolean'],
    ['n != 4', 'text'], ['x <= 1.5', 'boolean'], ['n', 'boolean'], ['name', 'boolean'], ['null', 'double'], ['n * 1e290 > 1', 'boolean'],
    ['x + 0.1', 'double'], ['n = 9007199254740991', 'boolean'], ['n * 10', 'double'], ['n - 1', 'text'], ['(n > 2) = flag', 'boolean'],
  ];
  for (const [expression, type] of expressions) {
    it(`expression ${expression} as ${type}`, async () => {
      await same([{ type: 'expression', expression, output_field: 'out', output_type: type }], 'sql', ROWS.filter((r) => !(r[3] !== null && r[3] % 1 !== 0 && type === 'text')));
    });
  }

  it('expressions that need JS on some record fall back to it, failing or skipping as JS does', async () => {
    await same([{ type: 'expression', expression: 'x * 1', output_field: 'out' }], 'js'); // 1.5 as text is JS's to write
    await same([{ type: 'expression', expression: 'lower(name)', output_field: 'out' }], 'js'); // İ, ß: JS's own case mapping
    await same([{ type: 'expression', expression: 'lower(name)', output_field: 'out' }], 'sql', ASCII);
    const { js, sql } = await bothWays([{ type: 'expression', expression: '10 / n', output_field: 'out', label: 'Ratio' }]);
    expect(js.error?.code).toBe('PROCESSOR_FAILED');
    expect(sql.error).toEqual(js.error);
    expect(js.error?.message).toContain('processor 1 (expression "Ratio") failed on record 3, field "expression"');
    const r = await same([{ type: 'expression', expression: '10 / n', output_field: 'out', output_type: 'double', skip_on_error: true }], 'js');
    expect(r.skipped).toEqual([expect.objectContaining({ record: 3, position: 1 })]);
    await same([{ type: 'expression', expression: 'n * 1e300 * 1e300', output_field: 'out', output_type: 'double', skip_on_error: true }], 'js');
    await same([{ type: 'expression', expression: 'flag', output_field: 'out', output_type: 'int', skip_on_error: true }], 'js');
    await same([{ type: 'expression', expression: 'n * 1e300', output_field: 'out' }], 'js');
    await same([{ type: 'expression', expression: 'x * 1e300 * 1e300 > 1', output_field: 'out', output_type: 'boolean' }], 'js');
    await same([{ type: 'expression', expression: 'n * 10', output_field: 'out' }], 'js'); // 2^53 × 10: JS's shortest digits
    const unsafe = await bothWays([{ type: 'expression', expression: 'n * 1e300', output_field: 'out', output_type: 'int', skip_on_error: true }]);
    expect(unsafe.js.error?.message).toContain('does not fit the fields');
    expect(unsafe.sql).toEqual(unsafe.js);
  });

  it('expressions without a SQL twin stay JS', async () => {
    for (const expression of ['n + "1"', 'name like "ada"', 'substring(name, 2)', 'round(x)', 'at', 'concat(at)']) {
      await same([{ type: 'expression', expression, output_field: 'out' }], 'js');
    }
  });

  it('skip_records by condition (null conditions keep the record) and by field value', async () => {
    for (const condition of ['n > 3', 'name = "Ada"', 'flag', 'not flag', 'n', 'day < "2000-01-01" or x is null', 'code in ("bob", "")']) {
      await same([{ type: 'skip_records', condition }], 'sql');
    }
    await same([{ type: 'skip_records', field: 'name', value: 'Ada' }], 'sql');
    await same([{ type: 'skip_records', field: 'code', value: 'b', exact_match: false }], 'sql');
    await same([{ type: 'skip_records', field: 'name' }], 'sql');
    await same([{ type: 'skip_records', field: 'n', value: '10' }], 'sql');
    await same([{ type: 'skip_records', field: 'flag', value: 'false' }], 'sql');
    await same([{ type: 'skip_records', condition: 'n > 3' }, { type: 'expression', expression: '10 / n', output_field: 'out', skip_on_error: true }], 'js');
  });

  it('concatenate, add_field, normalize_unicode, copy, rename and delete over every type', async () => {
    await same([
      { type: 'concatenate', fields: 'name,code,n,flag,day', new_field: 'all', separator: ' | ' },
      { type: 'concatenate', fields: 'code,code', new_field: 'code', separator: '' },
      { type: 'add_field', field: 'fixed', value: 'ÉTÉ 😀' },
      { type: 'add_field', field: 'empty' },
      { type: 'normalize_unicode', field: 'name' },
      { type: 'copy_field', field: 'n', new_field: 'n2' },
      { type: 'copy_field', field: 'at', new_field: 'name' },
      { type: 'rename_field', field: 'x', new_name: 'y' },
      { type: 'rename_field', field: 'day', new_name: 'the_day' },
      { type: 'delete_field', field: 'flag,n' },
    ], 'sql');
    await same([{ type: 'normalize_unicode', field: 'name', form: 'NFD' }], 'js');
    await same([{ type: 'normalize_unicode', field: 'name', remove_accents: true }], 'js');
  });

  it('stored values JS cannot carry exactly send the run to JS', async () => {
    const sub = (r: Row, i: number, v: Row[number]): Row => r.map((x, k) => (k === i ? v : x)) as Row;
    await same([{ type: 'add_field', field: 'f' }], 'js', [...ROWS, sub(ROWS[0], 6, '2024-02-01 10:00:00.123456+00')]);
    await same([{ type: 'add_field', field: 'f' }], 'js', [...ROWS, sub(ROWS[0], 5, '0999-01-01')]);
    const big = await bothWays([{ type: 'add_field', field: 'f' }], [...ROWS, sub(ROWS[0], 2, 9007199254740993)]);
    expect(big.sql).toEqual(big.js);
  });

  it('an input stored out of record-id order is processed in record-id order', async () => {
    const r = await same([{ type: 'skip_records', condition: 'n > 3' }, { type: 'add_field', field: 'f', value: 'v' }], 'sql', ROWS, true);
    expect(r.rows.map((x) => x.name)).toEqual(ROWS.filter((x) => !(x[2] !== null && x[2] > 3)).map((x) => x[0]));
  });

  it('a processor without a SQL form keeps the whole pipeline in JS', async () => {
    await same([{ type: 'rename_field', field: 'code', new_name: 'dest' }, { type: 'extract_text', field: 'name', regex: '(\\w+)', output_field: 'word' }], 'js');
  });
});
