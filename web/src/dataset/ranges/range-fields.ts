// Which fields of a dataset get a range filter (dates, then numeric measures: no ids, codes or
// coordinates), and the one unfiltered query that gives their minimum, maximum and median.
import type { ApiDataset, ApiField, ApiRecord } from '../../api/types.ts';
import { isDateType, isNumericType } from '../../format/format.ts';
import { odsqlField } from '../../state/odsql.ts';
import type { RangeFilter, RangeKind } from '../../state/ranges.ts';
import { hasAnnotation } from '../fields.ts';

const NOT_A_MEASURE = /(^|[_\s-])(id|ids|code|codes|zip|zipcode|postal|postcode|cp|insee|siren|siret|fips|iata|icao|lat|lon|lng|latitude|longitude|x|y)($|[_\s-])/i;

export const MAX_RANGE_FIELDS = 6;

/** The ranges that fit the dataset: a known field whose type takes such bounds (an edited URL may hold others). */
export function rangesForDataset(ds: ApiDataset, ranges: RangeFilter[]): RangeFilter[] {
  return ranges.filter((r) => {
    const f = ds.fields.find((x) => x.name === r.field);
    return !!f && (r.kind === 'date' ? isDateType(f.type) : isNumericType(f.type));
  });
}

export function rangeKind(f: ApiField): RangeKind | null {
  if (isDateType(f.type)) return 'date';
  if (isNumericType(f.type) && !NOT_A_MEASURE.test(f.name) && !hasAnnotation(f, 'id')) return 'number';
  return null;
}

export function rangeFields(ds: ApiDataset, max = MAX_RANGE_FIELDS): ApiField[] {
  const dates = ds.fields.filter((f) => rangeKind(f) === 'date');
  const numbers = ds.fields.filter((f) => rangeKind(f) === 'number');
  return [...dates, ...numbers].slice(0, max);
}

export interface FieldStats { min: string | number | null; max: string | number | null; median: number | null }

/** The select of the statistics query: min/max of every field, the median of the numeric ones. */
export function statsSelect(fields: ApiField[]): string {
  return fields.map((f, i) => {
    const q = odsqlField(f.name);
    const parts = [`min(${q}) as min_${i}`, `max(${q}) as max_${i}`];
    if (isNumericType(f.type)) parts.push(`median(${q}) as median_${i}`);
    return parts.join(', ');
  }).join(', ');
}

/** Dates as calendar days (a datetime's day as the API writes it), numbers as numbers. */
function statValue(v: unknown): string | number | null {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v)) return v.slice(0, 10);
  return null;
}

export function readStats(row: ApiRecord | undefined, fields: ApiField[]): Map<string, FieldStats> {
  const out = new Map<string, FieldStats>();
  if (!row) return out;
  fields.forEach((f, i) => {
    const median = row[`median_${i}`];
    out.set(f.name, { min: statValue(row[`min_${i}`]), max: statValue(row[`max_${i}`]), median: typeof median === 'number' ? median : null });
  });
  return out;
}
