// Type inference over a whole staging table, in few vectorised passes: rule counts on a sample give a
// candidate type per text column, one pass over all rows checks every candidate, and only columns
// that fail (or were empty in the sample) are measured in full. Then names, geometries, lat/lon pairs.
import type { Backend } from '../../storage/backend.ts';
import type { FieldType } from '../../core/types.ts';
import { AgoraError } from '../../core/errors.ts';
import { quoteIdent } from '../../sql/quote.ts';
import type { FieldPlan, Staging, StagedColumn, ValueSource } from '../types.ts';
import { uniqueFieldNames } from '../names.ts';
import { geometryPass } from '../geo/side-table.ts';
import type { Workspace } from '../sources/files.ts';
import { countFailures, failsOnDistinct, profileColumns } from './stats.ts';
import { guardedBuild, ruleForMask, TEXT_RULE, TEXT_RULES, type TextRule } from './text-rules.ts';
import { classifyJsonColumns, jsonLonLat } from './json-columns.ts';
import { decideTyped } from './typed.ts';
import { addPointFromPair } from './pairs.ts';

const SAMPLE_ROWS = 20_000;
/** A column with at most this share of distinct values in the sample is checked on its distinct values
 *  rather than guarded row by row (a column of unique values would cost more to group than to guard). */
const REPEATING_RATIO = 0.5;

/** A column on its way to a field: the typed source, or its text values and the rule chosen. */
/** A column's text values as SQL: raw and trimmed (NULL when empty); `x`, the one typed, is the raw
 *  value unless the column has padded values. */
interface TextValues { raw: string; trimmed: string; x: string; rule?: TextRule; unverified?: boolean }
interface Pending { col: StagedColumn; type?: FieldType; source?: ValueSource; text?: TextValues; geometry?: { text: string; pointsOnly: boolean; fallback: FieldType } }

export interface PlanOptions {
  /** Check sample-inferred types over all rows now. Otherwise they are checked while the record table
   *  is written (guarded casts raising GUARD_ERROR), which saves a pass over the data. */
  verify: boolean;
}

export async function planFields(backend: Backend, staging: Staging, ws: Workspace, opts: PlanOptions): Promise<FieldPlan[]> {
  const pending = await classify(backend, staging);
  await typeTextColumns(backend, staging, pending.filter((p) => p.text), opts.verify);
  for (const p of pending) if (p.geometry) await resolveGeometry(backend, staging, ws, p);
  const names = uniqueFieldNames(pending.map((p) => p.col.label));
  const plans: FieldPlan[] = pending.map((p, i) => ({
    name: names[i], label: p.col.label, type: p.type!, source: p.source!, from: p.col,
    ...(p.text ? { text: { x: p.text.x, raw: p.text.raw } } : {}),
  }));
  // Degree ranges are read on the sample (and guarded) only when some column is guarded anyway.
  const guarded = pending.some((p) => p.text?.unverified);
  return addPointFromPair(backend, staging.table, plans, guarded ? SAMPLE_ROWS : undefined);
}

async function classify(backend: Backend, staging: Staging): Promise<Pending[]> {
  const jsonCols = staging.columns.filter((c) => c.engineType === 'JSON');
  const kinds = new Map((await classifyJsonColumns(backend, staging.table, jsonCols)).map((k, i) => [jsonCols[i], k]));
  return staging.columns.map((col): Pending => {
    const v = `s.${quoteIdent(col.col)}`;
    const kind = kinds.get(col);
    if (kind) {
      if (kind.kind === 'scalar') return { col, text: textValues(`${v}->>'$'`) };
      if (kind.kind === 'lonlat') return { col, type: 'geo_point_2d', source: { kind: 'point', ...jsonLonLat(col.col) } };
      if (kind.kind === 'geometry') return { col, geometry: { text: `CAST(${v} AS VARCHAR)`, pointsOnly: kind.pointsOnly, fallback: 'json_blob' } };
      return { col, type: 'json_blob', source: { kind: 'scalar', expr: v } };
    }
    if (col.engineType === 'VARCHAR') return { col, text: textValues(v) };
    const d = decideTyped(col.col, col.engineType);
    if (d.type === 'text-values') return { col, text: textValues(v) };
    if ('lon' in d) return { col, type: 'geo_point_2d', source: { kind: 'point', lon: d.lon, lat: d.lat } };
    if (d.type === 'json-values') return { col, type: 'json_blob', source: { kind: 'scalar', expr: v } };
    return { col, type: d.type, source: { kind: 'scalar', expr: (d as { expr: string }).expr } };
  });
}

function textValues(v: string): TextValues {
  const raw = `NULLIF(${v}, '')`;
  return { raw, trimmed: `NULLIF(trim(${v}), '')`, x: raw };
}

/** Sample → candidates; all rows → check candidates (and profile columns empty in the sample). */
async function typeTextColumns(backend: Backend, staging: Staging, cols: Pending[], verify: boolean): Promise<void> {
  const rules = TEXT_RULES.filter((r) => !r.needsDecimalComma || staging.decimalComma);
  let unsure: Pending[] = cols;
  if (staging.rows > SAMPLE_ROWS) {
    const sample = await profileColumns(backend, staging.table, cols.map((p) => p.text!), SAMPLE_ROWS);
    cols.forEach((p, i) => {
      p.text!.rule = sample[i].n > 0 ? ruleForMask(rules, sample[i].mask) : undefined;
      if (sample[i].padded) p.text!.x = p.text!.trimmed;
    });
    const toCheck = cols.filter((p) => p.text!.rule && p.text!.rule !== TEXT_RULE && p.text!.rule.type !== 'geo_shape');
    let failed = new Set<Pending>();
    if (verify) {
      const failures = await countFailures(backend, staging.table, toCheck.map((p) => ({ x: p.text!.x, rule: p.text!.rule! })));
      failed = new Set(toCheck.filter((_, i) => failures[i].failing > 0));
    } else {
      // Columns whose values repeat (codes, counts, coordinates, hourly dates) are checked in full on their
      // distinct values, which costs less than guarding each row while the record table is written; the
      // others are guarded (see PlanOptions.verify).
      const repeating = toCheck.filter((p) => {
        const s = sample[cols.indexOf(p)];
        return s.distinct !== undefined && s.distinct <= s.n * REPEATING_RATIO;
      });
      const fails = await failsOnDistinct(backend, staging.table, repeating.map((p) => ({ x: p.text!.x, rule: p.text!.rule! })));
      failed = new Set(repeating.filter((_, i) => fails[i]));
      for (const p of toCheck) if (!repeating.includes(p)) p.text!.unverified = true;
    }
    unsure = cols.filter((p) => !p.text!.rule || failed.has(p));
  }
  const full = await profileColumns(backend, staging.table, unsure.map((p) => p.text!));
  unsure.forEach((p, i) => {
    p.text!.rule = ruleForMask(rules, full[i].mask);
    p.text!.x = full[i].padded ? p.text!.trimmed : p.text!.raw;
  });
  for (const p of cols) {
    const rule = p.text!.rule!;
    if (rule.type === 'geo_shape') {
      p.geometry = { text: p.text!.x, pointsOnly: false, fallback: 'text' };
      continue;
    }
    p.type = rule.type;
    p.source = sourceOf(rule, p.text!.x, p.text!.raw, p.text!.unverified);
  }
}

export function sourceOf(rule: TextRule, x: string, raw: string, guarded = false): ValueSource {
  if (rule === TEXT_RULE) return { kind: 'scalar', expr: raw };
  const b = guarded ? guardedBuild(rule, x) : rule.build(x);
  return 'expr' in b ? { kind: 'scalar', expr: b.expr } : { kind: 'point', lon: b.lon, lat: b.lat };
}

/** Converts a geometry column in JS; an invalid value makes it fall back (or fails for GeoJSON). */
async function resolveGeometry(backend: Backend, staging: Staging, ws: Workspace, p: Pending): Promise<void> {
  const side = `${staging.table}_g${p.col.col}`;
  const pass = await geometryPass(backend, staging.table, p.geometry!.text, side, ws.file(`${side}.ndjson`));
  const featureGeometry = p.col.role === 'feature-geometry';
  if (pass.invalid) {
    if (featureGeometry) {
      throw new AgoraError('INGEST_INVALID_GEOJSON', `${staging.sourceName} feature #${pass.invalid.row + 1}: ${pass.invalid.problem}.`,
        { file: staging.sourceName, feature: pass.invalid.row + 1 });
    }
    const v = `s.${quoteIdent(p.col.col)}`;
    p.type = p.geometry!.fallback;
    p.source = { kind: 'scalar', expr: p.type === 'json_blob' ? v : `NULLIF(${v}, '')` };
    return;
  }
  const onlyPoints = [...pass.types].every((t) => t === 'Point');
  if (featureGeometry && onlyPoints) {
    // Points of GeoJSON features: read straight from the (validated) JSON; the side table is not needed.
    await backend.write((tx) => tx.exec(`DROP TABLE IF EXISTS ${quoteIdent(side)}`));
    const v = `s.${quoteIdent(p.col.col)}`;
    p.type = 'geo_point_2d';
    p.col = { ...p.col, label: 'geo_point_2d' };
    p.source = { kind: 'point', lon: `CAST(${v}->>'$.coordinates[0]' AS DOUBLE)`, lat: `CAST(${v}->>'$.coordinates[1]' AS DOUBLE)` };
    return;
  }
  p.type = 'geo_shape';
  if (featureGeometry) p.col = { ...p.col, label: 'geo_shape' };
  p.source = { kind: 'shape', sideTable: side };
}
