// CSV and TSV sources: the file is made UTF-8, its delimiter and header read in JS, then DuckDB's
// read_csv loads every column as text into a staging table. Ragged or unparsable rows fail with the
// file's line number, or are skipped and reported with skipBadRows.
import { createReadStream, openSync, readSync, closeSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { AgoraError, isAgoraError } from '../../core/errors.ts';
import { quoteIdent } from '../../sql/quote.ts';
import type { Backend, RejectedRow } from '../../storage/backend.ts';
import type { Staging, StagedColumn } from '../types.ts';
import { DELIMITERS, parseRecords, sniffCsv } from './csv-sniff.ts';
import { ensureUtf8, firstInvalidUtf8, plainUtf8Candidate } from './encoding.ts';
import type { Workspace } from './files.ts';

const HEAD_BYTES = 1 << 20;

export type OnLoad = (p: { fraction: number; rows: number }) => void;
export interface CsvOptions { delimiter?: string; encoding?: string; skipBadRows?: boolean; tsv?: boolean; onLoad?: OnLoad }

export async function stageCsv(
  backend: Backend, path: string, name: string, table: string, ws: Workspace, opts: CsvOptions, onBytes: (b: number) => void,
): Promise<Staging> {
  const forcedDelimiter = opts.delimiter !== undefined ? delimiterOption(opts.delimiter, name) : opts.tsv ? '\t' : undefined;
  const loaded = await loadIfUtf8(backend, path, name, table, opts, forcedDelimiter);
  if (loaded) return loaded;
  const text = await ensureUtf8(path, name, ws.file('utf8.csv'), opts.encoding, onBytes)
    .catch((e: unknown) => { throw withColumn(e, path, name, forcedDelimiter); });
  const { head, complete } = await readText(text.path, HEAD_BYTES);
  const { delimiter, header } = sniffCsv(head, complete, name, forcedDelimiter);
  return loadDelimited(backend, text.path, name, table, header, delimiter, opts.skipBadRows ?? false, opts.onLoad);
}

/** The common case, a file that is UTF-8 already: its delimiter and header are read from its head, and
 *  DuckDB loads it while the whole file is checked for invalid UTF-8 alongside (the check no longer
 *  delays the load). Null, with anything loaded dropped, when the file needs ensureUtf8's full path (a
 *  forced or sniffed other encoding, invalid bytes anywhere, a head that does not sniff): that path then
 *  gives exactly the result and the error it gave before. */
async function loadIfUtf8(backend: Backend, path: string, name: string, table: string, opts: CsvOptions, forcedDelimiter: string | undefined): Promise<Staging | null> {
  if (!(await plainUtf8Candidate(path, opts.encoding))) return null;
  const { head, complete, valid } = await readText(path, HEAD_BYTES);
  if (!valid) return null;
  let sniffed: { delimiter: string; header: string[] };
  try {
    sniffed = sniffCsv(head, complete, name, forcedDelimiter);
  } catch {
    return null;
  }
  const loading = loadDelimited(backend, path, name, table, sniffed.header, sniffed.delimiter, opts.skipBadRows ?? false, opts.onLoad)
    .then((staging) => ({ staging, error: null }), (error: unknown) => ({ staging: null, error }));
  let firstBad: number | null;
  try {
    firstBad = await firstInvalidUtf8(path);
  } finally {
    await loading;
  }
  const r = await loading;
  if (firstBad === null) {
    if (r.staging) return r.staging;
    throw r.error;
  }
  await backend.write(async (tx) => {
    for (const t of [table, `${table}_rejects`, `${table}_rejects_scan`]) await tx.exec(`DROP TABLE IF EXISTS ${quoteIdent(t)}`);
  });
  return null;
}

/** Loads a UTF-8 delimited file whose header is known (CSV sources and converted workbooks). */
export async function loadDelimited(
  backend: Backend, path: string, name: string, table: string, header: string[], delimiter: string, skipBadRows: boolean, onLoad?: OnLoad,
): Promise<Staging> {
  const columns: StagedColumn[] = header.map((label, i) => ({ col: `c${i}`, label, engineType: 'VARCHAR' }));
  const res = await backend.loadStaged(
    { path, format: 'csv', delimiter, allVarchar: true, skipBadRows, columns: columns.map((c) => c.col), onProgress: onLoad }, table);
  if (res.rejected.length && !skipBadRows) {
    await backend.write((tx) => tx.exec(`DROP TABLE IF EXISTS ${quoteIdent(table)}`));
    throw badRowError(name, res.rejected[0], res.rejected.length);
  }
  return { table, columns, rows: res.rows, rejected: res.rejected, decimalComma: delimiter !== ',', sourceName: name };
}

/** A rejected row's reason in the publisher's words ("2 columns where the header has 3"). */
export function rejectReason(message: string): string {
  const ragged = /^expected (\d+) columns, found (\d+)/.exec(message);
  return ragged ? `${ragged[2]} columns where the header has ${ragged[1]}` : message;
}

/** The advice a bad-row error ends with: how to skip such rows with `option` (the CLI's flag by default). */
export function skipAdvice(count: number, option = '--skip-bad-rows'): string {
  return count > 1 ? ` (${count} bad rows in all; ${option} skips and reports them)` : ` (${option} skips and reports such rows)`;
}

/** `details.problem` is the message without the advice, so other front ends can advise their own option. */
function badRowError(name: string, first: RejectedRow, count: number): AgoraError {
  const ragged = /^expected (\d+) columns, found (\d+)/.exec(first.message);
  if (/UTF-8/.test(first.message) && !ragged) {
    return new AgoraError('INGEST_ENCODING', `${name} line ${first.line}: ${first.message}.`, { file: name, line: first.line });
  }
  const problem = `${name} line ${first.line}: ${rejectReason(first.message)}`;
  if (ragged) {
    return new AgoraError('INGEST_RAGGED_ROW', `${problem}${skipAdvice(count)}.`,
      { file: name, line: first.line, expected: Number(ragged[1]), found: Number(ragged[2]), rejected: count, problem });
  }
  return new AgoraError('INGEST_MALFORMED_ROW', `${problem}${skipAdvice(count)}.`, { file: name, line: first.line, rejected: count, problem });
}

function delimiterOption(d: string, name: string): string {
  const named: Record<string, string> = { tab: '\t', '\\t': '\t', semicolon: ';', comma: ',', pipe: '|' };
  const v = named[d.toLowerCase()] ?? d;
  if (v.length !== 1 || v === '"' || v === '\n' || v === '\r') {
    throw new AgoraError('PARAMETER_INVALID', `${name}: the delimiter must be one character (or tab, semicolon, comma, pipe), not ${JSON.stringify(d)}.`);
  }
  return v;
}

async function readText(path: string, n: number): Promise<{ head: string; complete: boolean; valid: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of createReadStream(path, { start: 0, end: n })) { chunks.push(c as Buffer); size += (c as Buffer).length; }
  const buf = Buffer.concat(chunks, size);
  const complete = size <= n;
  // Cut at the last newline so no multi-byte character or record is split.
  const cut = complete ? buf.length : buf.lastIndexOf(10) + 1 || buf.length;
  const bytes = buf.subarray(0, cut);
  return { head: bytes.toString('utf8'), complete, valid: isUtf8(bytes) };
}

/** Adds the column to an encoding error that names a byte: the delimiters before that byte on its line
 *  (quotes respected) give its position under the header. Left as it is when the line does not have
 *  the header's number of columns (e.g. it continues a quoted field). */
export function withColumn(e: unknown, path: string, name: string, forced?: string): unknown {
  if (!isAgoraError(e) || e.code !== 'INGEST_ENCODING' || typeof e.details.byte !== 'number' || typeof e.details.line !== 'number' || e.details.line < 2) return e;
  const byte = e.details.byte;
  const window = 1 << 16;
  const start = Math.max(0, byte - window);
  const buf = readRange(path, start, byte + window);
  const at = byte - start;
  const lineStart = buf.lastIndexOf(10, at - 1) + 1;
  if (lineStart === 0 && start > 0) return e;
  let lineEnd = buf.indexOf(10, at);
  if (lineEnd === -1) lineEnd = buf.length;
  const headText = readRange(path, 0, window).toString('utf8').replace(/^\uFEFF/, '');
  const headerLine = headText.split(/\r?\n/)[0];
  const delimiter = forced ?? [...DELIMITERS].sort((a, b) => headerLine.split(b).length - headerLine.split(a).length)[0];
  const header = parseRecords(headerLine, delimiter, 1, true)[0] ?? [];
  const d = delimiter.charCodeAt(0);
  let column = 0;
  let total = 0;
  let quoted = false;
  for (let i = lineStart; i < lineEnd; i++) {
    if (buf[i] === 34) quoted = !quoted;
    else if (buf[i] === d && !quoted) { total++; if (i < at) column++; }
  }
  if (header.length < 2 || total !== header.length - 1) return e;
  const label = header[column];
  return new AgoraError('INGEST_ENCODING', e.message.replace(`${name} line ${e.details.line}:`, `${name} line ${e.details.line}, column ${column + 1} (${JSON.stringify(label)}):`),
    { ...e.details, column: column + 1, field: label });
}

function readRange(path: string, start: number, end: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(end - start);
    const n = readSync(fd, buf, 0, buf.length, start);
    return buf.subarray(0, n);
  } finally { closeSync(fd); }
}

