// Runs compiled ODSQL against the fixture table, and hand-written SQL for the expected answer.
import type { AccessRules, RecordsQuery } from '../../src/core/request.ts';
import { compileFacets, compileRecords, duckdbDialect, exactShapes, facetTree, type ShapeReader } from '../../src/plan/index.ts';
import type { DuckDBBackend } from '../../src/storage/duckdb/index.ts';
import { dataset } from './fixture.ts';

export const NOW = Date.parse('2021-10-01T12:00:00Z');

export function runner(db: DuckDBBackend) {
  const q = (over: Partial<RecordsQuery>): RecordsQuery => ({ where: [], refine: [], exclude: [], ...over });
  // Shape relations are answered exactly first, as the routes do (plan/shapes.ts).
  const reader: ShapeReader = { dialect: duckdbDialect, query: (sql, params) => db.query(sql, params) };
  const exact = (query: RecordsQuery, mode: 'records' | 'export' | 'filter', access: AccessRules) => exactShapes(dataset(), query, { mode, access, now: NOW }, reader);
  return {
    async records(over: Partial<RecordsQuery>, opts: { mode?: 'records' | 'export'; access?: AccessRules } = {}) {
      const mode = opts.mode ?? 'export', access = opts.access ?? {};
      const c = compileRecords(dataset(), q(over), { mode, access, dialect: duckdbDialect, now: NOW, exact: await exact(q(over), mode, access) });
      const rows = await db.query(c.records.sql, c.records.params);
      const total = Number((await db.query(c.count.sql, c.count.params))[0].total_count);
      return { rows, total, columns: c.records.columns };
    },
    /** Record ids (`_rid`) matching a where clause, in id order. */
    async ids(where: string | string[], over: Partial<RecordsQuery> = {}, access: AccessRules = {}) {
      const query = q({ where: Array.isArray(where) ? where : [where], select: 'name', limit: 100, ...over });
      const c = compileRecords(dataset(), query, { mode: 'records', access, dialect: duckdbDialect, now: NOW, exact: await exact(query, 'records', access) });
      return (await db.query(c.records.sql, c.records.params)).map((r) => Number(r._rid));
    },
    async facets(names: string[], over: Partial<RecordsQuery> = {}) {
      const out: Record<string, ReturnType<typeof facetTree>> = {};
      for (const f of compileFacets(dataset(), q(over), names, { mode: 'records', access: {}, dialect: duckdbDialect, now: NOW, exact: await exact(q(over), 'filter', {}) })) {
        out[f.name] = facetTree(await db.query(f.query.sql, f.query.params));
      }
      return out;
    },
    /** DuckDB's own answer to hand-written SQL on the fixture table. */
    sql: (text: string) => db.query(text),
  };
}
