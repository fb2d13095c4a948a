// refine= and exclude= parameters ("field:value", value optionally quoted) to conditions: equality
// for text (any element for multivalued fields; a hierarchical field's path keeps what is below it
// too), numbers and booleans; date facets refine by year, month or day ("2021", "2021/09",
// "2021-09-01"), in the request time zone.
import type { Field } from '../core/types.ts';
import { odsqlError } from '../query/errors.ts';
import { compare, literal, periodOf } from '../query/analyze/expr.ts';
import { fieldNode, findField, type Ctx, type Scope } from '../query/analyze/scope.ts';
import type { TExpr } from '../query/analyze/typed.ts';

export interface Refinement { field: Field; value: string; raw: string }

export function parseRefinement(raw: string, clause: 'refine' | 'exclude', scope: Scope): Refinement {
  const i = raw.indexOf(':');
  if (i <= 0) throw odsqlError('ODSQL_TYPE', clause, 0, `Invalid ${clause} value ${JSON.stringify(raw)}: expected field:value`);
  const name = raw.slice(0, i).trim().replace(/^`(.*)`$/, '$1');
  let value = raw.slice(i + 1).trim();
  const q = value[0];
  if ((q === '"' || q === "'") && value.length >= 2 && value.endsWith(q)) value = value.slice(1, -1).replace(/\\(.)/g, '$1');
  const field = findField(scope.fields, name);
  if (!field) throw odsqlError('ODSQL_UNKNOWN_FIELD', clause, 0, `Unknown field: ${name}`);
  return { field, value, raw };
}

/** The condition "field has this facet value". */
export function refinementCondition(r: Refinement, clause: 'refine' | 'exclude', scope: Scope): TExpr {
  const ctx: Ctx = { ...scope, clause };
  const f = fieldNode(r.field);
  switch (r.field.type) {
    case 'text': case 'file': {
      const same = compare('=', f, literal('text', r.value), 0, ctx);
      // A hierarchical field (annotated with its separator): "Europe" also keeps "Europe/Paris", as ODS does.
      const sep = r.field.type === 'text' ? r.field.annotations?.hierarchical : undefined;
      if (!sep) return same;
      const below: TExpr = Object.freeze({ kind: 'text_match', type: 'boolean', mode: 'startswith', fields: [f], terms: [{ text: r.value + sep, prefix: true, fuzz: 0 as const, prefixes: [] }] });
      return or([same, below]);
    }
    case 'int': case 'double': {
      const n = Number(r.value);
      if (r.value === '' || !Number.isFinite(n)) throw odsqlError('ODSQL_TYPE', clause, 0, `${r.field.name} is numeric: ${JSON.stringify(r.value)} is not a number`);
      return compare('=', f, literal(Number.isSafeInteger(n) ? 'int' : 'double', n), 0, ctx);
    }
    case 'boolean': {
      const v = r.value.toLowerCase();
      if (!['true', 'false', '1', '0'].includes(v)) throw odsqlError('ODSQL_TYPE', clause, 0, `${r.field.name} is boolean: use true or false`);
      return compare('=', f, literal('boolean', v === 'true' || v === '1'), 0, ctx);
    }
    case 'date': case 'datetime': return compare('=', f, periodOf(r.value, 0, ctx), 0, ctx);
    default: throw odsqlError('ODSQL_TYPE', clause, 0, `Field ${r.field.name} (${r.field.type}) cannot be refined`);
  }
}

const and = (items: TExpr[]): TExpr => (items.length === 1 ? items[0] : Object.freeze({ kind: 'logic', type: 'boolean', op: 'and', items }));
const or = (items: TExpr[]): TExpr => (items.length === 1 ? items[0] : Object.freeze({ kind: 'logic', type: 'boolean', op: 'or', items }));

/** All refinements (per field: AND, or OR for disjunctive fields) and exclusions, as conditions. */
export function refineConditions(refines: Refinement[], excludes: Refinement[], scope: Scope): TExpr[] {
  const out: TExpr[] = [];
  const byField = new Map<Field, TExpr[]>();
  for (const r of refines) {
    const list = byField.get(r.field) ?? [];
    list.push(refinementCondition(r, 'refine', scope));
    byField.set(r.field, list);
  }
  for (const [field, conds] of byField) out.push(field.annotations?.disjunctive ? or(conds) : and(conds));
  for (const x of excludes) out.push(Object.freeze({ kind: 'not', type: 'boolean', operand: refinementCondition(x, 'exclude', scope) }));
  return out;
}

export { and as allOf };
