// Parquet sources: DuckDB reads the file natively; its columns keep their declared types (text
// columns are still typed from their values). A file that is not Parquet is INGEST_FORMAT.
import { AgoraError } from '../../core/errors.ts';
import type { Backend } from '../../storage/backend.ts';
import type { Staging, StagedColumn } from '../types.ts';
import { engineMessage } from '../engine-errors.ts';

export async function stageParquet(
  backend: Backend, path: string, name: string, table: string, onLoad?: (p: { fraction: number; rows: number }) => void,
): Promise<Staging> {
  let schema: Array<Record<string, unknown>>;
  try {
    schema = await backend.query('DESCRIBE SELECT * FROM read_parquet(?)', [path]);
  } catch (e) {
    throw new AgoraError('INGEST_FORMAT', `${name} is not a readable Parquet file (${engineMessage(e)}).`, { file: name });
  }
  const columns: StagedColumn[] = schema.map((c, i) => ({ col: `c${i}`, label: String(c.column_name), engineType: String(c.column_type) }));
  const res = await backend.loadStaged({ path, format: 'parquet', columns: columns.map((c) => c.col), onProgress: onLoad }, table);
  return { table, columns, rows: res.rows, rejected: [], decimalComma: false, sourceName: name };
}
