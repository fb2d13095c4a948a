// Reading the start of a delimited text file: which delimiter (";" as French portals and ODS
// exports use, ",", tab, "|"), and the header row, quotes and embedded newlines included.
// Pure functions over the decoded text of the file's first bytes.
import { AgoraError } from '../../core/errors.ts';

export const DELIMITERS = [';', ',', '\t', '|'] as const;
const SAMPLE_RECORDS = 50;

export interface CsvHead { delimiter: string; header: string[] }

/** Splits up to `max` records; the last one is dropped when `text` is a prefix of the file. */
export function parseRecords(text: string, delimiter: string, max: number, complete: boolean): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  let i = 0;
  const n = text.length;
  while (i < n && records.length < max) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') { field += '"'; i += 2; continue; }
        quoted = false; i++; continue;
      }
      field += ch; i++; continue;
    }
    if (ch === '"' && field === '') { quoted = true; i++; continue; }
    if (ch === delimiter) { record.push(field); field = ''; i++; continue; }
    if (ch === '\n' || ch === '\r') {
      record.push(field); records.push(record); field = ''; record = [];
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    field += ch; i++;
  }
  if (i >= n && complete && (field !== '' || record.length > 0) && records.length < max) { record.push(field); records.push(record); }
  return records;
}

/** Picks the delimiter whose rows agree with the header's column count, and reads the header. */
export function sniffCsv(text: string, complete: boolean, name: string, forced?: string): CsvHead {
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') throw new AgoraError('INGEST_EMPTY', `${name} is empty.`, { file: name });
  const candidates = forced ? [forced] : [...DELIMITERS];
  let best: { delimiter: string; header: string[]; score: number } | null = null;
  for (const d of candidates) {
    const recs = parseRecords(body, d, SAMPLE_RECORDS + 1, complete).filter((r, i) => i === 0 || !(r.length === 1 && r[0] === ''));
    if (recs.length === 0) continue;
    const width = recs[0].length;
    const rows = recs.slice(1);
    const agree = rows.length ? rows.filter((r) => r.length === width).length / rows.length : 1;
    // Agreement first, then more columns; a single column only wins when nothing splits.
    const score = width > 1 ? agree * 1000 + Math.min(width, 999) : 0;
    if (!best || score > best.score) best = { delimiter: d, header: recs[0], score };
  }
  const head = best ?? { delimiter: forced ?? ',', header: [body.split(/\r?\n/)[0]] };
  checkHeader(head.header, name);
  return { delimiter: head.delimiter, header: head.header };
}

const DATA_LIKE = [
  /^[+-]?\d*[.,]\d+$/, // decimals
  /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}.*)?$/, // ISO dates and datetimes
  /^\d{1,2}[/.-]\d{1,2}[/.-]\d{4}( .*)?$/, // dd/mm/yyyy
  /^[+-]?\d{1,3}\.\d+\s*,\s*[+-]?\d{1,3}\.\d+$/, // "lat, lon"
  /^(true|false)$/i,
];

/** The first row must name the columns: not blank, and not a row of values. */
export function checkHeader(cells: string[], name: string): void {
  const filled = cells.map((c) => c.trim()).filter((c) => c !== '');
  if (filled.length === 0) {
    throw new AgoraError('INGEST_NO_HEADER', `${name} line 1: the header row is empty; the first row must name the columns.`, { file: name, line: 1 });
  }
  const dataLike = filled.filter((c) => DATA_LIKE.some((re) => re.test(c)));
  if (dataLike.length > 0 && dataLike.length * 2 >= filled.length) {
    throw new AgoraError('INGEST_NO_HEADER',
      `${name} line 1: the first row looks like data (${dataLike.slice(0, 3).map((c) => JSON.stringify(c)).join(', ')}), not column names; add a header row.`,
      { file: name, line: 1 });
  }
}
