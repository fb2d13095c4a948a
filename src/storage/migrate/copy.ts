// Moves every table of a DuckDB store into a PostgreSQL schema in one write transaction: each table
// goes through Parquet into a TEMP table of the writer (loadStaged, so types map as on import), then
// is created, filled, keyed and checked by count and checksum before the commit. Never writes the source.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { AgoraError } from '../../core/errors.ts';
import { quoteIdent } from '../../sql/quote.ts';
import type { Backend, WriteTx } from '../backend.ts';
import { checksumSql, type SourceColumn } from './canonical.ts';
import { qualified, sourceTables, targetTables, type SourceTable, type TargetTable } from './tables.ts';
import { floatType, readBack, sentAsText } from '../float-text.ts';

export interface MigrateOptions {
  /** The target schema (the one the target backend was opened on). */
  schema: string;
  /** Drops the target's Agora tables first, even when they hold a portal. */
  replace?: boolean;
  /** A directory for the Parquet files passing each table over (removed one by one). */
  workDir: string;
  onProgress?: (line: string) => void;
  /** Runs in the target's transaction after the copy, before the check (tests corrupt a row here). */
  beforeVerify?: (tx: WriteTx) => Promise<void>;
}

export interface TableResult { table: string; rows: number; checksum: string; targetRows: number; targetChecksum: string; ok: boolean }

export interface Checksum { rows: number; sum: string }

/** Count and checksum of one table, on either engine. */
async function checksum(run: (sql: string) => Promise<Array<Record<string, unknown>>>, engine: 'duckdb' | 'postgres', table: string, columns: SourceColumn[]): Promise<Checksum> {
  const [r] = await run(checksumSql(engine, table, columns));
  return { rows: Number(r.rows), sum: `${r.sum_hi}:${r.sum_lo}` };
}

/** A short fingerprint of a checksum for the printed table. */
export function shortSum(sum: string): string {
  return createHash('md5').update(sum).digest('hex').slice(0, 12);
}

/** Refuses a schema holding a portal (any Agora table with rows) unless `replace`; names what is there. */
async function checkTarget(target: Backend, opts: MigrateOptions): Promise<TargetTable[]> {
  const existing = await targetTables(target, opts.schema);
  const full = existing.filter((t) => t.rows > 0);
  if (full.length && !opts.replace) {
    const datasets = existing.find((t) => t.name === 'agora_datasets');
    throw new AgoraError('STORAGE_FAILED',
      `The PostgreSQL schema "${opts.schema}" already holds an Agora portal (${datasets ? `agora_datasets: ${datasets.rows} rows` : `${full[0].name}: ${full[0].rows} rows`}); `
      + 'migrate into another schema (--schema) or pass --replace to drop its Agora tables first.');
  }
  return [...existing.filter((t) => t.view), ...existing.filter((t) => !t.view)];
}

const stageName = (i: number) => `agora_migrate_${i}`;

export async function migrateStore(source: Backend, target: Backend, opts: MigrateOptions): Promise<TableResult[]> {
  if (source.dialectName !== 'duckdb' || target.dialectName !== 'postgres') throw new Error('migrateStore copies a DuckDB store into PostgreSQL');
  const say = opts.onProgress ?? (() => undefined);
  const tables = await sourceTables(source);
  if (!tables.some((t) => t.name === 'agora_datasets')) throw new AgoraError('STORAGE_FAILED', 'The source store holds no Agora portal (no agora_datasets table).');
  const drop = await checkTarget(target, opts);
  const sums = new Map<string, Checksum>();
  try {
    for (const [i, t] of tables.entries()) {
      sums.set(t.name, await checksum((sql) => source.query(sql), 'duckdb', t.name, t.columns));
      const path = join(opts.workDir, `${i}.parquet`);
      await source.copyToFile(`SELECT ${t.columns.map((c) => sentAsText(c.name, c.type)).join(', ')} FROM ${quoteIdent(t.name)}`, [], path, 'parquet', { compression: 'snappy' });
      try { await target.loadStaged({ path, format: 'parquet' }, stageName(i)); } finally { rmSync(path, { force: true }); }
      say(`staged ${t.name}: ${sums.get(t.name)!.rows} rows`);
    }
    say(`creating ${tables.length} tables in one transaction, then comparing rows and checksums`);
    return await target.write(async (tx) => {
      for (const t of drop) await tx.exec(`DROP ${t.view ? 'VIEW' : 'TABLE'} IF EXISTS ${qualified(opts.schema, t.name)} CASCADE`);
      for (const [i, t] of tables.entries()) await createFrom(tx, opts.schema, t, stageName(i));
      await opts.beforeVerify?.(tx);
      const results: TableResult[] = [];
      for (const t of tables) {
        const want = sums.get(t.name)!;
        const got = await checksum((sql) => tx.query(sql), 'postgres', t.name, t.columns);
        results.push({ table: t.name, rows: want.rows, checksum: shortSum(want.sum), targetRows: got.rows, targetChecksum: shortSum(got.sum), ok: got.rows === want.rows && got.sum === want.sum });
      }
      const bad = results.filter((r) => !r.ok);
      if (bad.length) throw new VerifyError(bad, results);
      return results;
    });
  } finally {
    // The TEMP tables left if the copy stopped half-way (on success they are gone already).
    await target.write(async (tx) => { for (const i of tables.keys()) await tx.exec(`DROP TABLE IF EXISTS pg_temp.${quoteIdent(stageName(i))}`); }).catch(() => undefined);
  }
}

/** The table as the staged copy (floats read back from their text), then its NOT NULL columns and keys as in the source. */
async function createFrom(tx: WriteTx, schema: string, t: SourceTable, staged: string): Promise<void> {
  const table = qualified(schema, t.name);
  await tx.exec(`CREATE TABLE ${table} (LIKE pg_temp.${quoteIdent(staged)})`);
  const cast = (c: SourceColumn) => readBack(c.name, c.type);
  for (const c of t.columns) {
    const f = floatType(c.type);
    if (f) await tx.exec(`ALTER TABLE ${table} ALTER COLUMN ${quoteIdent(c.name)} TYPE ${f} USING ${cast(c)}`);
  }
  await tx.exec(`INSERT INTO ${table} (${t.columns.map((c) => quoteIdent(c.name)).join(', ')}) SELECT ${t.columns.map(cast).join(', ')} FROM pg_temp.${quoteIdent(staged)}`);
  await tx.exec(`DROP TABLE pg_temp.${quoteIdent(staged)}`);
  for (const c of t.notNull) await tx.exec(`ALTER TABLE ${table} ALTER COLUMN ${quoteIdent(c)} SET NOT NULL`);
  for (const k of t.keys) await tx.exec(`ALTER TABLE ${table} ADD ${k.kind} (${k.columns.map(quoteIdent).join(', ')})`);
}

/** The check failed: nothing was committed; `results` has every table's figures. */
export class VerifyError extends AgoraError {
  constructor(readonly bad: TableResult[], readonly results: TableResult[]) {
    super('STORAGE_FAILED', `Verification failed, nothing was committed to the target: ${bad.map((r) => `${r.table} (rows ${r.rows} → ${r.targetRows}, checksum ${r.checksum} → ${r.targetChecksum})`).join(', ')}`);
  }
}
