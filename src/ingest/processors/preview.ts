// The back office's live preview: a pipeline (the stored one, or a draft being edited) run over the
// dataset's sample, record by record, so each input record is shown beside what it became (one
// record, several, none, or the error that would fail the publish) with the changed fields named.
import { isAgoraError } from '../../core/errors.ts';
import type { PlannedPipeline } from './plan.ts';
import { runPipeline } from './run.ts';
import type { PField, Rec } from './types.ts';

export interface PreviewRow {
  index: number;
  before: Rec;
  after: Rec[];
  /** Fields whose value differs from the input's (added fields count; removed ones are in `removed`). */
  changed: string[];
  /** Why the record is left out (a skip_on_error failure), or the error that would fail the publish. */
  skipped?: string;
  error?: string;
}

export interface PreviewResult { fields_before: PField[]; fields_after: PField[]; removed: string[]; records: PreviewRow[] }

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export function previewPipeline(p: PlannedPipeline, sample: readonly Rec[]): PreviewResult {
  const after = new Set(p.fields.map((f) => f.name));
  const removed = p.input.filter((f) => !after.has(f.name)).map((f) => f.name);
  const records = sample.map((before, i): PreviewRow => {
    try {
      const res = runPipeline(p, [structuredClone(before)], i + 1);
      const changed = new Set<string>();
      for (const r of res.records) for (const f of p.fields) if (!same(r[f.name], before[f.name]) || !(f.name in before)) changed.add(f.name);
      const row: PreviewRow = { index: i + 1, before, after: res.records, changed: [...changed] };
      if (res.skipped.length) row.skipped = res.skipped[0].reason;
      return row;
    } catch (e) {
      return { index: i + 1, before, after: [], changed: [], error: isAgoraError(e) ? e.message.replace(/; nothing was published\.$/, '') : String(e) };
    }
  });
  return { fields_before: p.input, fields_after: p.fields, removed, records };
}
