// Reads a staged file (CSV, NDJSON, JSON records, Parquet) into a new TEMP table of the writer
// connection with DuckDB's own readers: private to the writer, gone if the process dies. Column names
// come from ingest/'s generated list (checked here), file paths and options are bound parameters.
import { createReadStream } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { LoadResult, RejectedRow, StagedSource } from '../backend.ts';
import { quoteIdent } from '../../sql/quote.ts';

const SAFE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export async function loadStagedFile(c: DuckDBConnection, src: StagedSource, table: string): Promise<LoadResult> {
  const t = quoteIdent(table);
  const names = (src.columns ?? []).map((n) => {
    if (!SAFE_NAME.test(n)) throw new Error(`Unsafe staged column name: ${n}`);
    return n;
  });
  const params: Array<string | number> = [src.path];
  let select: string;
  let rejects: string | null = null;
  if (src.format === 'parquet') {
    select = `SELECT * FROM read_parquet($1)${names.length ? ` AS src(${names.map(quoteIdent).join(', ')})` : ''}`;
  } else if (src.format === 'json') {
    params.push(256 << 20);
    select = `SELECT json AS ${quoteIdent(names[0] ?? 'json')} FROM read_json_objects($1, format='auto', maximum_object_size=$2)`;
  } else if (src.format === 'ndjson') {
    const columns = names.length ? `, columns={${names.map((n) => `'${n}': '${engineType(src.columnTypes?.[n] ?? 'VARCHAR')}'`).join(', ')}}` : '';
    select = `SELECT * FROM read_json($1, format='newline_delimited'${columns})`;
  } else {
    params.push(src.delimiter ?? ',');
    const common = `delim=$2, header=true, quote='"', escape='"'`;
    if (names.length) {
      // The header is read by ingest/ and replaced by generated names; no sniffing, strict rows.
      rejects = table + '_rejects';
      const cols = names.map((n) => `'${n}': 'VARCHAR'`).join(', ');
      select = `SELECT * FROM read_csv($1, ${common}, auto_detect=false, columns={${cols}}, strict_mode=true, null_padding=false,
        ignore_errors=true, store_rejects=true, rejects_table='${rejects}', rejects_scan='${rejects}_scan')`;
    } else {
      select = `SELECT * FROM read_csv($1, ${common}, all_varchar=${src.allVarchar ? 'true' : 'false'})`;
    }
  }
  const onProgress = src.onProgress;
  const timer = onProgress ? setInterval(() => {
    const p = c.progress;
    if (p.percentage >= 0) onProgress({ fraction: Math.min(1, p.percentage / 100), rows: Number(p.rows_processed) });
  }, 100) : null;
  try {
    await c.run(`CREATE TEMP TABLE ${t} AS ${select}`, params);
  } finally {
    if (timer) clearInterval(timer);
  }
  const rows = Number((await c.runAndReadAll(`SELECT count(*) AS n FROM ${t}`)).getRows()[0][0]);
  const rejected = rejects ? await readRejects(c, rejects, src.path) : [];
  return { table, rows, rejected };
}

function engineType(t: string): string {
  if (!/^[A-Z][A-Z0-9_]*(\[\])?$/.test(t)) throw new Error(`Unsafe column type: ${t}`);
  return t;
}

/** Reads and drops DuckDB's rejects tables; lines are physical lines of the file (1 = header). */
async function readRejects(c: DuckDBConnection, table: string, path: string): Promise<RejectedRow[]> {
  const reader = await c.runAndReadAll(
    `SELECT line_byte_position AS pos, error_type AS kind, error_message AS msg FROM ${quoteIdent(table)} ORDER BY line_byte_position`);
  const rows = reader.getRowObjectsJS().map((r) => ({ pos: Number(r.pos), kind: String(r.kind), msg: String(r.msg) }));
  await c.run(`DROP TABLE IF EXISTS ${quoteIdent(table)}`);
  await c.run(`DROP TABLE IF EXISTS ${quoteIdent(table + '_scan')}`);
  if (rows.length === 0) return [];
  const lines = await physicalLines(path, rows.map((r) => Math.max(0, r.pos - 1)));
  return rows.map((r, i) => ({ line: lines[i], message: rejectMessage(r.kind, r.msg) }));
}

/** Messages ingest/ relies on: "expected N columns, found M", "unterminated quote", … */
function rejectMessage(kind: string, msg: string): string {
  const cols = /Expected Number of Columns: (\d+) Found: (\d+)/.exec(msg);
  if (cols) return `expected ${cols[1]} columns, found ${cols[2]}`;
  if (kind === 'UNQUOTED VALUE') return 'unterminated quote';
  if (kind === 'INVALID ENCODING') return 'invalid UTF-8 bytes';
  if (kind === 'LINE SIZE OVER MAXIMUM') return 'line longer than 2 MB';
  return msg.split('\n')[0];
}

/** 1-based line numbers of ascending byte offsets, in one pass over the file. */
async function physicalLines(path: string, offsets: number[]): Promise<number[]> {
  const out: number[] = [];
  let line = 1;
  let base = 0;
  let k = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 4 << 20 })) {
    const b = chunk as Buffer;
    let i = 0;
    while (k < offsets.length && offsets[k] < base + b.length) {
      const stop = offsets[k] - base;
      for (let j = b.indexOf(10, i); j !== -1 && j < stop; j = b.indexOf(10, j + 1)) { line++; i = j + 1; }
      if (i < stop) i = stop;
      out.push(line);
      k++;
    }
    for (let j = b.indexOf(10, i); j !== -1; j = b.indexOf(10, j + 1)) line++;
    base += b.length;
    if (k >= offsets.length) break;
  }
  while (out.length < offsets.length) out.push(line);
  return out;
}
