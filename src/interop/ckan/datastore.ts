// CKAN datastore_search / datastore_info over a dataset's records. CKAN parameters become an
// Explore RecordsQuery (ODSQL text with quoted literals and catalog field names only), planned by
// plan/ with the caller's access rules, so nothing here touches SQL or bypasses governance.
import type { FastifyRequest } from 'fastify';
import type { FieldType, Dataset, Field } from '../../core/types.ts';
import type { RecordsQuery } from '../../core/request.ts';
import { buildPlan, compileRecords, exactPlan, exactShapes } from '../../plan/index.ts';
import { compileCount, compilePlan } from '../../sql/index.ts';
import type { AppContext } from '../../server/context.ts';
import { toApiValue } from '../../server/respond/values.ts';
import { shapeReader } from '../../server/run-query.ts';
import { recordRules, visibleDatasets } from '../visibility.ts';
import { invalid, notFound } from './envelope.ts';
import { capped, flag, integer, jsonValue, list, text, type CkanData } from './params.ts';

export const DATASTORE_MAX_ROWS = 32_000;

/** CKAN datastore column types for our field types. */
export const DATASTORE_TYPE: Record<FieldType, string> = {
  text: 'text', int: 'int', double: 'numeric', boolean: 'bool', date: 'date', datetime: 'timestamp',
  geo_point_2d: 'json', geo_shape: 'json', json_blob: 'json', file: 'json',
};

export function odsqlString(s: string): string { return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`; }

function datastoreDataset(ctx: AppContext, req: FastifyRequest, resourceId: string): Dataset {
  const ds = visibleDatasets(ctx, req).find((d) => d.dataset_id === resourceId);
  // A dataset without fields has no datastore table (as a CKAN resource before datastore_create).
  if (!ds || ds.fields.length === 0) throw notFound('Resource');
  return ds;
}

/** Fields the caller may see, in dataset order. */
function visibleFields(ds: Dataset, req: FastifyRequest): Field[] {
  const allowed = recordRules(req, ds).visibleFields;
  return ds.fields.filter((f) => !allowed || allowed.includes(f.name));
}

function fieldNamed(fields: Field[], name: string, param: string): Field {
  const f = fields.find((x) => x.name === name);
  if (!f) throw invalid(param, `field "${name}" not in resource`);
  return f;
}

/** An ODSQL literal for a filter value, typed by the field. */
function literalFor(f: Field, v: unknown): string {
  if (v === null) throw invalid('filters', `null is not a filter value for "${f.name}"`);
  const s = String(v);
  switch (f.type) {
    case 'int': case 'double':
      if (!/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(s.trim())) throw invalid('filters', `"${s}" is not a number for field "${f.name}"`);
      return s.trim();
    case 'boolean':
      if (!/^(true|false)$/i.test(s)) throw invalid('filters', `"${s}" is not true or false for field "${f.name}"`);
      return s.toLowerCase();
    case 'date': case 'datetime':
      if (!/^\d{4}(-\d{2}(-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?)?)?$/.test(s.trim())) throw invalid('filters', `"${s}" is not an ISO date for field "${f.name}"`);
      return `date'${s.trim()}'`;
    case 'text': return odsqlString(s);
    default: throw invalid('filters', `field "${f.name}" (${f.type}) cannot be filtered on`);
  }
}

const ident = (name: string): string => `\`${name}\``;

/** A column of a datastore_search answer: the record id `_id` or a field. */
export type OutColumn = '_id' | Field;

export function toRecordsQuery(ds: Dataset, fields: Field[], d: CkanData): { query: RecordsQuery; selected: Field[]; out: OutColumn[] } {
  const where: string[] = [];
  const filters = jsonValue(d, 'filters');
  if (filters !== undefined) {
    if (typeof filters !== 'object' || filters === null || Array.isArray(filters)) throw invalid('filters', 'Must be a JSON object');
    for (const [name, value] of Object.entries(filters)) {
      const f = fieldNamed(fields, name, 'filters');
      const values = Array.isArray(value) ? value : [value];
      if (values.length === 0) throw invalid('filters', `empty list for "${name}"`);
      where.push(values.length === 1 ? `${ident(f.name)} = ${literalFor(f, values[0])}` : `${ident(f.name)} IN (${values.map((v) => literalFor(f, v)).join(', ')})`);
    }
  }
  const q = jsonValue(d, 'q');
  if (typeof q === 'string' && q.trim()) where.push(`search(${odsqlString(q.trim())})`);
  else if (q && typeof q === 'object' && !Array.isArray(q)) {
    for (const [name, value] of Object.entries(q)) {
      const f = fieldNamed(fields, name, 'q');
      if (f.type !== 'text') throw invalid('q', `field "${name}" is not a text field`);
      where.push(`search(${ident(f.name)}, ${odsqlString(String(value))})`);
    }
  } else if (q !== undefined && typeof q !== 'string') throw invalid('q', 'Must be a string or a JSON object');
  // As CKAN: without `fields`, `_id` and every field; with it, exactly the fields named, in that
  // order, `_id` only when named.
  const wanted = list(d, 'fields');
  if (wanted && wanted.length === 0) throw invalid('fields', 'no field selected');
  const out: OutColumn[] = wanted ? [...new Set(wanted)].map((n) => (n === '_id' ? '_id' : fieldNamed(fields, n, 'fields'))) : ['_id', ...fields];
  const named = out.filter((c): c is Field => c !== '_id');
  // Only `_id` asked for: the query still selects one field, left out of the answer.
  const selected = named.length ? named : fields.slice(0, 1);
  if (selected.length === 0) throw invalid('fields', 'the resource has no field you may see');
  const sortText = text(d, 'sort');
  const order: string[] = [];
  for (const part of sortText ? sortText.split(',').map((s) => s.trim()).filter(Boolean) : []) {
    const m = /^"?([^"\s]+)"?(?:\s+(asc|desc))?$/i.exec(part);
    if (!m) throw invalid('sort', `cannot sort by "${part}"`);
    const dir = (m[2] ?? 'asc').toLowerCase();
    if (m[1] === '_id') {
      if (dir === 'desc') throw invalid('sort', '_id can only be sorted ascending (the default order)');
      continue;
    }
    order.push(`${ident(fieldNamed(fields, m[1]!, 'sort').name)} ${dir}`);
  }
  const limit = capped(d, 'limit', 100, DATASTORE_MAX_ROWS);
  const offset = integer(d, 'offset', 0, 0, Number.MAX_SAFE_INTEGER);
  return {
    selected, out,
    query: {
      select: selected.map((f) => ident(f.name)).join(', '), where, order_by: order.length ? order.join(', ') : undefined,
      limit, offset, refine: [], exclude: [], timezone: 'UTC',
    },
  };
}

function searchLink(resourceId: string, d: CkanData, offset: number): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(d)) {
    if (k === 'offset' || v === undefined || v === null) continue;
    params.set(k, typeof v === 'object' ? JSON.stringify(v) : String(v));
  }
  params.set('resource_id', resourceId);
  if (offset) params.set('offset', String(offset));
  return `/api/3/action/datastore_search?${params.toString()}`;
}

export async function datastoreSearch(ctx: AppContext, req: FastifyRequest, d: CkanData): Promise<unknown> {
  const resourceId = text(d, 'resource_id') ?? text(d, 'id');
  if (!resourceId) throw invalid('resource_id', 'Missing value');
  const ds = datastoreDataset(ctx, req, resourceId);
  const fields = visibleFields(ds, req);
  const { query, out: wantedColumns } = toRecordsQuery(ds, fields, d);
  const format = text(d, 'records_format') ?? 'objects';
  if (format !== 'objects' && format !== 'lists') throw invalid('records_format', 'Must be objects or lists');
  const options = { mode: 'export' as const, access: recordRules(req, ds), dialect: ctx.dialect };
  // Export mode lifts the Explore page cap (CKAN pages up to 32,000 rows); the record id is
  // asked for explicitly, as the records endpoint does, to give CKAN its `_id`.
  const plan = await exactPlan({ ...buildPlan(ds, query, options), withRecordId: true }, shapeReader(ctx, ds, { engine: ctx.backend, dialect: ctx.dialect }));
  const records = compilePlan(plan, ctx.dialect);
  const includeTotal = flag(d, 'include_total', true);
  const [rows, countRows] = await Promise.all([
    ctx.backend.query(records.sql, records.params),
    includeTotal ? ctx.backend.query(compileCount(plan, ctx.dialect).sql, compileCount(plan, ctx.dialect).params) : Promise.resolve(null),
  ]);
  const typeOf = new Map(records.columns.map((c) => [c.name, c.type]));
  const out = rows.map((r) => {
    const cells: Array<[string, unknown]> = wantedColumns.map((c) => (c === '_id' ? ['_id', Number(r._rid)] : [c.name, toApiValue(r[c.name], typeOf.get(c.name)!, 'UTC')]));
    return format === 'lists' ? cells.map(([, v]) => v) : Object.fromEntries(cells);
  });
  const limit = query.limit!, offset = query.offset ?? 0;
  const body: Record<string, unknown> = {
    include_total: includeTotal, resource_id: resourceId, records_format: format,
    fields: wantedColumns.map((f) => (f === '_id' ? { id: '_id', type: 'int' } : { id: f.name, type: DATASTORE_TYPE[f.type], info: { label: f.label, notes: f.description ?? '' } })),
    records: out, limit, offset,
    _links: { start: searchLink(resourceId, d, 0), next: searchLink(resourceId, d, offset + limit) },
  };
  if (countRows) { body.total = Number(Object.values(countRows[0] ?? { n: 0 })[0]); body.total_was_estimated = false; }
  return body;
}

export async function datastoreInfo(ctx: AppContext, req: FastifyRequest, d: CkanData): Promise<unknown> {
  const resourceId = text(d, 'id') ?? text(d, 'resource_id');
  if (!resourceId) throw invalid('id', 'Missing value');
  const ds = datastoreDataset(ctx, req, resourceId);
  const fields = visibleFields(ds, req);
  const all = { where: [], refine: [], exclude: [], limit: 0 };
  const access = recordRules(req, ds);
  const exact = await exactShapes(ds, all, { mode: 'filter', access }, shapeReader(ctx, ds, { engine: ctx.backend, dialect: ctx.dialect }));
  const { count } = compileRecords(ds, all, { mode: 'export', access, dialect: ctx.dialect, exact });
  const total = Number(Object.values((await ctx.backend.query(count.sql, count.params))[0] ?? { n: 0 })[0]);
  return {
    meta: { id: resourceId, count: total, table_type: 'BASE TABLE', aliases: [] },
    fields: fields.map((f) => ({ id: f.name, type: DATASTORE_TYPE[f.type], info: { label: f.label, notes: f.description ?? '', type_override: '' }, schema: { native_type: DATASTORE_TYPE[f.type] } })),
    schema: Object.fromEntries(fields.map((f) => [f.name, DATASTORE_TYPE[f.type]])),
  };
}
