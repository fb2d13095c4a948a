// Floats moved from DuckDB into PostgreSQL through Parquet travel as their shortest round-trip text
// and are read back typed: DuckDB's Parquet dictionaries take -0.0 for 0.0 in repetitive columns.
// Shared by imports into a PostgreSQL store (ingest/work-engine.ts) and agora migrate.
import { quoteIdent } from '../sql/quote.ts';

/** The PostgreSQL type of a DuckDB DOUBLE, FLOAT or list of them (as loadStaged maps them), else null. */
export function floatType(duckType: string): string | null {
  const m = /^(DOUBLE|FLOAT)(\[\])?$/.exec(duckType);
  return m ? (m[1] === 'DOUBLE' ? 'double precision' : 'real') + (m[2] ?? '') : null;
}

/** The SELECT item that writes a DuckDB column to the Parquet file: a float as its text. */
export function sentAsText(name: string, duckType: string): string {
  const q = quoteIdent(name);
  return floatType(duckType) ? `CAST(${q} AS VARCHAR${duckType.endsWith('[]') ? '[]' : ''}) AS ${q}` : q;
}

/** The expression that reads it back on PostgreSQL with its type. */
export function readBack(name: string, duckType: string): string {
  const f = floatType(duckType);
  return f ? `CAST(${quoteIdent(name)} AS ${f})` : quoteIdent(name);
}
