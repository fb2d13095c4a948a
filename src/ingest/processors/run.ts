// Running a planned pipeline over records, in order. A step failing on a record fails the whole run
// with PROCESSOR_FAILED naming the processor, the record and the field, unless that processor has
// skip_on_error: then the record is left out and counted, with the same names, in `skipped`.
import { AgoraError } from '../../core/errors.ts';
import { nameOf, type PlannedPipeline } from './plan.ts';
import { StepFailure, type Rec } from './types.ts';

export interface SkippedRecord { record: number; processor: string; position: number; field: string | null; reason: string }
export interface RunResult { records: Rec[]; skipped: SkippedRecord[] }

/** `first` is the number of the first record, as errors name it (1-based line order for imports,
 *  0-based index for a push body, as that API names records). */
export function runPipeline(p: PlannedPipeline, records: readonly Rec[], first: number, recordWord = 'record'): RunResult {
  const out: Rec[] = [];
  const skipped: SkippedRecord[] = [];
  records.forEach((rec, i) => {
    let batch: Rec[] = [rec];
    for (const { config, position, step } of p.steps) {
      const next: Rec[] = [];
      let failed = false;
      for (const r of batch) {
        let res: Rec | Rec[] | null;
        try {
          res = step.apply(r);
        } catch (e) {
          const field = e instanceof StepFailure ? e.field : null;
          const reason = e instanceof Error ? e.message : String(e);
          if (config.skip_on_error) {
            skipped.push({ record: first + i, processor: config.uid, position: position + 1, field, reason });
            failed = true;
            break;
          }
          throw new AgoraError('PROCESSOR_FAILED',
            `${nameOf(config, position)} failed on ${recordWord} ${first + i}${field ? `, field "${field}"` : ''}: ${reason}; nothing was published.`,
            { processor: config.uid, position: position + 1, type: config.type, record: first + i, field });
        }
        if (res === null) continue;
        if (Array.isArray(res)) next.push(...res);
        else next.push(res);
      }
      if (failed) { batch = []; break; }
      batch = next;
      if (batch.length === 0) break;
    }
    out.push(...batch);
  });
  return { records: out, skipped };
}
