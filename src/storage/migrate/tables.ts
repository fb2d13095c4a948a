// What a migration reads of the two stores: every base table of the source DuckDB store with its
// columns (DuckDB types) and key constraints, and the Agora tables already in a target schema.
// Only reads (catalog queries with bound parameters); the copy itself is in ./copy.ts.
import type { Backend } from '../backend.ts';
import { quoteIdent } from '../../sql/quote.ts';
import type { SourceColumn } from './canonical.ts';

export interface SourceTable {
  name: string;
  columns: SourceColumn[];
  notNull: string[];
  /** PRIMARY KEY first, then UNIQUE constraints, each a list of columns. */
  keys: Array<{ kind: 'PRIMARY KEY' | 'UNIQUE'; columns: string[] }>;
}

/** Every table of the store, listed from the catalog (a table added by a later version is not forgotten). */
export async function sourceTables(src: Backend): Promise<SourceTable[]> {
  const names = await src.query(
    `SELECT table_name AS name FROM information_schema.tables
     WHERE table_catalog = current_database() AND table_schema = 'main' AND table_type = 'BASE TABLE' ORDER BY table_name`);
  const cons = await src.query(
    `SELECT table_name, constraint_type, constraint_column_names FROM duckdb_constraints()
     WHERE database_name = current_database() AND schema_name = 'main' AND constraint_type IN ('PRIMARY KEY', 'UNIQUE', 'NOT NULL')
     ORDER BY table_name, constraint_type, constraint_index`);
  const out: SourceTable[] = [];
  for (const { name } of names) {
    const table = String(name);
    const own = cons.filter((c) => c.table_name === table);
    const cols = (c: Record<string, unknown>) => (c.constraint_column_names as unknown[]).map(String);
    out.push({
      name: table,
      columns: (await src.introspect(table)).map((c) => ({ name: c.name, type: c.type })),
      notNull: own.filter((c) => c.constraint_type === 'NOT NULL').flatMap(cols),
      keys: own.filter((c) => c.constraint_type !== 'NOT NULL')
        .map((c) => ({ kind: c.constraint_type as 'PRIMARY KEY' | 'UNIQUE', columns: cols(c) }))
        .sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'PRIMARY KEY' ? -1 : 1)),
    });
  }
  return out;
}

/** An Agora table or view: catalog and governance tables (agora_*) and record tables (rec_*). */
const AGORA_TABLE = `(table_name LIKE 'agora\\_%' OR table_name LIKE 'rec\\_%')`;

export interface TargetTable { name: string; view: boolean; rows: number }

/** The Agora tables and views already in the target schema, with the row count of each table. */
export async function targetTables(target: Backend, schema: string): Promise<TargetTable[]> {
  const found = await target.query(
    `SELECT table_name AS name, table_type AS kind FROM information_schema.tables WHERE table_schema = ? AND ${AGORA_TABLE} ORDER BY table_name`, [schema]);
  const out: TargetTable[] = [];
  for (const t of found) {
    const view = t.kind === 'VIEW';
    const rows = view ? 0 : Number((await target.query(`SELECT count(*) AS n FROM ${qualified(schema, String(t.name))}`))[0].n);
    out.push({ name: String(t.name), view, rows });
  }
  return out;
}

export function qualified(schema: string, table: string): string {
  return `${quoteIdent(schema)}.${quoteIdent(table)}`;
}
