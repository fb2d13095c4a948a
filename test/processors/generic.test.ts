// Generic processors and the pipeline itself: field renames, copies, deletions and additions; skip
// records and expressions checked against DuckDB evaluating the same condition or expression in SQL;
// deduplication against SELECT DISTINCT ON in record order; errors naming processor, record, field.
import { describe, expect, it } from 'vitest';
import { duckdb, run, text } from './support.ts';
import type { PField, Rec } from '../../src/ingest/processors/index.ts';

const FIELDS: PField[] = [...text('name', 'city'), { name: 'price', label: 'Price', type: 'double' }, { name: 'qty', label: 'qty', type: 'int' }];
const ROWS: Rec[] = [
  { name: 'Ada', city: 'paris', price: 10.5, qty: 3 }, { name: 'Bob', city: 'lyon', price: 20, qty: null },
  { name: 'Cy', city: 'paris', price: 5, qty: 1 }, { name: 'Ada', city: 'paris', price: 10.5, qty: 3 }, { name: 'Di', city: null, price: 7.25, qty: 8 },
];
/** The rows as a DuckDB VALUES table `t` with an `n` for record order. */
const VALUES = `(VALUES ${ROWS.map((r, i) => `(${i}, ${[r.name, r.city].map((v) => (v === null ? 'NULL' : `'${v}'`)).join(', ')}, ${r.price}, ${r.qty ?? 'NULL'})`).join(', ')}) t(n, name, city, price, qty)`;

describe('field processors', () => {
  it('rename, copy, delete and add fields, in order', async () => {
    const out = await run([
      { type: 'rename_field', field: 'city', new_name: 'town' }, { type: 'copy_field', field: 'price', new_field: 'price_copy' },
      { type: 'delete_field', field: 'qty' }, { type: 'add_field', field: 'source', value: 'census' },
    ], FIELDS, ROWS.slice(0, 1));
    expect(out.fields.map((f) => `${f.name}:${f.type}`)).toEqual(['name:text', 'town:text', 'price:double', 'price_copy:double', 'source:text']);
    expect(out.records).toEqual([{ name: 'Ada', town: 'paris', price: 10.5, price_copy: 10.5, source: 'census' }]);
  });
  it('a later processor sees the fields of the earlier ones, and is refused naming itself when a field is gone', async () => {
    await expect(run([{ type: 'delete_field', field: 'city' }, { type: 'string_replace', label: 'Fix', field: 'city', old: 'a' }], FIELDS, []))
      .rejects.toThrow(/^processor 2 \(string_replace "Fix"\): Invalid field: "city" is not a field at this point/);
    await expect(run({ type: 'rename_field', field: 'city', new_name: 'name' }, FIELDS, [])).rejects.toMatchObject({ details: { detail: { new_name: expect.any(Array) } } });
  });
});

describe('skip_records, expression, deduplicate against DuckDB', () => {
  const conditions = ["price > 6 and city = 'paris'", "city is null or qty >= 3", "not (name in ('Ada', 'Cy'))", "price * qty > 20", "qty is not null and price % 2 = 0"];
  it('skips the records for which an ODSQL condition is true (unknown keeps them), as DuckDB WHERE does', async () => {
    for (const c of conditions) {
      const out = await run({ type: 'skip_records', condition: c }, FIELDS, ROWS);
      const kept = await duckdb(`SELECT list(n ORDER BY n) FROM ${VALUES} WHERE NOT coalesce(${c}, false)`);
      expect(out.records.map((r) => ROWS.indexOf(r)), c).toEqual(kept ?? []);
    }
  });
  it('skips by field value, exactly or containing it (ODS parameters)', async () => {
    expect((await run({ type: 'skip_records', field: 'city', value: 'paris' }, FIELDS, ROWS)).records.map((r) => r.name)).toEqual(['Bob', 'Di']);
    expect((await run({ type: 'skip_records', field: 'name', value: 'd', exact_match: false }, FIELDS, ROWS)).records.map((r) => r.name)).toEqual(['Bob', 'Cy', 'Di']); // case-sensitive: "Di" has no "d"
  });
  it('computes expressions as DuckDB does', async () => {
    const exprs: Array<[string, string, string]> = [
      ['round(price * 1.2, 2)', 'round(price * 1.2, 2)', 'double'], ['upper(city)', 'upper(city)', 'text'], ['length(name) + qty', 'length(name) + qty', 'double'],
      ['substring(name, 2, 2)', 'substring(name, 2, 2)', 'text'], ['coalesce(city, name)', 'coalesce(city, name)', 'text'], ['price >= 10', 'price >= 10', 'boolean'],
    ];
    for (const [e, sql, type] of exprs) {
      const out = await run({ type: 'expression', expression: e, output_field: 'x', output_type: type }, FIELDS, ROWS);
      const want = await duckdb(`SELECT list(${sql} ORDER BY n) FROM ${VALUES}`);
      expect(out.records.map((r) => r.x), e).toEqual(want);
    }
  });
  it('an expression failing on a record names it; skip_on_error counts it', async () => {
    const body = { type: 'expression', expression: 'price / (qty - 1)', output_field: 'x', output_type: 'double' };
    await expect(run(body, FIELDS, ROWS)).rejects.toMatchObject({ code: 'PROCESSOR_FAILED', details: { record: 3, field: 'expression', position: 1 } });
    const out = await run({ ...body, skip_on_error: true }, FIELDS, ROWS);
    expect(out.skipped.map((s) => s.record)).toEqual([3]);
    expect(out.records).toHaveLength(4);
  });
  it('keeps the first of each group of duplicates, as DISTINCT ON in record order does', async () => {
    for (const keys of [null, 'city', 'name,price']) {
      const out = await run({ type: 'deduplicate', ...(keys ? { fields: keys } : {}) }, FIELDS, ROWS);
      const on = keys ?? 'name, city, price, qty';
      const want = await duckdb(`SELECT list(n ORDER BY n) FROM (SELECT DISTINCT ON (${on}) n FROM ${VALUES} ORDER BY ${on}, n)`);
      expect(out.records.map((r) => ROWS.indexOf(r)), String(keys)).toEqual(want);
    }
  });
});
