// importDataset: one line per stage — resolve the source, detect its format, stage it, infer the
// fields, write the record table, publish. Staging tables and temp files always go; on failure the new
// table goes too and the published dataset is untouched (a failed first import publishes nothing).
// Several files (`more`) are staged and matched first, then written and published as one version.
// The dataset's processors (processors/) run over the written table before it is published.
import type { Catalog } from '../catalog/index.ts';
import { newRecordTable, newStagingTable, validateDatasetId } from '../catalog/index.ts';
import { AgoraError, isAgoraError } from '../core/errors.ts';
import type { Field } from '../core/types.ts';
import type { Backend, WriteTx } from '../storage/backend.ts';
import { quoteIdent } from '../sql/quote.ts';
import type { FieldPlan, ImportOptions, ImportSummary, IngestFormat, MoreSource, Staging } from './types.ts';
import { alignToDataset } from './append.ts';
import { recordSelect } from './build.ts';
import { planFields } from './infer/index.ts';
import { engineMessage } from './engine-errors.ts';
import { detectFormat } from './sources/detect.ts';
import { newWorkspace, type Workspace } from './sources/files.ts';
import { resolveSource, type LocalSource } from './sources/resolve.ts';
import { rejectReason, stageCsv } from './sources/csv.ts';
import { noRowsWarnings } from './no-rows.ts';
import { stageJson } from './sources/json.ts';
import { stageGeoJson } from './sources/geojson.ts';
import { stageXlsx } from './sources/xlsx.ts';
import { stageParquet } from './sources/parquet.ts';
import { stageKml } from './sources/kml.ts';
import { stageGpx } from './sources/gpx.ts';
import { stageShapefile } from './sources/shapefile.ts';
import { retypeFields } from './preview.ts';
import { moveToStore, withWorkEngine } from './work-engine.ts';
import { keepSample, processorStore, processTable, type Processed } from './processors/index.ts';
import { appendProcessed } from './processed-append.ts';

export async function importDataset(catalog: Catalog, opts: ImportOptions): Promise<ImportSummary> {
  validateDatasetId(opts.datasetId);
  if (opts.mode === 'create' && catalog.find(opts.datasetId)) {
    throw new AgoraError('DATASET_EXISTS', `Dataset "${opts.datasetId}" already exists: use --replace to swap its data or --append to add rows.`);
  }
  const ws = newWorkspace();
  let sourceName = opts.source;
  try {
    return await withWorkEngine(catalog.backend, (work) => importWith(catalog, work, ws, opts, (n) => { sourceName = n; }));
  } catch (e) {
    throw translate(e, sourceName);
  } finally {
    ws.dispose();
  }
}

/** The import on `work`, the engine that stages and types files (see work-engine.ts); the record
 *  table is written there, then moved into the store (when they differ) and published. */
async function importWith(catalog: Catalog, work: Backend, ws: Workspace, opts: ImportOptions, named: (name: string) => void): Promise<ImportSummary> {
  const started = performance.now();
  const progress = opts.onProgress ?? (() => undefined);
  const store = catalog.backend;
  const stagingTable = newStagingTable();
  const moreTables: string[] = [];
  try {
    const src = await resolveSource(opts.source, ws, progress);
    named(src.name);
    const format = opts.format ?? await detectFormat(src.path, src.name);
    const staging = await stage(work, format, src, stagingTable, ws, opts);
    progress({ phase: 'infer', rows: staging.rows });
    const existing = catalog.find(opts.datasetId);
    const appending = opts.mode === 'append' && existing;
    const more = opts.more ?? [];
    // With further files, every row of the first is checked now: their fields follow its types.
    let plans = await planFields(work, staging, ws, { verify: Boolean(appending) || more.length > 0 });
    if (opts.fieldTypes && !appending) plans = await retypeFields(work, staging, plans, opts.fieldTypes);
    plans = laidOut(plans, opts);
    // With processors, appended rows meet the dataset's fields after the pipeline, not before.
    const piped = appending && (await processorStore(catalog)).pipeline(existing.dataset_uid).length > 0;
    if (appending && !piped) plans = await alignToDataset(work, staging, plans, existing.fields, opts.datasetId);
    // Further files are read and matched to the first one's fields before anything is written.
    const fields = appending && !piped ? existing.fields : plans.map(fieldOf);
    const extras: Array<{ staging: Staging; plans: FieldPlan[] }> = [];
    for (const m of more) {
      const table = newStagingTable();
      moreTables.push(table);
      extras.push(await stageMore(work, m, table, ws, opts, fields));
    }
    const warnings = noRowsWarnings([staging, ...extras.map((x) => x.staging)], opts.refuseNoRows === true, opts.mode);
    const rows = staging.rows + extras.reduce((n, x) => n + x.staging.rows, 0);
    /** Inserts the further files after `offset` record ids, in order. */
    const insertMore = async (tx: WriteTx, table: string, offset: number) => {
      for (const x of extras) {
        const sel = recordSelect(x.staging.table, x.plans, offset);
        await tx.exec(`INSERT INTO ${quoteIdent(table)} (${sel.columns.map(quoteIdent).join(', ')}) ${sel.sql}`);
        offset += x.staging.rows;
      }
    };
    progress({ phase: 'write', rows });
    let dataset;
    let processed: Processed | null = null;
    if (appending && piped) {
      // The rows are written on the work engine and, on another store, moved in; the pipeline runs on the store.
      const moved = newStagingTable();
      moreTables.push(moved);
      let typed = '';
      if (work !== store) {
        await work.write(async (tx) => {
          await tx.exec(`CREATE TABLE ${quoteIdent(moved)} AS ${recordSelect(staging.table, plans).sql}`);
          await insertMore(tx, moved, staging.rows);
        });
        typed = await moveToStore(work, store, moved, ws);
      }
      ({ dataset, processed } = await appendProcessed(catalog, existing, plans.map(fieldOf), staging.sourceName, opts.title, async (tx, table) => {
        if (work !== store) {
          await tx.exec(`CREATE TABLE ${quoteIdent(table)} AS SELECT ${typed} FROM ${quoteIdent(moved)} ORDER BY _rid`);
          await tx.exec(`DROP TABLE ${quoteIdent(moved)}`);
          return;
        }
        await tx.exec(`CREATE TABLE ${quoteIdent(table)} AS ${recordSelect(staging.table, plans).sql}`);
        await insertMore(tx, table, staging.rows);
      }));
    } else if (appending && work === store) {
      dataset = await catalog.publishVersion({
        datasetId: opts.datasetId, title: opts.title, table: existing.table, fields: existing.fields, mode: 'append',
        recordsCount: existing.metas.default.records_count + rows,
        beforeCommit: async (tx) => {
          const last = Number((await tx.query(`SELECT coalesce(max(_rid), 0) AS m FROM ${quoteIdent(existing.table)}`))[0].m);
          const sel = recordSelect(staging.table, plans, last);
          await tx.exec(`INSERT INTO ${quoteIdent(existing.table)} (${sel.columns.map(quoteIdent).join(', ')}) ${sel.sql}`);
          await insertMore(tx, existing.table, last + staging.rows);
        },
      });
    } else if (appending) {
      // The new rows are numbered from 1 on the work engine, then after the store's last id inside the publish.
      const added = newStagingTable();
      moreTables.push(added);
      await work.write(async (tx) => {
        await tx.exec(`CREATE TABLE ${quoteIdent(added)} AS ${recordSelect(staging.table, plans).sql}`);
        await insertMore(tx, added, staging.rows);
      });
      const typed = await moveToStore(work, store, added, ws);
      const cols = (await work.introspect(added)).map((c) => quoteIdent(c.name));
      dataset = await catalog.publishVersion({
        datasetId: opts.datasetId, title: opts.title, table: existing.table, fields: existing.fields, mode: 'append',
        recordsCount: existing.metas.default.records_count + rows,
        beforeCommit: async (tx) => {
          const last = Number((await tx.query(`SELECT coalesce(max(_rid), 0) AS m FROM ${quoteIdent(existing.table)}`))[0].m);
          const shifted = cols.map((c) => (c === quoteIdent('_rid') ? `${c} + CAST(? AS BIGINT) AS ${c}` : c));
          await tx.exec(`INSERT INTO ${quoteIdent(existing.table)} (${cols.join(', ')}) SELECT ${shifted.join(', ')} FROM (SELECT ${typed} FROM ${quoteIdent(added)}) AS a ORDER BY _rid`, [last]);
          await tx.exec(`DROP TABLE ${quoteIdent(added)}`);
        },
      });
    } else {
      const table = newRecordTable(opts.datasetId);
      try {
        const create = () => work.write(async (tx) => {
          await tx.exec(`CREATE TABLE ${quoteIdent(table)} AS ${recordSelect(staging.table, plans).sql}`);
          await insertMore(tx, table, staging.rows);
        }, { onProgress: (fraction) => progress({ phase: 'write', rows, fraction }) });
        try {
          await create();
        } catch (e) {
          if (extras.length > 0) throw e; // every row was checked already: a real failure
          // A value past the sample did not fit the type it suggested: check every row, then write again.
          progress({ phase: 'infer', rows: staging.rows });
          plans = await planFields(work, staging, ws, { verify: true });
          if (opts.fieldTypes) plans = await retypeFields(work, staging, plans, opts.fieldTypes);
          plans = laidOut(plans, opts);
          await create();
        }
        if (work !== store) {
          const moved = newStagingTable();
          moreTables.push(moved);
          await work.write((tx) => tx.exec(`ALTER TABLE ${quoteIdent(table)} RENAME TO ${quoteIdent(moved)}`));
          const typed = await moveToStore(work, store, moved, ws);
          await store.write(async (tx) => {
            await tx.exec(`CREATE TABLE ${quoteIdent(table)} AS SELECT ${typed} FROM ${quoteIdent(moved)} ORDER BY _rid`);
            await tx.exec(`DROP TABLE ${quoteIdent(moved)}`);
          });
        }
        processed = await processTable(catalog, opts.datasetId, table, plans.map(fieldOf));
        if (processed) await store.write((tx) => tx.exec(`DROP TABLE IF EXISTS ${quoteIdent(table)}`));
        progress({ phase: 'publish', rows });
        dataset = await catalog.publishVersion({
          datasetId: opts.datasetId, title: opts.title, table: processed?.table ?? table, mode: opts.mode,
          fields: processed ? processed.fields.map(fieldOf) : plans.map(fieldOf), recordsCount: processed?.rows ?? rows,
        });
        await keepSample(catalog, opts.datasetId, processed);
      } catch (e) {
        for (const t of [table, ...(processed ? [processed.table] : [])]) await store.write((tx) => tx.exec(`DROP TABLE IF EXISTS ${quoteIdent(t)}`)).catch(() => undefined);
        throw e;
      }
    }
    progress({ phase: 'done', rows });
    const all = [staging, ...extras.map((x) => x.staging)];
    const rejected = all.flatMap((s) => s.rejected);
    const skipped = all.flatMap((s) => s.rejected.map((r) => ({ file: s.sourceName, line: r.line, reason: rejectReason(r.message) })));
    const skippedByProcessors = processed?.skipped ?? [];
    return { dataset, rowsLoaded: processed?.rows ?? rows, rejected, skipped, skippedByProcessors, processorsEngine: processed?.engine ?? null, warnings, fields: dataset.fields, elapsedMs: performance.now() - started };
  } finally {
    for (const t of [stagingTable, ...moreTables]) await dropStaging(work, t).catch(() => undefined);
  }
}

const fieldOf = (p: Pick<FieldPlan, 'name' | 'label' | 'type'>): Field => ({ name: p.name, label: p.label, type: p.type, description: null, annotations: {} });

/** A further file of a multi-file import, staged with its own reading options and matched to the
 *  first file's fields (a column typed otherwise is read as the first's type when every value allows). */
async function stageMore(backend: Backend, m: MoreSource, table: string, ws: Workspace, opts: ImportOptions, fields: Field[]): Promise<{ staging: Staging; plans: FieldPlan[] }> {
  let name = m.source;
  try {
    const src = await resolveSource(m.source, ws, opts.onProgress ?? (() => undefined));
    name = src.name;
    const format = m.format ?? await detectFormat(src.path, src.name);
    const staging = await stage(backend, format, src, table, ws, { ...opts, delimiter: m.delimiter, encoding: m.encoding, sheet: m.sheet, skipBadRows: m.skipBadRows ?? opts.skipBadRows });
    const plans = laidOut(await planFields(backend, staging, ws, { verify: true }), opts);
    return { staging, plans: await alignToDataset(backend, staging, plans, fields, opts.datasetId) };
  } catch (e) {
    throw translate(e, name); // engine errors name this file, not the first one
  }
}

/** The plans renamed, dropped and ordered as `opts.fieldLayout` says (unchanged without one). */
function laidOut(plans: FieldPlan[], opts: ImportOptions): FieldPlan[] {
  if (!opts.fieldLayout) return plans;
  const byName = new Map(plans.map((p) => [p.name, p]));
  return opts.fieldLayout(plans).map(({ from, name }) => ({ ...byName.get(from)!, name }));
}

export function stage(backend: Backend, format: IngestFormat, src: LocalSource, table: string, ws: Workspace, opts: ImportOptions): Promise<Staging> {
  const progress = opts.onProgress ?? (() => undefined);
  const onBytes = (bytes: number) => progress({ phase: 'read', bytes, totalBytes: src.size });
  const onLoad = (p: { fraction: number; rows: number }) => progress({ phase: 'load', fraction: p.fraction });
  if (src.size === 0) throw new AgoraError('INGEST_EMPTY', `${src.name} is empty.`, { file: src.name });
  switch (format) {
    case 'csv':
    case 'tsv':
      return stageCsv(backend, src.path, src.name, table, ws, { delimiter: opts.delimiter, encoding: opts.encoding, skipBadRows: opts.skipBadRows, tsv: format === 'tsv', onLoad }, onBytes);
    case 'json':
    case 'jsonl':
      return stageJson(backend, src.path, src.name, table, ws, opts.encoding, onBytes);
    case 'geojson':
      return stageGeoJson(backend, src.path, src.name, table, ws, opts.encoding, onBytes);
    case 'xlsx':
      return stageXlsx(backend, src.path, src.name, table, ws, { sheet: opts.sheet, skipBadRows: opts.skipBadRows }, (rows) => progress({ phase: 'read', rows }));
    case 'parquet':
      return stageParquet(backend, src.path, src.name, table, onLoad);
    case 'kml':
      return stageKml(backend, src.path, src.name, table, ws);
    case 'gpx':
      return stageGpx(backend, src.path, src.name, table, ws);
    case 'shapefile':
      return stageShapefile(backend, src.path, src.name, table, ws, opts.encoding);
    default:
      throw new AgoraError('INGEST_FORMAT', `${src.name}: unsupported format ${JSON.stringify(format)}.`);
  }
}

/** Drops the staging table and every table derived from it (raw JSON, features, geometry sides). */
export async function dropStaging(backend: Backend, table: string): Promise<void> {
  await backend.write(async (tx) => {
    const rows = await tx.query(`SELECT table_name AS t FROM information_schema.tables WHERE table_schema = current_schema() AND (table_name = ? OR table_name LIKE ? ESCAPE '\\')`,
      [table, table.replace(/_/g, '\\_') + '\\_%']);
    for (const r of rows) await tx.exec(`DROP TABLE IF EXISTS ${quoteIdent(String(r.t))}`);
  });
}

/** Engine errors become AgoraErrors naming the file; no stack or engine jargon reaches the user. */
export function translate(e: unknown, name: string): AgoraError {
  if (isAgoraError(e)) return e;
  return new AgoraError('INGEST_FAILED', `${name}: loading failed, nothing was published (${engineMessage(e)}).`, { file: name });
}
