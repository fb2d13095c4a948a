// Which result columns an export shows: every column but the hidden record id, which only names
// records (RDF subjects). Shared by all renderers so none can leak the id column by accident.
import { RECORD_ID_COLUMN } from '../../core/physical.ts';
import type { ResultColumn } from '../../core/request.ts';
import type { Row } from '../../storage/backend.ts';

export function exportColumns(columns: ResultColumn[]): ResultColumn[] {
  return columns.some((c) => c.name === RECORD_ID_COLUMN) ? columns.filter((c) => c.name !== RECORD_ID_COLUMN) : columns;
}

/** The record id of a row when the query selected it, else undefined. */
export function rowRecordId(row: Row): string | undefined {
  const v = row[RECORD_ID_COLUMN];
  return v === null || v === undefined ? undefined : String(v);
}
