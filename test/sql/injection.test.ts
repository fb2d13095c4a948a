// Injection attempts through every parameter: user text must reach SQL only as bound parameters
// (or, for output labels, as a correctly quoted identifier); the queries run and the table survives.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgoraError } from '../../src/core/errors.ts';
import type { CompiledQuery, RecordsQuery } from '../../src/core/request.ts';
import { compileFacets, compileRecordById, compileRecords, duckdbDialect, postgresDialect } from '../../src/plan/index.ts';
import type { DuckDBBackend } from '../../src/storage/duckdb/index.ts';
import { dataset, openFixture } from '../odsql-engine/fixture.ts';

const PAYLOADS = [
  "x'; DROP TABLE rec_trees; --",
  'x"; DROP TABLE rec_trees; --',
  "x' OR '1'='1",
  'x /* comment */ OR 1=1',
  'x\\\'; DELETE FROM rec_trees; --',
  "x$1 ?; SELECT 1",
];
const odsqlString = (p: string) => JSON.stringify(p); // the official client's string() helper

let db: DuckDBBackend;
beforeAll(async () => { db = await openFixture(); });
afterAll(async () => { await db.close(); });

const q = (over: Partial<RecordsQuery>): RecordsQuery => ({ where: [], refine: [], exclude: [], ...over });
const o = { mode: 'records' as const, access: {}, dialect: duckdbDialect };

async function runs(c: CompiledQuery): Promise<void> {
  await db.query(c.sql, c.params);
  expect((await db.query('SELECT count(*) AS n FROM rec_trees'))[0].n).toBe(10);
}

function assertBound(c: CompiledQuery, payload: string, verbatim = true): void {
  expect(c.sql).not.toContain('DROP');
  expect(c.sql).not.toContain('DELETE');
  expect(c.sql).not.toContain('comment');
  expect(c.sql).not.toContain("'1'='1");
  // Literal forms bind the text as is; search forms bind its words (lowercased, in a regex).
  const probe = verbatim ? payload.slice(1, 6) : (/[a-z]{3,}/i.exec(payload.slice(1))?.[0] ?? '').toLowerCase();
  expect(c.params.some((p) => typeof p === 'string' && p.includes(probe))).toBe(true);
}

describe.each(PAYLOADS)('payload %s', (payload) => {
  it('in where literals, search functions, LIKE and IN', async () => {
    const s = odsqlString(payload);
    const forms: Array<[string, boolean]> = [[`name = ${s}`, true], [`search(name, ${s})`, false], [`suggest(${s})`, false], [`startswith(*, ${s})`, true],
      [`name like ${s}`, false], [`city in (${s}, "b")`, true], [`${s} in tags`, true], [`name:${s}`, true]];
    for (const [where, verbatim] of forms) {
      const c = compileRecords(dataset(), q({ where: [where] }), o);
      assertBound(c.records, payload, verbatim);
      await runs(c.records);
      await runs(c.count);
    }
    const bare = compileRecords(dataset(), q({ where: [`"${payload.replace(/["\\]/g, '')}"`] }), o);
    expect(bare.records.sql).not.toContain('DROP');
    await runs(bare.records);
  });

  it('in refine, exclude and facets', async () => {
    const c = compileRecords(dataset(), q({ refine: [`city:${payload}`], exclude: [`species:"${payload}"`] }), o);
    assertBound(c.records, payload);
    await runs(c.records);
    for (const f of compileFacets(dataset(), q({ refine: [`city:${payload}`], exclude: [`tags:${payload}`] }), ['city', 'tags'], o)) {
      assertBound(f.query, payload);
      await runs(f.query);
    }
  });

  it('in date_format patterns and in the access rule', async () => {
    const pattern = `'${payload.replace(/'/g, "''")}' yyyy`;
    const c = compileRecords(dataset(), q({ select: `date_format(date, ${odsqlString(pattern)}) as d` }), o);
    expect(c.records.sql).not.toContain('DROP');
    await runs(c.records);
    const rows = await db.query(c.records.sql, c.records.params);
    expect(rows[0].d).toBe(`${payload} 2021`);
    const pg = compileRecords(dataset(), q({ select: `date_format(date, ${odsqlString(pattern)}) as d` }), { ...o, dialect: postgresDialect });
    expect(pg.records.sql).not.toContain('DROP');
    const rule = compileRecords(dataset(), q({}), { ...o, access: { filterQuery: `secret != ${odsqlString(payload)}` } });
    assertBound(rule.records, payload);
    await runs(rule.records);
  });

  it('as an output label: a quoted identifier, nothing else', async () => {
    const label = payload.replace(/[`\\]/g, '');
    const c = compileRecords(dataset(), q({ select: `name as \`${label}\``, limit: 1 }), o);
    expect(c.records.sql).toContain(`AS "${label.replace(/"/g, '""')}"`);
    const rows = await db.query(c.records.sql, c.records.params);
    expect(Object.keys(rows[0])).toEqual([label, '_rid']);
    await runs(c.records);
  });

  it('as field names, functions, order_by, group_by, record id, geometry, timezone: rejected or inert', async () => {
    const attempts: Array<() => unknown> = [
      () => compileRecords(dataset(), q({ select: `\`${payload.replace(/[`\\]/g, '')}\`` }), o),
      () => compileRecords(dataset(), q({ where: [`\`${payload.replace(/[`\\]/g, '')}\` = 1`] }), o),
      () => compileRecords(dataset(), q({ order_by: payload }), o),
      () => compileRecords(dataset(), q({ group_by: payload }), o),
      () => compileRecords(dataset(), q({ where: [`within_distance(geo, geom${JSON.stringify(payload).replace(/"/g, "'")}, 1km)`] }), o),
      () => compileRecords(dataset(), q({ timezone: payload }), o),
      () => compileRecords(dataset(), q({ lang: payload }), o),
      () => compileFacets(dataset(), q({}), [payload], o),
    ];
    for (const attempt of attempts) expect(attempt).toThrow(AgoraError);
    const byId = compileRecordById(dataset(), payload, {}, o);
    expect(byId.sql).not.toContain('DROP');
    expect(await db.query(byId.sql, byId.params)).toEqual([]);
  });
});

describe('postgres placeholders', () => {
  it('numbers $1..$n in textual order', () => {
    const c = compileRecords(dataset(), q({ where: ['name = "a" and height > 2'], limit: 5 }), { ...o, dialect: postgresDialect });
    expect(c.records.sql.match(/\$\d+/g)).toEqual(['$1', '$2', '$3']);
    expect(c.records.params).toEqual(['a', 2, 5]);
  });
});
