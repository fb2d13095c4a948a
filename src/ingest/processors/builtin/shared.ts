// What several built-in processors share: a value's text, the field list with one field set or
// dropped, and the common "transform one field's text (in place or into a new field)" step.
import type { FieldType } from '../../../core/types.ts';
import { fieldMissing } from '../plan.ts';
import { fieldText } from '../sql-forms.ts';
import type { ParamSpec, PField, Rec, SqlContext, SqlStep, Step, Value } from '../types.ts';

/** A value as text (numbers and booleans written out, objects as JSON); null stays null. */
export function text(v: Value | undefined): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/** The fields with `name` set to `type` (kept in place when it exists, else added at the end). */
export function withField(fields: readonly PField[], name: string, type: FieldType, label?: string): PField[] {
  const at = fields.findIndex((f) => f.name === name);
  if (at < 0) return [...fields, { name, label: label ?? name, type }];
  return fields.map((f, i) => (i === at ? { ...f, type, label: label ?? f.label } : f));
}

export function withoutFields(fields: readonly PField[], names: readonly string[]): PField[] {
  return fields.filter((f) => !names.includes(f.name));
}

export function fieldOf(fields: readonly PField[], name: string, where: string): PField {
  const f = fields.find((x) => x.name === name);
  if (!f) throw fieldMissing(where, name, fields);
  return f;
}

export const FIELD: ParamSpec = { name: 'field', kind: 'field', label: 'Field', required: true };
export const TARGET: ParamSpec = { name: 'output_field', kind: 'new_field', label: 'Output field (the same field when empty)', help: 'a new or existing field name' };

/** A step writing `fn(text of field)` to the field itself, or to `target` as a text field; null stays null. */
export function textStep(fields: readonly PField[], field: string, target: string | null, fn: (s: string, rec: Rec) => Value): Step {
  const out = target ?? field;
  return {
    fields: target || fieldOf(fields, field, 'field').type !== 'text' ? withField(fields, out, 'text') : [...fields],
    apply: (rec) => {
      const s = text(rec[field]);
      return { ...rec, [out]: s === null ? null : fn(s, rec) };
    },
  };
}

/** textStep's SQL form: `fn` maps the field's text (SQL, never null) to the new text, or null when
 *  this transformation has no SQL form; null stays null (every `fn` here is strict in its text). */
export function textStepSql(fields: readonly PField[], field: string, target: string | null, sql: SqlContext,
  fn: (s: string, jsOnly: string[]) => string | null): SqlStep | null {
  const jsOnly: string[] = [];
  const s = fieldText(fieldOf(fields, field, 'field'), sql, jsOnly);
  const v = s === null ? null : fn(s, jsOnly);
  return v === null ? null : { values: { [target ?? field]: v }, jsOnly };
}

/** A parameter as a string (or null when left empty). */
export const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
