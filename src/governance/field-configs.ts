// ODS field configurations (DatasetFieldConfiguration: rename, type, description, annotate, order,
// delete): checking their bodies and working out, in the order they are stored, which fields get
// published under which names, types, labels and annotations. Pure: no storage, no HTTP, no SQL.
import { FIELD_TYPES, type Field, type FieldType } from '../core/types.ts';
import { normaliseName, type FieldLayout } from '../ingest/index.ts';
import { isPlainObject as isObject } from '../core/types.ts';
import { invalidParameter as invalid } from '../core/errors.ts';

const ANNOTATIONS = ['id', 'unit', 'decimals', 'sortable', 'multivalued', 'hierarchical', 'facet', 'disjunctive'] as const;
const MAX_NAME = 100;

/** A technical name as the importer makes them (src/ingest/names.ts): lowercase ASCII letters and
 *  digits in runs joined by single "_", at most 100 characters. */
export function checkFieldName(name: string, where: string): void {
  if (name.length > MAX_NAME || normaliseName(name) !== name) {
    const hint = normaliseName(name);
    throw invalid(where, `"${name}" is not a valid field name: use lowercase letters a-z, digits and single "_" between them (at most ${MAX_NAME} characters)${hint && hint !== name ? `, e.g. "${hint}"` : ''}`);
  }
}

/** Checks an ODS DatasetFieldConfiguration body; returns it without its uid. */
export function parseFieldConfig(body: unknown): Record<string, unknown> {
  if (!isObject(body)) throw invalid('body', 'expected a DatasetFieldConfiguration object');
  const str = (k: string) => {
    if (typeof body[k] !== 'string' || !(body[k] as string)) throw invalid(k, 'expected a non-empty string');
    return body[k] as string;
  };
  const type = str('type');
  if (body.label !== undefined && typeof body.label !== 'string') throw invalid('label', 'expected a string');
  const label = typeof body.label === 'string' ? body.label : '';
  const allowed: Record<string, string[]> = {
    type: ['field', 'type_param'], description: ['field', 'description'], annotate: ['field', 'annotation', 'args'],
    rename: ['from_name', 'to_name', 'field_label'], order: ['args'], delete: ['field'],
  };
  if (!allowed[type]) throw invalid('type', `expected one of ${Object.keys(allowed).join(', ')}`);
  for (const k of Object.keys(body)) if (!['uid', 'type', 'label', ...allowed[type]].includes(k)) throw invalid(k, `unknown key for a ${type} configuration`);
  const out: Record<string, unknown> = { type, label };
  if (type === 'type') {
    out.field = str('field');
    const t = str('type_param');
    if (!(FIELD_TYPES as readonly string[]).includes(t)) throw invalid('type_param', `expected one of ${FIELD_TYPES.join(', ')}`);
    out.type_param = t;
  } else if (type === 'description') {
    out.field = str('field');
    out.description = str('description');
  } else if (type === 'annotate') {
    out.field = str('field');
    const a = str('annotation');
    if (!(ANNOTATIONS as readonly string[]).includes(a)) throw invalid('annotation', `expected one of ${ANNOTATIONS.join(', ')}`);
    out.annotation = a;
    if (body.args !== undefined && !Array.isArray(body.args)) throw invalid('args', 'expected an array');
    const args = (body.args as unknown[] | undefined) ?? [];
    if (['unit', 'multivalued', 'hierarchical'].includes(a) && (typeof args[0] !== 'string' || !args[0])) throw invalid('args', `${a} takes one string argument`);
    if (a === 'decimals' && !(Number.isInteger(Number(args[0])) && Number(args[0]) >= 0 && Number(args[0]) <= 20)) throw invalid('args', 'decimals takes one integer from 0 to 20');
    out.args = args;
  } else if (type === 'rename') {
    out.from_name = str('from_name');
    out.to_name = str('to_name');
    out.field_label = str('field_label');
    if (out.to_name !== out.from_name) checkFieldName(out.to_name as string, 'to_name');
  } else if (type === 'delete') {
    out.field = str('field');
  } else {
    const args = body.args;
    if (!Array.isArray(args) || args.length === 0) throw invalid('args', 'expected a non-empty list of field names, in the wanted order');
    args.forEach((a, i) => { if (typeof a !== 'string' || !a) throw invalid(`args[${i}]`, 'expected a field name (non-empty string)'); });
    const dup = args.find((a, i) => args.indexOf(a) !== i);
    if (dup !== undefined) throw invalid('args', `"${dup}" is listed twice`);
    out.args = [...args];
  }
  return out;
}

/** One field through the configurations: `from` is its name where it is read (the source, or the
 *  published table), `name` the name it is published under; deleted ones are not published. */
export interface FieldFate {
  from: string;
  name: string;
  deleted: boolean;
  label?: string;
  description?: string;
  /** The type asked by a `type` configuration. */
  type?: FieldType;
  annotations: Record<string, unknown>;
}

interface Config { body: Record<string, unknown> }

/**
 * Applies the configurations in their stored order to fields named `names`. With `published`, the
 * names are those of the published table, where renames may already have been applied: these are
 * first undone (last to first: a `to_name` present without its `from_name` goes back), so every
 * configuration reads the names it was written for. A rename onto a field that exists, or deletes
 * leaving no field, throw PARAMETER_INVALID; configurations naming no field are skipped.
 */
export function fieldFates(names: readonly string[], configs: readonly Config[], datasetId: string, published = false): FieldFate[] {
  let fates: FieldFate[] = names.map((n) => ({ from: n, name: n, deleted: false, annotations: {} }));
  const live = (n: unknown) => fates.find((f) => !f.deleted && f.name === n);
  if (published) {
    for (const { body: b } of [...configs].reverse()) {
      if (b.type !== 'rename' || b.from_name === b.to_name) continue;
      const f = live(b.to_name);
      if (f && !live(b.from_name)) f.name = String(b.from_name);
    }
  }
  for (const { body: b } of configs) {
    if (b.type === 'order') {
      const listed = (b.args as string[]).map(live).filter((f): f is FieldFate => f !== undefined);
      fates = [...listed, ...fates.filter((f) => !listed.includes(f))];
      continue;
    }
    if (b.type === 'rename') {
      const f = live(b.from_name);
      if (!f) continue;
      const clash = b.to_name !== b.from_name && live(b.to_name);
      if (clash) {
        throw invalid('to_name', `renaming "${String(b.from_name)}" to "${String(b.to_name)}" in dataset ${datasetId}: field "${clash.name}" already exists — rename or delete "${clash.name}" first, or choose another name`);
      }
      f.name = String(b.to_name);
      f.label = String(b.field_label);
      continue;
    }
    const f = live(b.field);
    if (!f) continue;
    if (b.type === 'delete') f.deleted = true;
    if (b.type === 'type') f.type = b.type_param as FieldType;
    if (b.type === 'description') f.description = String(b.description);
    if (b.type === 'annotate') {
      const a = f.annotations;
      const args = (b.args as unknown[]) ?? [];
      if (b.annotation === 'decimals') a.decimals = Number(args[0]);
      else if (['unit', 'multivalued', 'hierarchical'].includes(String(b.annotation))) a[String(b.annotation)] = String(args[0]);
      else a[String(b.annotation)] = args[0] === undefined ? true : args[0] !== false && args[0] !== 'false';
    }
  }
  if (fates.length > 0 && fates.every((f) => f.deleted)) {
    throw invalid('fields', `the delete configurations of dataset ${datasetId} remove every field (${names.join(', ')}): keep at least one`);
  }
  return fates;
}

/** The types chosen by `type` configurations, keyed by the field's name in the source (a later
 *  configuration for the same field wins; renames before it are followed back, and one naming a
 *  field renamed away or deleted before it is skipped, as fieldFates does). */
export function typeOverrides(configs: readonly Config[]): Record<string, FieldType> {
  const origin = new Map<string, string | null>(); // current name → source name (null: no such field now)
  const source = (n: string) => (origin.has(n) ? origin.get(n)! : n);
  const out: Record<string, FieldType> = {};
  for (const { body: b } of configs) {
    if (b.type === 'rename' && b.from_name !== b.to_name) {
      const src = source(String(b.from_name));
      if (src === null) continue;
      origin.set(String(b.from_name), null);
      origin.set(String(b.to_name), src);
    }
    if (b.type === 'delete') origin.set(String(b.field), null);
    if (b.type === 'type') {
      const src = source(String(b.field));
      if (src !== null) out[src] = b.type_param as FieldType;
    }
  }
  return out;
}

/** What the ingest pipeline publishes: kept fields in order, from their source name. */
export function layoutOf(fates: readonly FieldFate[]): FieldLayout {
  return fates.filter((f) => !f.deleted).map((f) => ({ from: f.from, name: f.name }));
}

/** The published fields: `fields` (named as in `layoutOf(fates)`, any order) in the fates' order,
 *  with their labels, descriptions and annotations. */
export function configuredFields(fields: readonly Field[], fates: readonly FieldFate[]): Field[] {
  const byName = new Map(fields.map((f) => [f.name, f]));
  const out: Field[] = [];
  for (const fate of fates) {
    const f = byName.get(fate.name);
    if (fate.deleted || !f) continue;
    out.push({
      ...f,
      ...(fate.label !== undefined ? { label: fate.label } : {}),
      ...(fate.description !== undefined ? { description: fate.description } : {}),
      annotations: { ...f.annotations, ...fate.annotations },
    });
  }
  for (const f of fields) if (!out.some((o) => o.name === f.name)) out.push(f);
  return out;
}

/** Does the layout change the published table (a field renamed or deleted)? */
export function reshapes(fates: readonly FieldFate[]): boolean {
  return fates.some((f) => f.deleted || f.from !== f.name);
}
