// Dataset processors through the Automation API (ODS /datasets/{uid}/processors/): list, add at the
// end, read, replace, delete, move (reorder), import and export a whole pipeline, and preview a
// pipeline over the dataset's sample. Every operation needs edit_dataset on the dataset; a change is
// planned over the dataset's fields before it is stored, so a wrong parameter is refused at once.
import { AgoraError } from '../core/errors.ts';
import type { Dataset } from '../core/types.ts';
import {
  parseProcessor, processorDefs, pipelineDocument, planPipeline, portalContext, previewPipeline, processorBody, processorDef, processorStore, putPipeline,
  readPipelineDocument, startOf, type DocumentFormat, type PreviewResult, type ProcessorConfig,
} from '../ingest/processors/index.ts';
import { datasetFor, requireUser, type AutomationDeps } from './automation.ts';
import { newUid } from './drafts.ts';
import { canSeeDataset, type Caller } from './rules.ts';
import { invalidParameter as invalid } from '../core/errors.ts';

type Body = Record<string, unknown>;
const editable = (d: AutomationDeps, c: Caller, uid: string) => datasetFor(d, c, uid, 'edit_dataset');

/** Refuses joins with a dataset the caller cannot read. */
function refuseUnseen(d: AutomationDeps, c: Caller, pipeline: ProcessorConfig[]): void {
  for (const p of pipeline) {
    for (const spec of processorDef(p.type).params) {
      const id = p.params[spec.name];
      if (spec.kind !== 'dataset' || typeof id !== 'string') continue;
      const other = d.catalog.find(id);
      if (!other || !canSeeDataset(d.store, c, other)) {
        throw new AgoraError('PROCESSOR_INVALID', `Invalid ${spec.name}: there is no dataset "${id}" you can read in this portal.`, { detail: { [spec.name]: ['unknown dataset'] } });
      }
    }
  }
}

/** Stores the pipeline once it is planned over the dataset's fields (so what would fail the next publish is refused now). */
async function store(d: AutomationDeps, c: Caller, ds: Dataset, pipeline: ProcessorConfig[]): Promise<void> {
  refuseUnseen(d, c, pipeline);
  await putPipeline(d.catalog, ds, pipeline);
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
  refuseUnseen(d, c, draft);
  const start = await startOf(d.catalog, ds);
  return previewPipeline(await planPipeline(draft, start.fields, portalContext(d.catalog)), start.records);
}

/** GET /processors/: every registered processor with its parameter schema (any signed-in user). */
export function processorCatalogue(c: Caller): Body[] {
  requireUser(c);
  return processorDefs().map((p) => ({ type: p.type, label: p.label, category: p.category, description: p.description, parameters: p.params }));
}
