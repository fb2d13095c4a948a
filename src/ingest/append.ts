// Appending rows to a published dataset: the new file must have the same fields; a column typed
// differently from the published field is read as the published type when every value allows it
// (e.g. ints into a double field, dates read as text), else INGEST_SCHEMA_MISMATCH names the value.
import { AgoraError } from '../core/errors.ts';
import type { Field } from '../core/types.ts';
import type { Backend } from '../storage/backend.ts';
import type { FieldPlan, Staging } from './types.ts';
import { countFailures } from './infer/stats.ts';
import { sourceOf } from './infer/index.ts';
import { TEXT_RULES } from './infer/text-rules.ts';

export async function alignToDataset(backend: Backend, staging: Staging, plans: FieldPlan[], fields: Field[], datasetId: string): Promise<FieldPlan[]> {
  const byName = new Map(plans.map((p) => [p.name, p]));
  const missing = fields.filter((f) => !byName.has(f.name)).map((f) => f.name);
  const wanted = new Set(fields.map((f) => f.name));
  const extra = plans.filter((p) => !wanted.has(p.name)).map((p) => p.name);
  if (missing.length || extra.length) {
    const parts = [missing.length ? `missing ${missing.join(', ')}` : '', extra.length ? `unexpected ${extra.join(', ')}` : ''].filter(Boolean);
    throw new AgoraError('INGEST_SCHEMA_MISMATCH',
      `${staging.sourceName} does not have the fields of dataset "${datasetId}": ${parts.join('; ')}.`, { file: staging.sourceName, missing, extra });
  }
  const out: FieldPlan[] = [];
  for (const f of fields) {
    const p = byName.get(f.name)!;
    out.push(p.type === f.type ? { ...p, label: f.label } : await coerce(backend, staging, p, f));
  }
  return out;
}

async function coerce(backend: Backend, staging: Staging, p: FieldPlan, f: Field): Promise<FieldPlan> {
  const as = (source: FieldPlan['source']): FieldPlan => ({ ...p, type: f.type, label: f.label, source });
  if (p.source.kind === 'scalar' && p.type === 'int' && f.type === 'double') return as({ kind: 'scalar', expr: `CAST(${p.source.expr} AS DOUBLE)` });
  if (p.text) {
    if (f.type === 'text') return as({ kind: 'scalar', expr: p.text.raw });
    const candidates = TEXT_RULES.filter((r) => r.type === f.type && r.type !== 'geo_shape' && (!r.needsDecimalComma || staging.decimalComma));
    let firstBad: { row: number | null; value: string | null } = { row: null, value: null };
    for (const rule of candidates) {
      const [fail] = await countFailures(backend, staging.table, [{ x: p.text.x, rule }], true);
      if (fail.failing === 0) return as(sourceOf(rule, p.text.x, p.text.raw));
      if (firstBad.row === null) firstBad = { row: fail.firstRow, value: fail.firstValue };
    }
    if (firstBad.row !== null) {
      throw new AgoraError('INGEST_SCHEMA_MISMATCH',
        `${staging.sourceName} record ${firstBad.row + 1}, column "${p.label}": ${JSON.stringify(firstBad.value)} is not a valid ${f.type}, the type of field "${f.name}" in the published data.`,
        { file: staging.sourceName, field: f.name, record: firstBad.row + 1, expected: f.type });
    }
  }
  throw new AgoraError('INGEST_SCHEMA_MISMATCH',
    `${staging.sourceName}: field "${f.name}" holds ${p.type} values, but it is a ${f.type} field in the published data.`,
    { file: staging.sourceName, field: f.name, expected: f.type, found: p.type });
}
