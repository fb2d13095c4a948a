// Shared by the processor unit tests: one processor (or a pipeline) run over records in-process, and
// a DuckDB connection whose answers to equivalent SQL are the expected values (an independent oracle).
import { duckdbAnswer } from '../support/duckdb-oracle.ts';
import { parseProcessor, planPipeline, runPipeline, type PField, type Rec } from '../../src/ingest/processors/index.ts';
import type { PlanContext } from '../../src/ingest/processors/types.ts';
import type { SqlParam } from '../../src/storage/backend.ts';

export const text = (...names: string[]): PField[] => names.map((name) => ({ name, label: name, type: 'text' }));

const none: PlanContext = { readDataset: async () => { throw new Error('no datasets here'); } };

/** The records a pipeline of these bodies gives (errors thrown as the publish would throw them). */
export async function run(bodies: object | object[], fields: PField[], records: Rec[], ctx: PlanContext = none) {
  const list = (Array.isArray(bodies) ? bodies : [bodies]).map((b, i) => parseProcessor(b, `pr_${i}`));
  const planned = await planPipeline(list, fields, ctx);
  return { ...runPipeline(planned, records, 1), fields: planned.fields };
}

/** One output value per input value, through a one-field text pipeline. */
export async function values(body: object, inputs: string[], field = 'v'): Promise<unknown[]> {
  const out = await run({ field, ...body }, text(field), inputs.map((v) => ({ [field]: v })));
  return out.records.map((r) => r[(body as { output_field?: string }).output_field ?? field]);
}

/** DuckDB's single answer to `sql` (first column of the first row). */
export async function duckdb(sql: string, params: SqlParam[] = []): Promise<unknown> {
  const [row] = await duckdbAnswer(sql, params);
  return Object.values(row)[0];
}
