// XLSX sources: exceljs's streaming reader walks the first sheet (or the named one) row by row and
// writes a staged CSV of cell texts (numbers, ISO dates, booleans, formula results), which then loads
// like any CSV. The first non-empty row is the header; cells right of it are ragged rows.
import { createWriteStream } from 'node:fs';
import ExcelJS from 'exceljs';
import { AgoraError } from '../../core/errors.ts';
import type { Backend, RejectedRow } from '../../storage/backend.ts';
import type { Staging } from '../types.ts';
import { checkHeader } from './csv-sniff.ts';
import { loadDelimited, skipAdvice } from './csv.ts';
import type { Workspace } from './files.ts';
import { engineMessage } from '../engine-errors.ts';

export interface XlsxOptions { sheet?: string; skipBadRows?: boolean }

export async function stageXlsx(backend: Backend, path: string, name: string, table: string, ws: Workspace, opts: XlsxOptions,
  onRows: (rows: number) => void): Promise<Staging> {
  const csvPath = ws.file('sheet.csv');
  const out = createWriteStream(csvPath);
  const seen: string[] = [];
  let header: string[] | null = null;
  let found = false;
  const rejected: RejectedRow[] = [];
  let rows = 0;
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', worksheets: 'emit', entries: 'ignore' });
    for await (const sheet of reader) {
      const sheetName = (sheet as unknown as { name: string }).name;
      seen.push(sheetName);
      if (opts.sheet !== undefined ? sheetName !== opts.sheet : seen.length > 1) { for await (const _ of sheet) { /* skip */ } continue; }
      found = true;
      const where = (row: number) => `${name} sheet "${sheetName}" row ${row}`;
      let lines: string[] = [];
      const flush = async () => {
        if (lines.length && !out.write(lines.join('\n') + '\n')) await new Promise((r) => out.once('drain', r));
        lines = [];
        onRows(rows);
      };
      for await (const batch of sheet) {
        // exceljs yields rows one by one or in arrays, depending on its version.
        const batchRows = (Array.isArray(batch) ? batch : [batch]) as Array<{ number: number; values: unknown[] }>;
        for (const row of batchRows) {
          const cells = (row.values ?? []).slice(1).map(cellText);
          if (cells.every((c) => c === '')) continue;
          if (!header) {
            const width = lastFilled(cells) + 1;
            header = cells.slice(0, width);
            checkHeader(header, where(row.number));
            lines.push(header.map(csvField).join(','));
            continue;
          }
          const width = lastFilled(cells) + 1;
          if (width > header.length) {
            const message = `${width} cells where the header has ${header.length}`;
            if (!opts.skipBadRows) {
              throw new AgoraError('INGEST_RAGGED_ROW', `${where(row.number)}: ${message}${skipAdvice(1)}.`,
                { file: name, sheet: sheetName, line: row.number, expected: header.length, found: width, problem: `${where(row.number)}: ${message}` });
            }
            rejected.push({ line: row.number, message });
            continue;
          }
          lines.push(header.map((_, i) => csvField(cells[i] ?? '')).join(','));
          rows++;
        }
        if (lines.length >= 5000) await flush();
      }
      await flush();
      break;
    }
  } catch (e) {
    out.destroy();
    if (e instanceof AgoraError) throw e;
    throw new AgoraError('INGEST_NOT_WORKBOOK', `${name} is not a readable Excel workbook (${engineMessage(e)}).`, { file: name });
  }
  await new Promise<void>((res, rej) => out.end((e?: Error | null) => (e ? rej(e) : res())));
  if (!found) {
    const which = opts.sheet !== undefined ? `no sheet named "${opts.sheet}"` : 'no sheet';
    throw new AgoraError('INGEST_NOT_WORKBOOK', `${name} has ${which} (sheets: ${seen.map((s) => `"${s}"`).join(', ') || 'none'}).`, { file: name, sheets: seen });
  }
  if (!header) throw new AgoraError('INGEST_EMPTY', `${name}: the sheet is empty.`, { file: name });
  const staging = await loadDelimited(backend, csvPath, name, table, header, ',', false);
  return { ...staging, rejected, decimalComma: false };
}

function lastFilled(cells: string[]): number {
  for (let i = cells.length - 1; i >= 0; i--) if (cells[i] !== '') return i;
  return -1;
}

/** The text of a cell value as exceljs gives it. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return '';
    const iso = v.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19);
  }
  if (typeof v === 'object') {
    const o = v as { richText?: Array<{ text: string }>; text?: unknown; result?: unknown; error?: string; formula?: string; sharedFormula?: string };
    if (Array.isArray(o.richText)) return o.richText.map((r) => r.text).join('');
    if ('formula' in o || 'sharedFormula' in o) return cellText(o.result);
    if (o.error !== undefined) return '';
    if (o.text !== undefined) return cellText(o.text);
  }
  return String(v);
}

function csvField(s: string): string {
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
