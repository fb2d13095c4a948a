// The processors' one way in: the registry (with every built-in processor registered), checking
// processor bodies, planning and running a pipeline, the per-dataset store, and the publish step.
import './builtin/index.ts';
export { processorDef, processorDefs, registerProcessor } from './registry.ts';
export { parseProcessor, processorBody } from './params.ts';
export { nameOf, planPipeline, type PlannedPipeline } from './plan.ts';
export { runPipeline, type RunResult, type SkippedRecord } from './run.ts';
export { processorStore, SAMPLE_SIZE, type ProcessorStore, type Sample } from './store.ts';
export { keepSample, pfield, portalContext, processInto, processTable, putPipeline, startOf, type Processed, type ProcessRun } from './apply.ts';
export { physicalOf, readRecords } from './table.ts';
export type { PField, ParamSpec, Params, ProcessorConfig, ProcessorDef, Rec, Step, Value } from './types.ts';
export { StepFailure } from './types.ts';
export { previewPipeline, type PreviewResult, type PreviewRow } from './preview.ts';
export { pipelineDocument, readPipelineDocument, type DocumentFormat } from './document.ts';
