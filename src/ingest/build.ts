// The SELECT that turns a staging table into record-table rows: `_rid` from the staging row order,
// then every field's physical columns (src/core/physical.ts) with explicit engine types. The SQL is
// made of generated names and rule constants only.
import { physicalColumns, RECORD_ID_COLUMN, type LogicalSqlType } from '../core/physical.ts';
import { quoteIdent } from '../sql/quote.ts';
import type { FieldPlan } from './types.ts';

/** DuckDB's type of each physical column type (record tables are written on DuckDB). */
export const DUCKDB_TYPE: Record<LogicalSqlType, string> = {
  text: 'VARCHAR', bigint: 'BIGINT', double: 'DOUBLE', boolean: 'BOOLEAN', date: 'DATE', timestamptz: 'TIMESTAMPTZ', json: 'JSON',
};

/** The same types spelled as both engines read them: the empty table is created on the store itself. */
export const STORE_TYPE: Record<LogicalSqlType, string> = { ...DUCKDB_TYPE, double: 'DOUBLE PRECISION' };

export interface RecordSelect { columns: string[]; sql: string }

/** CREATE TABLE of an empty record table for these fields (a real-time dataset before its first push). */
export function emptyRecordTableSql(table: string, fields: ReadonlyArray<Pick<FieldPlan, 'name' | 'type'>>): string {
  const cols = fields.flatMap((f) => physicalColumns(f)).map((c) => `${quoteIdent(c.name)} ${STORE_TYPE[c.sqlType]}`);
  return `CREATE TABLE ${quoteIdent(table)} (${[`${quoteIdent(RECORD_ID_COLUMN)} BIGINT`, ...cols].join(', ')})`;
}

/** `_rid` = staging row + 1 + `ridOffset` (the last id of the rows already there when appending). */
export function recordSelect(staging: string, plans: FieldPlan[], ridOffset = 0): RecordSelect {
  const columns = [RECORD_ID_COLUMN];
  const exprs = [`CAST(s.rowid + ${Math.trunc(ridOffset) + 1} AS BIGINT) AS ${quoteIdent(RECORD_ID_COLUMN)}`];
  const joins: string[] = [];
  plans.forEach((p, i) => {
    const phys = physicalColumns(p);
    const values = physicalValues(p, `g${i}`);
    if (p.source.kind === 'shape') joins.push(`LEFT JOIN ${quoteIdent(p.source.sideTable)} g${i} ON g${i}.r = s.rowid`);
    phys.forEach((c, k) => {
      columns.push(c.name);
      exprs.push(`CAST(${values[k]} AS ${DUCKDB_TYPE[c.sqlType]}) AS ${quoteIdent(c.name)}`);
    });
  });
  const order = joins.length ? ' ORDER BY s.rowid' : '';
  return { columns, sql: `SELECT ${exprs.join(', ')} FROM ${quoteIdent(staging)} s ${joins.join(' ')}${order}` };
}

function physicalValues(p: FieldPlan, alias: string): string[] {
  const src = p.source;
  if (src.kind === 'point') return [src.lon, src.lat];
  if (src.kind === 'shape') {
    const g = (k: string) => `${alias}.${k}`;
    return [g('g'), `(${g('xmin')} + ${g('xmax')}) / 2`, `(${g('ymin')} + ${g('ymax')}) / 2`, g('xmin'), g('ymin'), g('xmax'), g('ymax')];
  }
  return [src.expr];
}
