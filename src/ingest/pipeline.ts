// importDataset: one line per stage — resolve the source, detect its format, stage it, infer the
// fields, write the record table, publish. Staging tables and temp files always go; on failure the new
// table goes too and the published dataset is untouched (a failed first import publishes nothing).
import type { Catalog } from '../catalog/index.ts';
import { newRecordTable, newStagingTable, validateDatasetId } from '../catalog/index.ts';
import { AgoraError, isAgoraError } from '../core/errors.ts';
import type { Field } from '../core/types.ts';
import type { Backend } from '../storage/backend.ts';
import { quoteIdent } from '../sql/quote.ts';
import type { FieldPlan, ImportOptions, ImportSummary, IngestFormat, Staging } from './types.ts';
import { alignToDataset } from './append.ts';
import { recordSelect } from './build.ts';
import { planFields } from './infer/index.ts';
import { engineMessage } from './engine-errors.ts';
import { detectFormat } from './sources/detect.ts';
import { newWorkspace, type Workspace } from './sources/files.ts';
import { resolveSource, type LocalSource } from './sources/resolve.ts';
import { stageCsv } from './sources/csv.ts';
import { stageJson } from './sources/json.ts';
import { stageGeoJson } from './sources/geojson.ts';
import { stageXlsx } from './sources/xlsx.ts';
import { stageParquet } from './sources/parquet.ts';
import { retypeFields } from './preview.ts';

export async function importDataset(catalog: Catalog, opts: ImportOptions): Promise<ImportSummary> {
  const started = performance.now();
  const progress = opts.onProgress ?? (() => undefined);
  validateDatasetId(opts.datasetId);
  if (opts.mode === 'create' && catalog.find(opts.datasetId)) {
    throw new AgoraError('DATASET_EXISTS', `Dataset "${opts.datasetId}" already exists: use --replace to swap its data or --append to add rows.`);
  }
  const backend = catalog.backend;
  const ws = newWorkspace();
  const stagingTable = newStagingTable();
  let sourceName = opts.source;
  try {
    const src = await resolveSource(opts.source, ws, progress);
    sourceName = src.name;
    const format = opts.format ?? await detectFormat(src.path, src.name);
    const staging = await stage(backend, format, src, stagingTable, ws, opts);
    progress({ phase: 'infer', rows: staging.rows });
    const existing = catalog.find(opts.datasetId);
    const appending = opts.mode === 'append' && existing;
    let plans = await planFields(backend, staging, ws, { verify: Boolean(appending) });
    if (opts.fieldTypes && !appending) plans = await retypeFields(backend, staging, plans, opts.fieldTypes);
    plans = laidOut(plans, opts);
    progress({ phase: 'write', rows: staging.rows });
    let dataset;
    if (appending) {
      plans = await alignToDataset(backend, staging, plans, existing.fields, opts.datasetId);
      dataset = await catalog.publishVersion({
        datasetId: opts.datasetId, title: opts.title, table: existing.table, fields: existing.fields, mode: 'append',
        recordsCount: existing.metas.default.records_count + staging.rows,
        beforeCommit: async (tx) => {
          const last = Number((await tx.query(`SELECT coalesce(max(_rid), 0) AS m FROM ${quoteIdent(existing.table)}`))[0].m);
          const sel = recordSelect(staging.table, plans, last);
          await tx.exec(`INSERT INTO ${quoteIdent(existing.table)} (${sel.columns.map(quoteIdent).join(', ')}) ${sel.sql}`);
        },
      });
    } else {
      const table = newRecordTable(opts.datasetId);
      try {
        const create = () => backend.write((tx) => tx.exec(`CREATE TABLE ${quoteIdent(table)} AS ${recordSelect(staging.table, plans).sql}`),
          { onProgress: (fraction) => progress({ phase: 'write', rows: staging.rows, fraction }) });
        try {
          await create();
        } catch {
          // A value past the sample did not fit the type it suggested: check every row, then write again.
          progress({ phase: 'infer', rows: staging.rows });
          plans = await planFields(backend, staging, ws, { verify: true });
          if (opts.fieldTypes) plans = await retypeFields(backend, staging, plans, opts.fieldTypes);
          plans = laidOut(plans, opts);
          await create();
        }
        const fields: Field[] = plans.map((p) => ({ name: p.name, label: p.label, type: p.type, description: null, annotations: {} }));
        progress({ phase: 'publish', rows: staging.rows });
        dataset = await catalog.publishVersion({ datasetId: opts.datasetId, title: opts.title, table, fields, recordsCount: staging.rows, mode: opts.mode });
      } catch (e) {
        await backend.write((tx) => tx.exec(`DROP TABLE IF EXISTS ${quoteIdent(table)}`)).catch(() => undefined);
        throw e;
      }
    }
    progress({ phase: 'done', rows: staging.rows });
    return { dataset, rowsLoaded: staging.rows, rejected: staging.rejected, fields: dataset.fields, elapsedMs: performance.now() - started };
  } catch (e) {
    throw translate(e, sourceName);
  } finally {
    await dropStaging(backend, stagingTable).catch(() => undefined);
    ws.dispose();
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
    default:
      throw new AgoraError('INGEST_FORMAT', `${src.name}: unsupported format ${JSON.stringify(format)}.`);
  }
}

/** Drops the staging table and every table derived from it (raw JSON, features, geometry sides). */
export async function dropStaging(backend: Backend, table: string): Promise<void> {
  await backend.write(async (tx) => {
    const rows = await tx.query(`SELECT table_name AS t FROM information_schema.tables WHERE table_name = ? OR table_name LIKE ? ESCAPE '\\'`,
      [table, table.replace(/_/g, '\\_') + '\\_%']);
    for (const r of rows) await tx.exec(`DROP TABLE IF EXISTS ${quoteIdent(String(r.t))}`);
  });
}

/** Engine errors become AgoraErrors naming the file; no stack or engine jargon reaches the user. */
export function translate(e: unknown, name: string): AgoraError {
  if (isAgoraError(e)) return e;
  return new AgoraError('INGEST_FAILED', `${name}: loading failed, nothing was published (${engineMessage(e)}).`, { file: name });
}
