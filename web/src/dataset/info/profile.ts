// Per-field profile for the schema table: share of empty values, min/max of numbers and dates,
// top values of text fields. Computed with aggregate queries on the records API.
import type { ApiDataset, ApiField, RecordList } from '../../api/types.ts';
import { recordsUrl } from '../../api/dataset.ts';
import { getJson } from '../../api/client.ts';
import { NO_FILTERS } from '../../state/filters.ts';
import { odsqlField } from '../../state/odsql.ts';
import { isDateType, isGeoType, isNumericType } from '../../format/format.ts';

export interface FieldProfile { empty?: number; min?: unknown; max?: unknown; top?: Array<{ value: unknown; count: number }> }
export type Profile = Map<string, FieldProfile>;

const TOP_FIELDS = 8;

function countable(f: ApiField, withGeo: boolean): boolean {
  if (f.type === 'json_blob' || f.type === 'file') return false;
  return withGeo || !isGeoType(f.type);
}

async function emptiesAndRanges(ds: ApiDataset, withGeo: boolean, signal?: AbortSignal): Promise<Profile> {
  const fields = ds.fields.filter((f) => countable(f, withGeo));
  const parts = ['count(*) as n'];
  fields.forEach((f, i) => {
    parts.push(`count(${odsqlField(f.name)}) as c${i}`);
    if (isNumericType(f.type) || isDateType(f.type)) parts.push(`min(${odsqlField(f.name)}) as lo${i}`, `max(${odsqlField(f.name)}) as hi${i}`);
  });
  const body = await getJson<RecordList>(recordsUrl(ds.dataset_id, NO_FILTERS, [['select', parts.join(', ')]]), signal);
  const row = body.results[0] ?? {};
  const n = Number(row.n ?? 0);
  const out: Profile = new Map();
  fields.forEach((f, i) => {
    const c = Number(row[`c${i}`] ?? 0);
    out.set(f.name, { empty: n ? 1 - c / n : undefined, min: row[`lo${i}`], max: row[`hi${i}`] });
  });
  return out;
}

async function topValues(ds: ApiDataset, f: ApiField, signal?: AbortSignal): Promise<Array<{ value: unknown; count: number }>> {
  const name = odsqlField(f.name);
  const body = await getJson<RecordList>(recordsUrl(ds.dataset_id, NO_FILTERS, [
    ['select', 'count(*) as n'], ['group_by', `${name} as v`], ['order_by', 'n desc'], ['limit', 3],
  ]), signal);
  return body.results.map((r) => ({ value: r.v, count: Number(r.n ?? 0) }));
}

export async function loadProfile(ds: ApiDataset, signal?: AbortSignal): Promise<Profile> {
  let profile: Profile;
  try { profile = await emptiesAndRanges(ds, true, signal); } catch { profile = await emptiesAndRanges(ds, false, signal); }
  const texts = ds.fields.filter((f) => f.type === 'text' || f.type === 'boolean').slice(0, TOP_FIELDS);
  const tops = await Promise.all(texts.map((f) => topValues(ds, f, signal).catch(() => undefined)));
  texts.forEach((f, i) => { const p = profile.get(f.name); if (p && tops[i]) p.top = tops[i]; });
  return profile;
}
