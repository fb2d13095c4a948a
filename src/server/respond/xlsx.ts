// The XLSX export through exceljs's streaming WorkbookWriter: one sheet, a header row of names
// (or labels), typed cells (numbers, booleans, dates and datetimes as Excel dates showing the
// request timezone's wall clock, geo values and JSON as text; text that would start a formula
// gets a leading '). Rows are committed batch by batch.
// exceljs's sheet stream writes into its zip entry without heeding back-pressure, so after each
// batch we wait until that entry's buffer (and our output) has drained below a bound before
// reading the next batch: memory stays at about one batch of sheet XML whatever the client's pace.
import ExcelJS from 'exceljs';
import { setImmediate as nextTick, setTimeout as sleep } from 'node:timers/promises';
import type { FieldType } from '../../core/types.ts';
import { registerRenderer, type RenderContext, type Renderer } from './renderer.ts';
import { exportColumns } from './columns.ts';
import { drained, pumpThrough } from './streams.ts';
import { neutraliseFormula, toText } from './text.ts';
import { zonedParts } from './values.ts';

/** Excel's limit on the characters of one cell. */
export const XLSX_CELL_MAX = 32767;

const NUMBER_FORMATS: Partial<Record<FieldType, string>> = {
  date: 'yyyy-mm-dd',
  datetime: 'yyyy-mm-dd hh:mm:ss',
};

/** Sheet XML allowed to wait in the zip entry before we stop reading rows. */
export const XLSX_MAX_BACKLOG = 1 << 20;

interface PipeTarget { writableLength?: number; _writableState?: { length?: number } }

/**
 * Bytes of sheet XML written but not yet taken by the zip. Reads exceljs internals (the sheet's
 * StreamBuf `pipes`, archiver's readable-stream entry); the xlsx tests check it still sees them.
 */
export function sheetBacklog(sheet: ExcelJS.Worksheet): number {
  const target = (sheet as unknown as { stream?: { pipes?: PipeTarget[] } }).stream?.pipes?.[0];
  return target?.writableLength ?? target?._writableState?.length ?? 0;
}

/** The wall clock of `instant` in `timezone`, as a Date whose UTC fields show it (Excel has no zones). */
function wallClock(instant: Date, timezone: string): Date {
  const p = zonedParts(instant, timezone);
  const ms = ((instant.getTime() % 1000) + 1000) % 1000;
  return new Date(Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, ms));
}

function cellValue(value: unknown, type: FieldType, timezone: string, listSeparator: string, neutralise: boolean): ExcelJS.CellValue {
  if (value === null || value === undefined) return null;
  if (neutralise && type === 'text') return neutraliseFormula(toText(value, type, { timezone, listSeparator })).slice(0, XLSX_CELL_MAX);
  if (Array.isArray(value)) return toText(value, type, { timezone, listSeparator }).slice(0, XLSX_CELL_MAX);
  if ((type === 'int' || type === 'double') && typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (type === 'boolean' && typeof value === 'boolean') return value;
  if (type === 'date' && value instanceof Date) return value;
  if (type === 'datetime' && value instanceof Date) return wallClock(value, timezone);
  return toText(value, type, { timezone, listSeparator }).slice(0, XLSX_CELL_MAX);
}

/** A worksheet name Excel accepts: at most 31 characters, none of []:*?/\ . */
export function sheetName(datasetId: string): string {
  return datasetId.replace(/[[\]:*?/\\]/g, '_').slice(0, 31) || 'export';
}

function renderXlsx(ctx: RenderContext): AsyncIterable<Buffer> {
  const { options } = ctx;
  const columns = exportColumns(ctx.columns);
  return pumpThrough(async (sink, signal) => {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: false });
    const sheet = workbook.addWorksheet(sheetName(ctx.dataset.dataset_id));
    sheet.columns = columns.map((c) => ({
      key: c.name,
      header: options.use_labels ? c.label ?? c.name : c.name,
      style: NUMBER_FORMATS[c.type] ? { numFmt: NUMBER_FORMATS[c.type] } : {},
    }));
    for await (const batch of ctx.rows) {
      for (const row of batch) {
        sheet.addRow(columns.map((c) => cellValue(row[c.name], c.type, options.timezone, options.list_separator, options.neutralise_formulas))).commit();
      }
      await nextTick();
      while (sheetBacklog(sheet) > XLSX_MAX_BACKLOG) await sleep(5, undefined, { signal });
      await drained(sink, signal);
      signal.throwIfAborted();
    }
    sheet.commit();
    await workbook.commit();
  });
}

export const xlsxRenderer: Renderer = {
  format: 'xlsx',
  contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  extension: 'xlsx',
  render: renderXlsx,
};

registerRenderer(xlsxRenderer);
