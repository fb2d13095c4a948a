// The fields of a real-time dataset from one sample record (the record is not stored): JSON types
// give field types, with the publisher's overrides. Pure; errors name the key that is wrong.
import { FIELD_TYPES, type Field, type FieldType } from '../core/types.ts';
import { normaliseName } from '../ingest/names.ts';
import { geometryOf, geometryProblem } from '../ingest/geo/geometry.ts';
import { DATE, DATETIME, readPoint, recordProblem, toPhysical } from './records.ts';
import { invalidParameter as invalid } from '../core/errors.ts';

function typeOf(v: unknown): FieldType {
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'double';
  if (typeof v === 'boolean') return 'boolean';
  if (typeof v === 'string') return DATE.test(v) ? 'date' : DATETIME.test(v) ? 'datetime' : 'text';
  if (v !== null && typeof v === 'object') {
    if (!Array.isArray(v) && (v as { type?: unknown }).type !== 'Point' && geometryProblem(geometryOf(v)) === null) return 'geo_shape';
    if (readPoint(v)) return 'geo_point_2d';
    return 'json_blob';
  }
  return 'text';
}

/** Fields from `sample` (keys must already be field names: lowercase letters, digits and "_");
 *  `types` overrides the inferred type of a key (e.g. {"pm25": "double"} when the sample holds 12). */
export function fieldsFromSample(sample: unknown, types: unknown = {}): Field[] {
  if (sample === null || typeof sample !== 'object' || Array.isArray(sample)) throw invalid('params.sample_record', 'expected one record as a JSON object');
  if (types === null || typeof types !== 'object' || Array.isArray(types)) throw invalid('params.field_types', 'expected an object of field name → type');
  const keys = Object.keys(sample);
  if (keys.length === 0) throw invalid('params.sample_record', 'the sample record has no field');
  for (const [k, t] of Object.entries(types)) {
    if (!keys.includes(k)) throw invalid(`params.field_types.${k}`, 'not a key of the sample record');
    if (!(FIELD_TYPES as readonly string[]).includes(String(t)) || t === 'file') throw invalid(`params.field_types.${k}`, `expected one of ${FIELD_TYPES.filter((x) => x !== 'file').join(', ')}`);
  }
  const fields = keys.map((k): Field => {
    if (normaliseName(k) !== k || k.includes('__')) throw invalid(`params.sample_record.${k}`, `"${k}" is not a field name (lowercase letters, digits and single "_"; e.g. "${normaliseName(k) || 'field'}")`);
    const type = (types as Record<string, FieldType>)[k] ?? typeOf((sample as Record<string, unknown>)[k]);
    return { name: k, label: k, type, description: null, annotations: {} };
  });
  try {
    toPhysical(fields, sample, 0);
  } catch (e) {
    throw invalid('params.sample_record', recordProblem(e));
  }
  return fields;
}
