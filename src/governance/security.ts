// Reading ODS `DatasetSecurity` bodies (and the rulesets around them) into checked plain data, with
// errors that name the offending key; and writing them back in ODS's shape. No storage here.
import type { AgoraError } from '../core/errors.ts';
import type { Dataset } from '../core/types.ts';
import { compileRecords, duckdbDialect } from '../plan/index.ts';
import {
  DATASET_PERMISSIONS, OPEN_SECURITY, QUOTA_UNITS,
  type DatasetPermission, type DatasetSecurity, type QuotaUnit, type Ruleset,
} from './types.ts';
import { isPlainObject as isObject } from '../core/types.ts';
import { invalidParameter as invalid } from '../core/errors.ts';

/** Reads a DatasetSecurity body; keys left out take the open default (ODS: everything visible). */
export function parseSecurity(body: unknown, ds: Dataset | null, where = 'security'): DatasetSecurity {
  if (body === undefined || body === null) return { ...OPEN_SECURITY };
  if (!isObject(body)) throw invalid(where, 'expected an object');
  const known = new Set(['is_data_visible', 'visible_fields', 'filter_query', 'api_calls_quota']);
  for (const k of Object.keys(body)) if (!known.has(k)) throw invalid(`${where}.${k}`, 'unknown key');
  const out: DatasetSecurity = { ...OPEN_SECURITY };
  if (body.is_data_visible !== undefined) {
    if (typeof body.is_data_visible !== 'boolean') throw invalid(`${where}.is_data_visible`, 'expected true or false');
    out.is_data_visible = body.is_data_visible;
  }
  if (body.visible_fields !== undefined && body.visible_fields !== null) {
    const vf = body.visible_fields;
    if (!Array.isArray(vf) || vf.some((f) => typeof f !== 'string' || f.length === 0)) throw invalid(`${where}.visible_fields`, 'expected null or a list of field names');
    if (new Set(vf).size !== vf.length) throw invalid(`${where}.visible_fields`, 'field names must be unique');
    if (ds) {
      const names = new Set(ds.fields.map((f) => f.name));
      const unknown = (vf as string[]).filter((f) => !names.has(f));
      if (unknown.length) throw invalid(`${where}.visible_fields`, `unknown field(s) in dataset ${ds.dataset_id}: ${unknown.join(', ')}`);
    }
    out.visible_fields = [...(vf as string[])];
  }
  if (body.filter_query !== undefined && body.filter_query !== null) {
    if (typeof body.filter_query !== 'string') throw invalid(`${where}.filter_query`, 'expected an ODSQL where expression (text)');
    out.filter_query = body.filter_query.trim();
    if (ds && out.filter_query) checkFilter(ds, out.filter_query, `${where}.filter_query`);
  }
  if (body.api_calls_quota !== undefined && body.api_calls_quota !== null) {
    const q = body.api_calls_quota;
    if (!isObject(q)) throw invalid(`${where}.api_calls_quota`, 'expected null or {"unit", "limit"}');
    if (!QUOTA_UNITS.includes(q.unit as QuotaUnit)) throw invalid(`${where}.api_calls_quota.unit`, `expected one of ${QUOTA_UNITS.join(', ')}`);
    if (typeof q.limit !== 'number' || !Number.isInteger(q.limit) || q.limit < 0) throw invalid(`${where}.api_calls_quota.limit`, 'expected a non-negative integer');
    out.api_calls_quota = { unit: q.unit as QuotaUnit, limit: q.limit };
  }
  return out;
}

/** A filter_query must be valid ODSQL over the dataset's fields: checked by planning a query with it. */
function checkFilter(ds: Dataset, filter: string, where: string): void {
  try {
    compileRecords(ds, { where: [], refine: [], exclude: [] }, { mode: 'records', access: { filterQuery: filter }, dialect: duckdbDialect });
  } catch (e) {
    const cause = (e as AgoraError).details?.cause ?? (e as Error).message;
    throw invalid(where, String(cause));
  }
}

export function parseDatasetPermissions(v: unknown, where = 'permissions'): DatasetPermission[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw invalid(where, 'expected a list');
  for (const p of v) {
    if (!DATASET_PERMISSIONS.includes(p as DatasetPermission)) throw invalid(where, `unknown permission "${String(p)}"; expected ${DATASET_PERMISSIONS.join(', ')}`);
  }
  return [...new Set(v as DatasetPermission[])];
}

/** The ODS body of a ruleset: DatasetUserSecurity or DatasetGroupSecurity. */
export function rulesetBody(r: Ruleset): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (r.target.kind === 'user') body.user = { username: r.target.username };
  if (r.target.kind === 'group') body.group = { uid: r.target.name };
  body.permissions = r.permissions;
  body.security = securityBody(r.security);
  return body;
}

export function securityBody(s: DatasetSecurity): Record<string, unknown> {
  return { is_data_visible: s.is_data_visible, visible_fields: s.visible_fields, filter_query: s.filter_query, api_calls_quota: s.api_calls_quota };
}
