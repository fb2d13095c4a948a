// JSON (an array of objects) and JSON Lines sources: DuckDB's JSON reader loads one JSON value per
// record, then every key becomes a staging column. Malformed JSON fails with INGEST_INVALID_JSON and
// the line DuckDB reports; a record that is not an object names its position.
import { readFileSync, statSync } from 'node:fs';
import { AgoraError } from '../../core/errors.ts';
import type { Backend } from '../../storage/backend.ts';
import { quoteIdent } from '../../sql/quote.ts';
import type { Staging } from '../types.ts';
import { ensureUtf8 } from './encoding.ts';
import type { Workspace } from './files.ts';
import { explodeObjects } from './json-records.ts';
import { engineMessage } from '../engine-errors.ts';

export async function stageJson(
  backend: Backend, path: string, name: string, table: string, ws: Workspace, encoding: string | undefined, onBytes: (b: number) => void,
): Promise<Staging> {
  const raw = await loadJsonValues(backend, path, name, table, ws, encoding, onBytes);
  const bad = (await backend.write((tx) => tx.query(
    `SELECT s.rowid AS r, json_type(s.j) AS t FROM ${quoteIdent(raw.table)} s WHERE json_type(s.j) <> 'OBJECT' ORDER BY s.rowid LIMIT 1`)))[0];
  if (bad) {
    const what = raw.rows === 1 && bad.t === 'ARRAY' ? 'an array of arrays' : `a ${String(bad.t).toLowerCase()}`;
    throw new AgoraError('INGEST_INVALID_JSON', `${name}: record #${Number(bad.r) + 1} is ${what}, not an object; expected an array of objects or one object per line.`,
      { file: name, record: Number(bad.r) + 1 });
  }
  const columns = await explodeObjects(backend, raw.table, 's.j', table);
  return { table, columns, rows: raw.rows, rejected: [], decimalComma: false, sourceName: name };
}

/** Loads every top-level JSON value (array elements, or lines) as rows of column `j`. */
export async function loadJsonValues(
  backend: Backend, path: string, name: string, table: string, ws: Workspace, encoding: string | undefined, onBytes: (b: number) => void,
): Promise<{ table: string; rows: number }> {
  const text = await ensureUtf8(path, name, ws.file('utf8.json'), encoding, onBytes);
  const raw = `${table}_raw`;
  let rows: number;
  try {
    rows = (await backend.loadStaged({ path: text.path, format: 'json', columns: ['j'] }, raw)).rows;
  } catch (e) {
    throw await jsonError(e, text.path, name);
  }
  if (rows === 0) throw new AgoraError('INGEST_EMPTY', `${name} holds no records.`, { file: name });
  return { table: raw, rows };
}

/** Finds where the JSON breaks (DuckDB's own line numbers are approximate): JSON Lines line by line,
 *  other files as one text; falls back to DuckDB's message for files too large to re-read. */
export async function jsonError(e: unknown, path: string, name: string): Promise<AgoraError> {
  const size = statSync(path).size;
  if (size <= MAX_RELOCATE) {
    const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
    const where = locate(text);
    if (where) {
      return new AgoraError('INGEST_INVALID_JSON', `${name} line ${where.line}: invalid JSON, ${where.message}.`, { file: name, line: where.line });
    }
  }
  return new AgoraError('INGEST_INVALID_JSON', `${name}: invalid JSON, ${engineMessage(e)}.`, { file: name });
}

const MAX_RELOCATE = 256 << 20;

function locate(text: string): { line: number; message: string } | null {
  const lines = text.split('\n');
  const jsonLines = !text.trimStart().startsWith('[') && lines.filter((l) => l.trim()).length > 1;
  if (jsonLines) {
    for (let i = 0; i < lines.length; i++) {
      if (!lines[i].trim()) continue;
      const m = parseProblem(lines[i]);
      if (m) return { line: i + 1, message: m.message };
    }
    return null;
  }
  const m = parseProblem(text);
  if (!m) return null;
  const line = m.position === null ? 1 : text.slice(0, m.position).split('\n').length;
  return { line, message: m.message };
}

function parseProblem(text: string): { message: string; position: number | null } | null {
  try {
    JSON.parse(text);
    return null;
  } catch (err) {
    const msg = (err as Error).message;
    const pos = /at position (\d+)/.exec(msg);
    const clean = msg.replace(/ in JSON at position \d+.*$/, '').replace(/ \(line \d+ column \d+\)$/, '').replace(/^JSON\.parse: /, '');
    return { message: clean.charAt(0).toLowerCase() + clean.slice(1), position: pos ? Number(pos[1]) : null };
  }
}
