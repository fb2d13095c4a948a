// Runs compiled ODSQL against the fixture table, and hand-written SQL for the expected answer.
import type { AccessRules, RecordsQuery } from '../../src/core/request.ts';
import { compileFacets, compileRecords, duckdbDialect, facetTree } from '../../src/plan/index.ts';
import type { DuckDBBackend } from '../../src/storage/duckdb/index.ts';
import { dataset } from './fixture.ts';

export const NOW = Date.parse('2021-10-01T12:00:00Z');

export function runner(db: DuckDBBackend) {
  const q = (over: Partial<RecordsQuery>): RecordsQuery => ({ where: [], refine: [], exclude: [], ...over });
  return {
    async records(over: Partial<RecordsQuery>, opts: { mode?: 'records' | 'export'; access?: AccessRules } = {}) {
      const c = compileRecords(dataset(), q(over), { mode: opts.mode ?? 'export', access: opts.access ?? {}, dialect: duckdbDialect, now: NOW });
      const rows = await db.query(c.records.sql, c.records.params);
      const total = Number((await db.query(c.count.sql, c.count.params))[0].total_count);
      return { rows, total, columns: c.records.columns };
    },
    /** Record ids (`_rid`) matching a where clause, in id order. */
    async ids(where: string | string[], over: Partial<RecordsQuery> = {}, access: AccessRules = {}) {
      const c = compileRecords(dataset(), q({ where: Array.isArray(where) ? where : [where], select: 'name', limit: 100, ...over }), { mode: 'records', access, dialect: duckdbDialect, now: NOW });
      return (await db.query(c.records.sql, c.records.params)).map((r) => Number(r._rid));
    },
    async facets(names: string[], over: Partial<RecordsQuery> = {}) {
      const out: Record<string, ReturnType<typeof facetTree>> = {};
      for (const f of compileFacets(dataset(), q(over), names, { mode: 'records', access: {}, dialect: duckdbDialect, now: NOW })) {
        out[f.name] = facetTree(await db.query(f.query.sql, f.query.params));
      }
      return out;
    },
    /** DuckDB's own answer to hand-written SQL on the fixture table. */
    sql: (text: string) => db.query(text),
  };
}
