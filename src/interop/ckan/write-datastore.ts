// CKAN datastore writes on a dataset's records (its datastore resource, id = the dataset id):
// datastore_create (fields, records, primary_key: a new data version in one transaction, the old
// records copied), datastore_upsert (method upsert | insert | update by the primary key, which is the
// fields' `id` annotation, as the push API's upsert key) and datastore_delete (rows matching filters,
// or the whole table as CKAN drops it). Every record is checked before anything is written and each
// call is one transaction: a bad record fails the call with nothing written, the error naming the
// record's index and the field. Needs edit_dataset and publish_dataset on the dataset (what adding
// a resource and publishing it need in the Automation API).
import type { FastifyRequest } from 'fastify';
import { newRecordTable } from '../../catalog/index.ts';
import { physicalColumns, RECORD_ID_COLUMN, type PhysicalColumn } from '../../core/physical.ts';
import type { Dataset, Field, FieldType } from '../../core/types.ts';
import { datasetFor } from '../../governance/automation.ts';
import { emptyRecordTableSql, STORE_TYPE } from '../../ingest/build.ts';
import { normaliseName } from '../../ingest/names.ts';
import { processorStore } from '../../ingest/processors/index.ts';
import { recordProblem, toPhysical, type PhysicalRecord } from '../../realtime/records.ts';
import type { AppContext } from '../../server/context.ts';
import { quoteIdent } from '../../sql/quote.ts';
import { STAGE_ORDER_COLUMN, type WriteTx } from '../../storage/backend.ts';
import { DATASTORE_TYPE } from './datastore.ts';
import { CkanError, invalid } from './envelope.ts';
import { flag, jsonValue, list, text, type CkanData } from './params.ts';
import { asCkan, asCkanSync, editablePackage, isDict, onlyKeys, writeContext, type WriteContext } from './write-context.ts';

const STAGE = 'agora_ckan_stage';
const KEPT = 'agora_ckan_kept';

/** CKAN (PostgreSQL) column types → Agora field types. */
const FIELD_TYPES: Record<string, FieldType> = {
  text: 'text', varchar: 'text', string: 'text', int: 'int', int2: 'int', int4: 'int', int8: 'int', integer: 'int', bigint: 'int', smallint: 'int',
  float: 'double', float4: 'double', float8: 'double', numeric: 'double', double: 'double', 'double precision': 'double', real: 'double', number: 'double',
  timestamp: 'datetime', timestamptz: 'datetime', date: 'date', bool: 'boolean', boolean: 'boolean', json: 'json_blob', nested: 'json_blob',
};

const records = (msg: string): CkanError => new CkanError('Validation Error', `records: ${msg}`, { records: [msg] });

/** The dataset of a datastore resource, with the writer's rights checked (as resource_create + publish/). */
function writable(w: WriteContext, resourceId: string): Dataset {
  const ds = editablePackage(w, resourceId, 'edit_dataset', `Resource "${resourceId}" was not found.`);
  return asCkanSync('resource_id', () => datasetFor(w.deps, w.caller, ds.dataset_uid, 'publish_dataset'));
}

async function refuseProcessed(w: WriteContext, ds: Dataset): Promise<void> {
  if ((await processorStore(w.ctx.catalog)).pipeline(ds.dataset_uid).length > 0) {
    throw invalid('resource_id', 'this dataset\'s records come through its processors: publish a resource (resource_create) instead of writing records');
  }
}

/** CKAN's lenient input (PostgreSQL casts text): numbers and booleans written as text, a date for a
 *  timestamp, "" for an empty non-text value. */
function coerce(f: Field, v: unknown): unknown {
  if (v === undefined || v === null) return v;
  if (typeof v === 'string') {
    const s = v.trim();
    if (s === '' && f.type !== 'text') return null;
    if (f.type === 'int' && /^-?\d+$/.test(s)) return Number(s);
    if (f.type === 'double' && /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(s)) return Number(s);
    if (f.type === 'boolean' && /^(true|t|yes|1|false|f|no|0)$/i.test(s)) return /^(true|t|yes|1)$/i.test(s);
    if (f.type === 'datetime' && /^\d{4}-\d{2}-\d{2}$/.test(s)) return `${s}T00:00:00Z`;
  }
  if (f.type === 'text' && (typeof v === 'number' || typeof v === 'boolean')) return String(v);
  return v;
}

/** Checks one record against the fields (its index named in the error) and gives its physical values. */
function physical(fields: Field[], r: unknown, i: number): PhysicalRecord {
  if (!isDict(r)) throw records(`Record at index ${i} is not a JSON object`);
  const byName = new Map(fields.map((f) => [f.name, f]));
  const extra = Object.keys(r).filter((k) => !byName.has(k) && k !== '_id');
  if (extra.length) throw records(`Record at index ${i} has extra keys "${extra.join(', ')}" (the fields are ${fields.map((f) => f.name).join(', ')})`);
  const values = Object.fromEntries(Object.entries(r).filter(([k]) => k !== '_id').map(([k, v]) => [k, coerce(byName.get(k)!, v)]));
  try {
    return toPhysical(fields, values, i);
  } catch (e) {
    throw records(recordProblem(e));
  }
}

function recordsParam(d: CkanData): unknown[] {
  const v = jsonValue(d, 'records');
  if (v === undefined) return [];
  if (!Array.isArray(v)) throw invalid('records', 'Must be a list of dictionaries');
  return v;
}

const keyFields = (fields: Field[]) => fields.filter((f) => f.annotations.id);
const keyColumns = (fields: Field[]) => keyFields(fields).flatMap((f) => physicalColumns(f).map((c) => c.name));
const match = (cols: string[], a: string, b: string) => cols.map((c) => `${a}.${quoteIdent(c)} = ${b}.${quoteIdent(c)}`).join(' AND ');
const keyText = (keys: Field[], r: unknown) => JSON.stringify(keys.map((k) => (r as Record<string, unknown>)[k.name]));

function fieldsResult(fields: Field[]): Array<Record<string, unknown>> {
  return fields.map((f) => ({ id: f.name, type: DATASTORE_TYPE[f.type], info: { label: f.label, notes: f.description ?? '' } }));
}

/** Refuses a record whose key is missing or null, and (`unique`) two records of the call with one key. */
function checkKeys(keys: Field[], recs: unknown[], unique: boolean): void {
  const seen = new Map<string, number>();
  recs.forEach((r, i) => {
    for (const k of keys) {
      const v = (r as Record<string, unknown>)[k.name];
      if (v === undefined || v === null || v === '') {
        throw new CkanError('Validation Error', `key: record at index ${i}`, { key: [`Record at index ${i}: fields "${keys.map((x) => x.name).join(', ')}" are missing but needed as key`] });
      }
    }
    const t = keyText(keys, r);
    if (unique && seen.has(t)) throw records(`Record at index ${i}: duplicate key value ${t} (also record at index ${seen.get(t)})`);
    seen.set(t, i);
  });
}

/** The first staged row (its index in the call) whose key is (`present`) or is not in the table. */
async function firstByKey(tx: WriteTx, table: string, keys: string[], present: boolean): Promise<number | null> {
  const [row] = await tx.query(`SELECT min(s.${STAGE_ORDER_COLUMN}) AS n FROM ${STAGE} s WHERE ${present ? '' : 'NOT '}EXISTS (SELECT 1 FROM ${quoteIdent(table)} t WHERE ${match(keys, 's', 't')})`);
  return row?.n === null || row?.n === undefined ? null : Number(row.n) - 1;
}

/** A staged value in its column's type (staged JSON columns are text: cast on the way in). */
const staged = (c: PhysicalColumn) => `CAST(s.${quoteIdent(c.name)} AS ${STORE_TYPE[c.sqlType]})`;

async function appendStaged(tx: WriteTx, table: string, cols: PhysicalColumn[], from: string, where = ''): Promise<void> {
  const [{ m }] = await tx.query(`SELECT coalesce(max(${quoteIdent(RECORD_ID_COLUMN)}), 0) AS m FROM ${quoteIdent(table)}`);
  const names = cols.map((c) => quoteIdent(c.name));
  await tx.exec(`INSERT INTO ${quoteIdent(table)} (${[quoteIdent(RECORD_ID_COLUMN), ...names].join(', ')})
    SELECT CAST(? AS BIGINT) + row_number() OVER (ORDER BY s.${STAGE_ORDER_COLUMN})${cols.map((c) => `, ${staged(c)}`).join('')} FROM ${from} s${where} ORDER BY s.${STAGE_ORDER_COLUMN}`, [Number(m)]);
}

// ---- datastore_create ----

function parseFields(d: CkanData, existing: Field[], recs: unknown[]): Field[] {
  const given = jsonValue(d, 'fields');
  if (given !== undefined && (!Array.isArray(given) || !given.every(isDict))) throw invalid('fields', 'Must be a list of dictionaries');
  const out = existing.map((f) => ({ ...f, annotations: { ...f.annotations } }));
  for (const [i, g] of ((given ?? []) as CkanData[]).entries()) {
    onlyKeys('fields', g, ['id', 'type', 'info', 'schema']);
    const id = typeof g.id === 'string' ? g.id : '';
    if (!id) throw invalid('fields', `field ${i + 1}: "id" is missing`);
    if (normaliseName(id) !== id || id.includes('__')) throw invalid('fields', `"${id}" is not a valid field name (lowercase letters, digits and single "_"; e.g. "${normaliseName(id) || 'field'}")`);
    const info = g.info === undefined ? {} : g.info;
    if (!isDict(info)) throw invalid('fields', `field "${id}": info must be a dictionary`);
    let type: FieldType | undefined;
    if (g.type !== undefined && g.type !== null && g.type !== '') {
      type = FIELD_TYPES[String(g.type).toLowerCase()];
      if (!type) throw invalid('fields', `"${String(g.type)}" is not a valid field type (text, int, float, numeric, timestamp, date, bool, json)`);
    }
    const old = out.find((f) => f.name === id);
    if (old) {
      if (type && type !== old.type) throw invalid('fields', `field "${id}" is ${DATASTORE_TYPE[old.type]}: its type cannot be changed to ${String(g.type)}`);
    } else {
      if (out.some((f) => physicalColumns(f).some((c) => c.name === id))) throw invalid('fields', `"${id}" is taken by a column of another field`);
      type ??= guessType(recs, id);
      out.push({ name: id, label: id, type, description: null, annotations: {} });
    }
    const f = out.find((x) => x.name === id)!;
    if (typeof info.label === 'string' && info.label) f.label = info.label;
    if (typeof info.notes === 'string') f.description = info.notes || null;
  }
  return out;
}

/** CKAN guesses a field's type from the first record holding it. */
function guessType(recs: unknown[], id: string): FieldType {
  const v = recs.map((r) => (isDict(r) ? r[id] : undefined)).find((x) => x !== undefined && x !== null);
  if (v === undefined) throw invalid('fields', `field "${id}" has no type and no record gives it a value`);
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'double';
  if (typeof v === 'boolean') return 'boolean';
  if (typeof v === 'object') return 'json_blob';
  return 'text';
}

export async function datastoreCreate(ctx: AppContext, req: FastifyRequest, d: CkanData): Promise<unknown> {
  const w = await writeContext(ctx, req, 'datastore_create');
  const resource = jsonValue(d, 'resource');
  if (resource !== undefined && text(d, 'resource_id') !== undefined) throw invalid('resource', 'resource cannot be used with resource_id');
  if (resource !== undefined && !isDict(resource)) throw invalid('resource', 'Must be a dictionary');
  if (isDict(resource) && resource.url !== undefined) throw invalid('resource', 'a resource with a url is imported by resource_create; datastore_create takes fields and records');
  const resourceId = text(d, 'resource_id') ?? (isDict(resource) && typeof resource.package_id === 'string' ? resource.package_id : undefined);
  if (!resourceId) throw invalid('resource_id', 'resource_id or resource required');
  for (const k of ['aliases', 'triggers']) if (jsonValue(d, k) !== undefined && (list(d, k) ?? []).length) throw invalid(k, `${k} are not supported by Agora's datastore`);
  const recs = recordsParam(d);
  return asCkan('resource_id', async () => {
    let ds = writable(w, resourceId);
    await refuseProcessed(w, ds);
    const fields = parseFields(d, ds.fields, recs);
    if (fields.length === 0) throw invalid('fields', 'Missing value');
    const pk = list(d, 'primary_key');
    if (pk) {
      for (const k of pk) if (!fields.some((f) => f.name === k)) throw invalid('primary_key', `field "${k}" is not in the resource`);
      for (const f of fields) {
        if (pk.includes(f.name) && (f.type === 'geo_shape' || f.type === 'json_blob' || f.type === 'geo_point_2d')) throw invalid('primary_key', `field "${f.name}" (${DATASTORE_TYPE[f.type]}) cannot be a key`);
        if (pk.includes(f.name)) f.annotations.id = true; else delete f.annotations.id;
      }
    }
    const phys = recs.map((r, i) => physical(fields, r, i));
    const keys = keyFields(fields);
    if (keys.length) checkKeys(keys, recs, true);
    const table = newRecordTable(ds.dataset_id);
    const oldCols = ds.fields.flatMap((f) => physicalColumns(f).map((c) => c.name));
    const cols = fields.flatMap((f) => physicalColumns(f));
    const count = ds.metas.default.records_count + recs.length;
    await ctx.catalog.publishVersion({
      datasetId: ds.dataset_id, table, fields, recordsCount: count, mode: 'replace',
      beforeCommit: async (tx) => {
        await tx.exec(emptyRecordTableSql(table, fields));
        if (oldCols.length) {
          const names = [RECORD_ID_COLUMN, ...oldCols].map(quoteIdent).join(', ');
          await tx.exec(`INSERT INTO ${quoteIdent(table)} (${names}) SELECT ${names} FROM ${quoteIdent(ds.table)}`);
        }
        if (phys.length) {
          await tx.stageRows(STAGE, cols, phys);
          const kc = keyColumns(fields);
          if (kc.length && oldCols.length) {
            const clash = await firstByKey(tx, table, kc, true);
            if (clash !== null) throw records(`Record at index ${clash}: duplicate key value ${keyText(keys, recs[clash])} (a record with this key is in the resource)`);
          }
          await appendStaged(tx, table, cols, STAGE);
        }
        const kc = keyColumns(fields);
        if (kc.length && !phys.length && oldCols.length) {
          const [dup] = await tx.query(`SELECT count(*) AS n FROM (SELECT 1 FROM ${quoteIdent(table)} GROUP BY ${kc.map(quoteIdent).join(', ')} HAVING count(*) > 1) x`);
          if (Number(dup?.n ?? 0) > 0) throw invalid('primary_key', `the records of the resource are not unique on ${kc.join(', ')}`);
        }
      },
    });
    // The new version keeps the old fields' labels and keys: the ones given here are set after.
    ds = await ctx.catalog.updateFields(ds.dataset_id, fields);
    await w.audit('dataset.datastore.create', ds.dataset_uid, { dataset_id: ds.dataset_id, fields: fields.map((f) => `${f.name} (${f.type})`), records: recs.length, primary_key: keyFields(fields).map((f) => f.name) });
    const kf = keyFields(ds.fields).map((f) => f.name);
    return { resource_id: ds.dataset_id, fields: fieldsResult(ds.fields), method: 'insert', ...(kf.length ? { primary_key: kf } : {}) };
  });
}

// ---- datastore_upsert ----

class DryRun extends Error {}

export async function datastoreUpsert(ctx: AppContext, req: FastifyRequest, d: CkanData): Promise<unknown> {
  const w = await writeContext(ctx, req, 'datastore_upsert');
  const resourceId = text(d, 'resource_id') ?? text(d, 'id');
  if (!resourceId) throw invalid('resource_id', 'Missing value');
  const method = text(d, 'method') ?? 'upsert';
  if (!['upsert', 'insert', 'update'].includes(method)) throw invalid('method', `Value must be one of upsert, insert, update; not: ${method}`);
  if (flag(d, 'include_records', false)) throw invalid('include_records', 'not supported: read the records back with datastore_search');
  const dryRun = flag(d, 'dry_run', false);
  const recs = recordsParam(d);
  return asCkan('resource_id', async () => {
    const ds = writable(w, resourceId);
    if (ds.fields.length === 0) throw new CkanError('Not Found Error', `Not found: Resource "${resourceId}" has no datastore table (create it with datastore_create)`);
    await refuseProcessed(w, ds);
    const keys = keyFields(ds.fields);
    if (method !== 'insert' && keys.length === 0) throw new CkanError('Validation Error', 'table does not have a unique key defined', { table: ['table does not have a unique key defined'] });
    const phys = recs.map((r, i) => physical(ds.fields, r, i));
    if (keys.length) checkKeys(keys, recs, method === 'insert');
    try {
      if (phys.length) await ctx.catalog.writeLive(async (tx) => {
        await writeRecords(tx, ds, method as 'upsert' | 'insert' | 'update', recs, phys);
        if (dryRun) throw new DryRun();
        return [ds.dataset_id];
      });
    } catch (e) {
      if (!(e instanceof DryRun)) throw e;
    }
    if (!dryRun && phys.length) await w.audit(`dataset.records.${method}`, ds.dataset_uid, { dataset_id: ds.dataset_id, records: recs.length });
    return { resource_id: ds.dataset_id, method, ...(dryRun ? { dry_run: true } : {}) };
  });
}

/** The physical columns a record gives (insert: all of them, missing ones null; upsert and update:
 *  the key and the fields it names, the others left as they are). */
function givenColumns(ds: Dataset, r: unknown, all: boolean): string[] {
  return ds.fields.filter((f) => all || f.annotations.id || Object.hasOwn(r as object, f.name)).flatMap((f) => physicalColumns(f).map((c) => c.name));
}

async function writeRecords(tx: WriteTx, ds: Dataset, method: 'upsert' | 'insert' | 'update', recs: unknown[], phys: PhysicalRecord[]): Promise<void> {
  const table = quoteIdent(ds.table);
  const kc = keyColumns(ds.fields);
  const physCols = new Map(ds.fields.flatMap((f) => physicalColumns(f)).map((c) => [c.name, c]));
  // Runs of consecutive records naming the same fields: one statement each, in the order given.
  let start = 0;
  while (start < recs.length) {
    const cols = givenColumns(ds, recs[start], method === 'insert');
    let end = start + 1;
    while (end < recs.length && givenColumns(ds, recs[end], method === 'insert').join('\u0000') === cols.join('\u0000')) end++;
    const rows = phys.slice(start, end).map((p) => Object.fromEntries(cols.map((c) => [c, p[c] ?? null])));
    await tx.stageRows(STAGE, cols.map((c) => physCols.get(c)!), rows);
    const at = (n: number | null) => (n === null ? null : start + n);
    if (method === 'insert') {
      if (kc.length) {
        const clash = at(await firstByKey(tx, ds.table, kc, true));
        if (clash !== null) throw records(`Record at index ${clash}: duplicate key value ${keyText(keyFields(ds.fields), recs[clash])} (a record with this key is in the resource)`);
      }
      await appendStaged(tx, ds.table, cols.map((c) => physCols.get(c)!), STAGE);
    } else {
      if (method === 'update') {
        const missing = at(await firstByKey(tx, ds.table, kc, false));
        if (missing !== null) {
          const msg = `Record at index ${missing}: key ${keyText(keyFields(ds.fields), recs[missing])} not found`;
          throw new CkanError('Validation Error', `key: ${msg}`, { key: [msg] });
        }
      }
      // Of several records with one key in the run, the last is kept (as applying them in turn would).
      await tx.exec(`DROP TABLE IF EXISTS ${KEPT}`);
      await tx.exec(`CREATE TEMP TABLE ${KEPT} AS SELECT * FROM ${STAGE} WHERE ${STAGE_ORDER_COLUMN} IN (SELECT max(${STAGE_ORDER_COLUMN}) FROM ${STAGE} GROUP BY ${kc.map(quoteIdent).join(', ')})`);
      const set = cols.filter((c) => !kc.includes(c));
      if (set.length) {
        await tx.exec(`UPDATE ${table} SET ${set.map((c) => `${quoteIdent(c)} = ${staged(physCols.get(c)!)}`).join(', ')} FROM ${KEPT} s WHERE ${kc.map((c) => `${table}.${quoteIdent(c)} = s.${quoteIdent(c)}`).join(' AND ')}`);
      }
      if (method === 'upsert') await appendStaged(tx, ds.table, cols.map((c) => physCols.get(c)!), KEPT, ` WHERE NOT EXISTS (SELECT 1 FROM ${table} t WHERE ${match(kc, 's', 't')})`);
    }
    start = end;
  }
}

// ---- datastore_delete ----

export async function datastoreDelete(ctx: AppContext, req: FastifyRequest, d: CkanData): Promise<unknown> {
  const w = await writeContext(ctx, req, 'datastore_delete');
  const resourceId = text(d, 'resource_id') ?? text(d, 'id');
  if (!resourceId) throw invalid('resource_id', 'Missing value');
  const filters = jsonValue(d, 'filters');
  if (filters !== undefined && !isDict(filters)) throw invalid('filters', 'Must be a dictionary');
  return asCkan('resource_id', async () => {
    const ds = writable(w, resourceId);
    if (ds.fields.length === 0) throw new CkanError('Not Found Error', `Not found: Resource "${resourceId}" has no datastore table`);
    if (filters === undefined || Object.keys(filters).length === 0) {
      // CKAN drops the table: the dataset keeps no field and no record (datastore_create starts afresh).
      const table = newRecordTable(ds.dataset_id);
      await ctx.catalog.publishVersion({ datasetId: ds.dataset_id, table, fields: [], recordsCount: 0, mode: 'replace', beforeCommit: (tx) => tx.exec(emptyRecordTableSql(table, [])) });
      await w.audit('dataset.records.delete', ds.dataset_uid, { dataset_id: ds.dataset_id, all: true });
      return { resource_id: ds.dataset_id };
    }
    const where: string[] = [];
    const params: Array<string | number | boolean | null> = [];
    for (const [name, value] of Object.entries(filters)) {
      const f = ds.fields.find((x) => x.name === name);
      if (!f) throw invalid('filters', `field "${name}" not in table`);
      const cols = physicalColumns(f);
      if (cols.length !== 1 || f.type === 'json_blob') throw invalid('filters', `field "${name}" (${DATASTORE_TYPE[f.type]}) cannot be filtered on`);
      const values = Array.isArray(value) ? value : [value];
      if (values.length === 0) throw invalid('filters', `empty list for "${name}"`);
      const typed = values.map((v) => {
        try {
          return toPhysical([f], { [name]: coerce(f, v) }, 0)[name] ?? null;
        } catch (e) {
          throw invalid('filters', recordProblem(e).replace(/^Record at index 0: /, ''));
        }
      });
      if (typed.some((v) => v === null)) throw invalid('filters', `null is not a filter value for "${name}"`);
      where.push(`${quoteIdent(name)} IN (${typed.map(() => `CAST(? AS ${STORE_TYPE[cols[0]!.sqlType]})`).join(', ')})`);
      params.push(...typed);
    }
    await ctx.catalog.writeLive(async (tx) => {
      await tx.exec(`DELETE FROM ${quoteIdent(ds.table)} WHERE ${where.join(' AND ')}`, params);
      return [ds.dataset_id];
    });
    await w.audit('dataset.records.delete', ds.dataset_uid, { dataset_id: ds.dataset_id, filters });
    return { resource_id: ds.dataset_id, filters };
  });
}
