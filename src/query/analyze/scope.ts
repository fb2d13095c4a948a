// What names mean while analyzing one clause: the caller's visible fields (hidden ones do not
// exist), labels usable in order_by, the request's time zone, language and clock. No SQL.
import type { Field } from '../../core/types.ts';
import type { Clause } from '../ast.ts';
import { odsqlError } from '../errors.ts';
import { freeze, type TExpr, type TField } from './typed.ts';
import type { StemLanguage } from './stems.ts';

export interface Scope {
  /** Visible fields, in catalog order. */
  readonly fields: readonly Field[];
  readonly timezone: string;
  readonly lang: string;
  /** Stemmer languages for full-text search (the dataset's language); default English and French. */
  readonly stemLanguages?: readonly StemLanguage[];
  /** Current time (ms since epoch) for now(). */
  readonly now: number;
  /** Labels of select/group_by expressions, usable by name in order_by. */
  readonly labels?: ReadonlyMap<string, TExpr>;
}

export interface Ctx extends Scope {
  readonly clause: Clause;
  /** True inside an aggregate's arguments (nesting aggregates is an error). */
  readonly inAggregate?: boolean;
}

export function isMultivalued(f: Field): boolean {
  return typeof f.annotations?.multivalued === 'string' && f.annotations.multivalued !== '';
}

export function fieldNode(f: Field): TField {
  return freeze({ kind: 'field', type: f.type, field: f, multivalued: f.type === 'text' && isMultivalued(f) });
}

/** Exact name first, then case-insensitive (ODSQL is case insensitive; ODS names are lowercase). */
export function findField(fields: readonly Field[], name: string): Field | undefined {
  return fields.find((f) => f.name === name) ?? fields.find((f) => f.name.toLowerCase() === name.toLowerCase());
}

export function resolveField(ctx: Ctx, name: string, pos: number): TField {
  const f = findField(ctx.fields, name);
  if (!f) throw odsqlError('ODSQL_UNKNOWN_FIELD', ctx.clause, pos, `Unknown field: ${name}`);
  return fieldNode(f);
}
