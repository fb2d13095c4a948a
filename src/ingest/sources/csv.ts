// CSV and TSV sources: the file is made UTF-8, its delimiter and header read in JS, then DuckDB's
// read_csv loads every column as text into a staging table. Ragged or unparsable rows fail with the
// file's line number, or are skipped and reported with skipBadRows.
import { createReadStream } from 'node:fs';
import { AgoraError } from '../../core/errors.ts';
import { quoteIdent } from '../../sql/quote.ts';
import type { Backend, RejectedRow } from '../../storage/backend.ts';
import type { Staging, StagedColumn } from '../types.ts';
import { sniffCsv } from './csv-sniff.ts';
import { ensureUtf8 } from './encoding.ts';
import type { Workspace } from './files.ts';

const HEAD_BYTES = 1 << 20;

export type OnLoad = (p: { fraction: number; rows: number }) => void;
export interface CsvOptions { delimiter?: string; encoding?: string; skipBadRows?: boolean; tsv?: boolean; onLoad?: OnLoad }

export async function stageCsv(
  backend: Backend, path: string, name: string, table: string, ws: Workspace, opts: CsvOptions, onBytes: (b: number) => void,
): Promise<Staging> {
  const text = await ensureUtf8(path, name, ws.file('utf8.csv'), opts.encoding, onBytes);
  const { head, complete } = await readText(text.path, HEAD_BYTES);
  const forced = opts.delimiter !== undefined ? delimiterOption(opts.delimiter, name) : opts.tsv ? '\t' : undefined;
  const { delimiter, header } = sniffCsv(head, complete, name, forced);
  return loadDelimited(backend, text.path, name, table, header, delimiter, opts.skipBadRows ?? false, opts.onLoad);
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

function badRowError(name: string, first: RejectedRow, count: number): AgoraError {
  const more = count > 1 ? ` (${count} bad rows in all; --skip-bad-rows skips and reports them)` : ' (--skip-bad-rows skips and reports such rows)';
  const ragged = /^expected (\d+) columns, found (\d+)/.exec(first.message);
  if (ragged) {
    return new AgoraError('INGEST_RAGGED_ROW',
      `${name} line ${first.line}: ${ragged[2]} columns where the header has ${ragged[1]}${more}.`,
      { file: name, line: first.line, expected: Number(ragged[1]), found: Number(ragged[2]), rejected: count });
  }
  if (/UTF-8/.test(first.message)) {
    return new AgoraError('INGEST_ENCODING', `${name} line ${first.line}: ${first.message}.`, { file: name, line: first.line });
  }
  return new AgoraError('INGEST_MALFORMED_ROW', `${name} line ${first.line}: ${first.message}${more}.`,
    { file: name, line: first.line, rejected: count });
}

function delimiterOption(d: string, name: string): string {
  const named: Record<string, string> = { tab: '\t', '\\t': '\t', semicolon: ';', comma: ',', pipe: '|' };
  const v = named[d.toLowerCase()] ?? d;
  if (v.length !== 1 || v === '"' || v === '\n' || v === '\r') {
    throw new AgoraError('PARAMETER_INVALID', `${name}: the delimiter must be one character (or tab, semicolon, comma, pipe), not ${JSON.stringify(d)}.`);
  }
  return v;
}

async function readText(path: string, n: number): Promise<{ head: string; complete: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of createReadStream(path, { start: 0, end: n })) { chunks.push(c as Buffer); size += (c as Buffer).length; }
  const buf = Buffer.concat(chunks, size);
  const complete = size <= n;
  // Cut at the last newline so no multi-byte character or record is split.
  const cut = complete ? buf.length : buf.lastIndexOf(10) + 1 || buf.length;
  return { head: buf.subarray(0, cut).toString('utf8'), complete };
}
