// Dataset processors through the Automation API (ODS /datasets/{uid}/processors/): list, add at the
// end, read, replace, delete, move (reorder), import and export a whole pipeline, and preview a
// pipeline over the dataset's sample. Every operation needs edit_dataset on the dataset; a change is
// planned over the dataset's fields before it is stored, so a wrong parameter is refused at once.
import { AgoraError } from '../core/errors.ts';
import type { Dataset } from '../core/types.ts';
import {
  parseProcessor, pfield, processorDefs, pipelineDocument, planPipeline, portalContext, previewPipeline, processorBody, processorDef, processorStore, readPipelineDocument,
  readRecords, SAMPLE_SIZE, type DocumentFormat, type PreviewResult, type ProcessorConfig, type Rec,
} from '../ingest/processors/index.ts';
import { datasetFor, requireUser, type AutomationDeps } from './automation.ts';
import { newUid } from './drafts.ts';
import { canSeeDataset, type Caller } from './rules.ts';
import { invalidParameter as invalid } from '../core/errors.ts';

type Body = Record<string, unknown>;
const editable = (d: AutomationDeps, c: Caller, uid: string) => datasetFor(d, c, uid, 'edit_dataset');

/** The fields and first records a pipeline of this dataset starts from. */
async function startOf(d: AutomationDeps, ds: Dataset): Promise<{ fields: ReturnType<typeof pfield>[]; records: Rec[] }> {
  const sample = (await processorStore(d.catalog)).sample(ds.dataset_uid);
  if (sample) return sample;
  const fields = ds.fields.map(pfield);
  const records: Rec[] = [];
  if (ds.has_records) for await (const b of readRecords(d.catalog.backend, ds.table, fields, SAMPLE_SIZE)) records.push(...b);
  return { fields, records };
}

/** Plans the pipeline over the dataset's fields (refusing what would fail the next publish), and
 *  refuses joins with a dataset the caller cannot see. */
async function checked(d: AutomationDeps, c: Caller, ds: Dataset, pipeline: ProcessorConfig[]) {
  for (const p of pipeline) {
    for (const spec of processorDef(p.type).params) {
      const other = spec.kind === 'dataset' && typeof p.params[spec.name] === 'string' ? d.catalog.find(String(p.params[spec.name])) : undefined;
      if (spec.kind === 'dataset' && p.params[spec.name] && (!other || !canSeeDataset(d.store, c, other))) {
        throw new AgoraError('PROCESSOR_INVALID', `Invalid ${spec.name}: there is no dataset "${String(p.params[spec.name])}" you can read in this portal.`, { detail: { [spec.name]: ['unknown dataset'] } });
      }
    }
  }
  const start = await startOf(d, ds);
  return { planned: await planPipeline(pipeline, start.fields, portalContext(d.catalog)), start };
}

async function store(d: AutomationDeps, c: Caller, ds: Dataset, pipeline: ProcessorConfig[]): Promise<void> {
  await checked(d, c, ds, pipeline);
  await (await processorStore(d.catalog)).putPipeline(ds.dataset_uid, pipeline);
}

async function current(d: AutomationDeps, ds: Dataset): Promise<ProcessorConfig[]> { return (await processorStore(d.catalog)).pipeline(ds.dataset_uid); }

function find(pipeline: ProcessorConfig[], ds: Dataset, puid: string): number {
  const at = pipeline.findIndex((p) => p.uid === puid);
  if (at < 0) throw new AgoraError('PROCESSOR_NOT_FOUND', `No processor "${puid}" in dataset ${ds.dataset_id}.`, { processor_uid: puid });
  return at;
}

export async function listProcessors(d: AutomationDeps, c: Caller, uid: string): Promise<Body[]> {
  return (await current(d, editable(d, c, uid))).map(processorBody);
}

export async function getProcessor(d: AutomationDeps, c: Caller, uid: string, puid: string): Promise<Body> {
  const ds = editable(d, c, uid);
  const list = await current(d, ds);
  return processorBody(list[find(list, ds, puid)]);
}

export async function addProcessor(d: AutomationDeps, c: Caller, uid: string, body: unknown): Promise<Body> {
  const ds = editable(d, c, uid);
  const p = parseProcessor(body, newUid('pr'));
  await store(d, c, ds, [...await current(d, ds), p]);
  return processorBody(p);
}

export async function updateProcessor(d: AutomationDeps, c: Caller, uid: string, puid: string, body: unknown): Promise<Body> {
  const ds = editable(d, c, uid);
  const list = await current(d, ds);
  const at = find(list, ds, puid);
  list[at] = parseProcessor(body, puid);
  await store(d, c, ds, list);
  return processorBody(list[at]);
}

export async function deleteProcessor(d: AutomationDeps, c: Caller, uid: string, puid: string): Promise<void> {
  const ds = editable(d, c, uid);
  const list = await current(d, ds);
  list.splice(find(list, ds, puid), 1);
  await store(d, c, ds, list);
}

/** POST …/processors/{puid}/move/ {"position": n} (1-based; Agora extension): reorders the pipeline. */
export async function moveProcessor(d: AutomationDeps, c: Caller, uid: string, puid: string, body: unknown): Promise<Body[]> {
  const ds = editable(d, c, uid);
  const list = await current(d, ds);
  const at = find(list, ds, puid);
  const pos = (body as Body | null)?.position;
  if (typeof pos !== 'number' || !Number.isInteger(pos) || pos < 1 || pos > list.length) throw invalid('position', `expected a whole number from 1 to ${list.length}`);
  const [p] = list.splice(at, 1);
  list.splice(pos - 1, 0, p);
  await store(d, c, ds, list);
  return list.map(processorBody);
}

export async function exportPipeline(d: AutomationDeps, c: Caller, uid: string, format: DocumentFormat): Promise<string> {
  return pipelineDocument(await current(d, editable(d, c, uid)), format);
}

/** PUT …/processors/ (Agora extension): the whole pipeline from a YAML or JSON document. */
export async function importPipeline(d: AutomationDeps, c: Caller, uid: string, doc: unknown): Promise<Body[]> {
  const ds = editable(d, c, uid);
  const list = readPipelineDocument(doc, () => newUid('pr'));
  await store(d, c, ds, list);
  return list.map(processorBody);
}

/** POST …/processors/preview/ (Agora extension): {"processors": [...]} (a draft; the stored pipeline when absent). */
export async function previewProcessors(d: AutomationDeps, c: Caller, uid: string, body: unknown): Promise<PreviewResult> {
  const ds = editable(d, c, uid);
  const draft = body && typeof body === 'object' && 'processors' in body ? readPipelineDocument(body, () => newUid('pr')) : await current(d, ds);
  const { planned, start } = await checked(d, c, ds, draft);
  return previewPipeline(planned, start.records);
}

/** GET /processors/: every registered processor with its parameter schema (any signed-in user). */
export function processorCatalogue(c: Caller): Body[] {
  requireUser(c);
  return processorDefs().map((p) => ({ type: p.type, label: p.label, category: p.category, description: p.description, parameters: p.params }));
}
