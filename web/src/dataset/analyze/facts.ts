// Data facts the default chart is chosen from: the row count, distinct values of each text field,
// min and max of numbers and dates — all in one aggregate query on the records API.
import type { ApiDataset, ApiField, RecordList } from '../../api/types.ts';
import { isDateType, isNumericType } from '../../format/format.ts';
import { odsqlField } from '../../state/odsql.ts';

export interface FieldFacts { distinct?: number; min?: unknown; max?: unknown }
export interface DataFacts { rows: number; fields: Map<string, FieldFacts> }

/** Text and boolean fields whose distinct values are counted (the first ones, to keep the query cheap). */
export const MAX_COUNTED = 16;

const counted = (fields: ApiField[]) => fields.filter((f) => f.type === 'text' || f.type === 'boolean').slice(0, MAX_COUNTED);
const ranged = (fields: ApiField[]) => fields.filter((f) => isNumericType(f.type) || isDateType(f.type));

/** The select clause of the facts query. */
export function factsSelect(ds: Pick<ApiDataset, 'fields'>): string {
  const parts = ['count(*) as n'];
  counted(ds.fields).forEach((f, i) => parts.push(`count(distinct ${odsqlField(f.name)}) as d${i}`));
  ranged(ds.fields).forEach((f, i) => parts.push(`min(${odsqlField(f.name)}) as lo${i}`, `max(${odsqlField(f.name)}) as hi${i}`));
  return parts.join(', ');
}

/** Reads the facts query's answer; a missing or malformed row count is an error. */
export function readFacts(ds: Pick<ApiDataset, 'fields'>, body: RecordList): DataFacts {
  const row = body.results?.[0] ?? {};
  const rows = Number(row.n);
  if (!Number.isFinite(rows) || rows < 0) throw new Error(`Data facts: expected a row count, got ${JSON.stringify(row.n)}`);
  const fields = new Map<string, FieldFacts>();
  counted(ds.fields).forEach((f, i) => {
    const d = Number(row[`d${i}`]);
    fields.set(f.name, Number.isFinite(d) ? { distinct: d } : {});
  });
  ranged(ds.fields).forEach((f, i) => fields.set(f.name, { min: row[`lo${i}`] ?? undefined, max: row[`hi${i}`] ?? undefined }));
  return { rows, fields };
}
