// Looking at a source before publishing it: the first rows and the inferred fields (nothing is
// written to the catalog), and the field types a publisher chose in place of the inferred ones.
import { AgoraError } from '../core/errors.ts';
import type { FieldType } from '../core/types.ts';
import { physicalColumns } from '../core/physical.ts';
import type { Backend } from '../storage/backend.ts';
import type { Catalog } from '../catalog/index.ts';
import { newStagingTable } from '../catalog/index.ts';
import type { FieldPlan, ImportOptions, Staging } from './types.ts';
import { recordSelect } from './build.ts';
import { planFields, sourceOf } from './infer/index.ts';
import { countFailures } from './infer/stats.ts';
import { TEXT_RULES } from './infer/text-rules.ts';
import { detectFormat } from './sources/detect.ts';
import { newWorkspace } from './sources/files.ts';
import { resolveSource } from './sources/resolve.ts';
import { dropStaging, stage, translate } from './pipeline.ts';
import { withWorkEngine } from './work-engine.ts';

/** One inferred field of a preview: `original_name` is the header or key as the source had it. */
export interface PreviewField { name: string; label: string; type: FieldType; original_name: string }
export interface Preview { fields: PreviewField[]; records: Array<Record<string, unknown>>; rows: number }

export type PreviewOptions = Pick<ImportOptions, 'source' | 'format' | 'delimiter' | 'encoding' | 'sheet' | 'skipBadRows' | 'fieldTypes'> & { limit?: number };

/** Stages the source as an import would, infers its fields (with `fieldTypes` applied) and reads the
 *  first `limit` rows (default 20); the staging tables and temp files are dropped whatever happens. */
export async function previewSource(catalog: Catalog, opts: PreviewOptions): Promise<Preview> {
  const ws = newWorkspace();
  const table = newStagingTable();
  let name = opts.source;
  try {
    return await withWorkEngine(catalog.backend, async (backend) => {
      try {
        const src = await resolveSource(opts.source, ws, () => undefined);
        name = src.name;
        const format = opts.format ?? await detectFormat(src.path, src.name);
        const staging = await stage(backend, format, src, table, ws, { ...opts, datasetId: 'preview', mode: 'create' });
        let plans = await planFields(backend, staging, ws, { verify: false });
        if (opts.fieldTypes) plans = await retypeFields(backend, staging, plans, opts.fieldTypes);
        const limit = Math.max(0, Math.min(opts.limit ?? 20, 1000));
        const rows = await backend.write((tx) => tx.query(`${recordSelect(staging.table, plans).sql} LIMIT ${limit}`));
        return {
          fields: plans.map((p) => ({ name: p.name, label: p.label, type: p.type, original_name: p.from?.label ?? p.label })),
          records: rows.map((r) => Object.fromEntries(plans.map((p) => [p.name, valueOf(p, r)]))),
          rows: staging.rows,
        };
      } finally {
        await dropStaging(backend, table).catch(() => undefined);
      }
    });
  } catch (e) {
    throw translate(e, name);
  } finally {
    ws.dispose();
  }
}

/** A field's value from its physical columns, as JSON (points as {lon, lat}, shapes as GeoJSON). */
function valueOf(p: FieldPlan, row: Record<string, unknown>): unknown {
  const cols = physicalColumns(p);
  const plain = (v: unknown): unknown => {
    if (typeof v === 'bigint') return Number(v);
    if (v instanceof Date) return p.type === 'date' ? v.toISOString().slice(0, 10) : v.toISOString();
    if (v !== null && typeof v === 'object' && 'toString' in v && p.type !== 'json_blob') return String(v);
    return v ?? null;
  };
  if (p.type === 'geo_point_2d') {
    const [lon, lat] = cols.map((c) => row[c.name]);
    return lon === null || lon === undefined ? null : { lon: Number(lon), lat: Number(lat) };
  }
  const v = row[cols[0].name];
  if (p.type === 'geo_shape' && typeof v === 'string') return JSON.parse(v) as unknown;
  if (p.type === 'json_blob' && typeof v === 'string') { try { return JSON.parse(v) as unknown; } catch { return v; } }
  return plain(v);
}

/** Applies the types a publisher chose (field name → type) to the inferred plans. A text-read column
 *  takes the new type when every value allows it, else INGEST_SCHEMA_MISMATCH names the first bad value
 *  (record number and column); any field may become text; an unknown field name is an error. */
export async function retypeFields(backend: Backend, staging: Staging, plans: FieldPlan[], types: Record<string, FieldType>): Promise<FieldPlan[]> {
  const names = new Set(plans.map((p) => p.name));
  for (const n of Object.keys(types)) {
    if (!names.has(n)) {
      throw new AgoraError('INGEST_SCHEMA_MISMATCH', `${staging.sourceName} has no field "${n}" to type (fields: ${[...names].join(', ')}).`, { file: staging.sourceName, field: n });
    }
  }
  const out: FieldPlan[] = [];
  for (const p of plans) {
    const want = types[p.name];
    out.push(want === undefined || want === p.type ? p : await retype(backend, staging, p, want));
  }
  return out;
}

async function retype(backend: Backend, staging: Staging, p: FieldPlan, type: FieldType): Promise<FieldPlan> {
  const as = (source: FieldPlan['source']): FieldPlan => ({ ...p, type, source });
  if (p.source.kind === 'scalar' && p.type === 'int' && type === 'double') return as({ kind: 'scalar', expr: `CAST(${p.source.expr} AS DOUBLE)` });
  if (p.text) {
    if (type === 'text') return as({ kind: 'scalar', expr: p.text.raw });
    const candidates = TEXT_RULES.filter((r) => r.type === type && r.type !== 'geo_shape' && (!r.needsDecimalComma || staging.decimalComma));
    let bad: { row: number | null; value: string | null } = { row: null, value: null };
    for (const rule of candidates) {
      const [fail] = await countFailures(backend, staging.table, [{ x: p.text.x, rule }], true);
      if (fail.failing === 0) return as(sourceOf(rule, p.text.x, p.text.raw));
      if (bad.row === null) bad = { row: fail.firstRow, value: fail.firstValue };
    }
    if (bad.row !== null) {
      throw new AgoraError('INGEST_SCHEMA_MISMATCH',
        `${staging.sourceName} record ${bad.row + 1}, column "${p.label}": ${JSON.stringify(bad.value)} is not a valid ${type}, the type chosen for field "${p.name}".`,
        { file: staging.sourceName, field: p.name, record: bad.row + 1, expected: type });
    }
  } else if (p.source.kind === 'scalar' && type === 'text' && p.type !== 'geo_shape') {
    return as({ kind: 'scalar', expr: `CAST(${p.source.expr} AS VARCHAR)` });
  }
  throw new AgoraError('INGEST_SCHEMA_MISMATCH',
    `${staging.sourceName}: field "${p.name}" holds ${p.type} values, which cannot be read as ${type}.`,
    { file: staging.sourceName, field: p.name, expected: type, found: p.type });
}
