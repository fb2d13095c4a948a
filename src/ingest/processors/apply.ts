// Where publishing meets processors. The pipeline's output goes from the freshly written (unpublished)
// record table to a second unpublished table, which is what gets published: a failure drops both and
// leaves the published data as it was. On DuckDB, a pipeline whose every processor has a SQL form
// runs as one CREATE TABLE … AS SELECT (sql-run.ts), giving the records JS would give; otherwise, or
// when a record needs JS (it fails, is skipped on error, or the engines part), the pipeline runs as
// JS over batches of logical records — the one engine of real-time pushes and the back-office
// preview, which names a failing record exactly (processor, record, field).
import type { Catalog } from '../../catalog/index.ts';
import { newRecordTable } from '../../catalog/index.ts';
import type { Dataset, Field } from '../../core/types.ts';
import type { Backend } from '../../storage/backend.ts';
import { quoteIdent } from '../../sql/quote.ts';
import { emptyRecordTableSql } from '../build.ts';
import { invalidParam, planPipeline, type PlannedPipeline } from './plan.ts';
import { runPipeline, type SkippedRecord } from './run.ts';
import { compilePipeline, runCompiled } from './sql-run.ts';
import { processorStore, SAMPLE_SIZE, type Sample } from './store.ts';
import { appendPhysical, physicalOf, readRecords } from './table.ts';
import type { PField, PlanContext, ProcessorConfig, Rec } from './types.ts';

/** Records a join may read from another dataset (a boundary or lookup dataset, not a big one). */
const MAX_JOINED = 200_000;
const WRITE_ROWS = 50_000;

/** Other datasets of the portal, read for join and geojoin. */
export function portalContext(catalog: Catalog): PlanContext {
  return {
    async readDataset(datasetId, where) {
      const ds = catalog.find(datasetId);
      if (!ds) throw invalidParam(where, `there is no dataset "${datasetId}" in this portal`);
      if (ds.metas.default.records_count > MAX_JOINED) throw invalidParam(where, `dataset "${datasetId}" has more than ${MAX_JOINED} records, too many to join`);
      const records: Rec[] = [];
      for await (const b of readRecords(catalog.backend, ds.table, ds.fields)) records.push(...b);
      return { fields: ds.fields.map(pfield), records };
    },
  };
}

export const pfield = (f: Pick<Field, 'name' | 'label' | 'type'>): PField => ({ name: f.name, label: f.label, type: f.type });

/** `engine`: how the records were processed (sql only when no record needed JS). */
export interface Processed { table: string; fields: PField[]; rows: number; skipped: SkippedRecord[]; sample: Sample; engine: 'sql' | 'js' }

/** Runs the dataset's pipeline over `table` into a new table; null when the dataset has no processors. */
export async function processTable(catalog: Catalog, datasetId: string, table: string, fields: readonly Field[]): Promise<Processed | null> {
  const ds = catalog.find(datasetId);
  if (!ds) return null;
  const configs = (await processorStore(catalog)).pipeline(ds.dataset_uid);
  if (configs.length === 0) return null;
  const input = fields.map(pfield);
  const planned = await planPipeline(configs, input, portalContext(catalog));
  const out = newRecordTable(datasetId);
  return { table: out, fields: planned.fields, ...await processInto(catalog.backend, planned, table, out, 'sql') };
}

/** What processInto tells of a run. */
export interface ProcessRun { rows: number; skipped: SkippedRecord[]; sample: Sample; engine: 'sql' | 'js' }

/** The planned pipeline over `table` written into the new table `out` (dropped again on failure):
 *  as one SQL statement when `engine` is 'sql', the store is DuckDB and the pipeline compiles and no
 *  record needs JS; else as JS. */
export async function processInto(backend: Backend, planned: PlannedPipeline, table: string, out: string, engine: 'sql' | 'js'): Promise<ProcessRun> {
  const input = planned.input;
  const compiled = engine === 'sql' && backend.dialectName === 'duckdb' ? compilePipeline(planned, table) : null;
  if (compiled) {
    const rows = await runCompiled(backend, compiled, out);
    if (rows !== null) {
      const records: Rec[] = [];
      for await (const b of readRecords(backend, table, input, SAMPLE_SIZE)) records.push(...b);
      return { rows, skipped: [], sample: { fields: input, records }, engine: 'sql' };
    }
  }
  const sample: Sample = { fields: input, records: [] };
  const skipped: SkippedRecord[] = [];
  let read = 0;
  let written = 0;
  try {
    await backend.write((tx) => tx.exec(emptyRecordTableSql(out, planned.fields)));
    // Written in chunks of WRITE_ROWS: one staging round trip per small read batch costs more than the processors.
    let pending: ReturnType<typeof physicalOf>[] = [];
    const flush = async () => {
      if (pending.length) await appendPhysical(backend, out, planned.fields, pending, written);
      written += pending.length;
      pending = [];
    };
    for await (const batch of readRecords(backend, table, input)) {
      if (sample.records.length < SAMPLE_SIZE) sample.records.push(...structuredClone(batch.slice(0, SAMPLE_SIZE - sample.records.length)));
      const res = runPipeline(planned, batch, read + 1);
      read += batch.length;
      skipped.push(...res.skipped);
      for (const r of res.records) pending.push(physicalOf(planned.fields, r, written + pending.length + 1));
      if (pending.length >= WRITE_ROWS) await flush();
    }
    await flush();
    return { rows: written, skipped, sample, engine: 'js' };
  } catch (e) {
    await backend.write((tx) => tx.exec(`DROP TABLE IF EXISTS ${quoteIdent(out)}`)).catch(() => undefined);
    throw e;
  }
}
/** The fields and first records a pipeline of this dataset starts from: the sample of its last publish
 *  through processors, else its published fields and first records. */
export async function startOf(catalog: Catalog, ds: Dataset): Promise<Sample> {
  const sample = (await processorStore(catalog)).sample(ds.dataset_uid);
  if (sample) return sample;
  const fields = ds.fields.map(pfield);
  const records: Rec[] = [];
  if (ds.has_records) for await (const b of readRecords(catalog.backend, ds.table, fields, SAMPLE_SIZE)) records.push(...b);
  return { fields, records };
}

/** Plans a pipeline for the dataset (refusing what would fail its next publish) and stores it. */
export async function putPipeline(catalog: Catalog, ds: Dataset, pipeline: ProcessorConfig[]): Promise<void> {
  await planPipeline(pipeline, (await startOf(catalog, ds)).fields, portalContext(catalog));
  await (await processorStore(catalog)).putPipeline(ds.dataset_uid, pipeline);
}

/** After a publish: the sample previews start from (none when the dataset has no processors). */
export async function keepSample(catalog: Catalog, datasetId: string, processed: Processed | null): Promise<void> {
  const ds = catalog.find(datasetId);
  if (ds) await (await processorStore(catalog)).putSample(ds.dataset_uid, processed?.sample ?? null);
}
