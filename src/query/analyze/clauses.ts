// Clause-level analysis: select items (*, include/exclude, labels), group_by keys, order_by terms,
// and the rules binding them (plain select items must be group keys, aggregates only where allowed).
import type { Field } from '../../core/types.ts';
import type { GroupItem, OrderItem, SelectItem } from '../ast.ts';
import { odsqlError } from '../errors.ts';
import { analyzeCondition, analyzeValue } from './expr.ts';
import { fieldNode, type Ctx, type Scope } from './scope.ts';
import type { TExpr } from './typed.ts';

export interface OutputColumn {
  /** Output key (field name, label, or the expression's text). */
  readonly name: string;
  readonly expr: TExpr;
  /** The field's label when the column is a plain field. */
  readonly label?: string;
}
export interface OrderTerm { readonly expr: TExpr; readonly desc: boolean }

export function analyzeWhereExpr(ast: Parameters<typeof analyzeCondition>[0], scope: Scope, clause: Ctx['clause'] = 'where'): TExpr {
  const t = analyzeCondition(ast, { ...scope, clause });
  if (containsAggregate(t)) throw odsqlError('ODSQL_CLAUSE', clause, 0, 'Aggregate functions are not allowed in the where clause');
  return t;
}

export function analyzeSelectItems(items: readonly SelectItem[], scope: Scope): OutputColumn[] {
  const ctx: Ctx = { ...scope, clause: 'select' };
  const out: OutputColumn[] = [];
  const excluded: string[] = [];
  const onlyExcludes = items.every((i) => i.kind === 'exclude');
  const addField = (f: Field) => { if (!out.some((c) => c.expr.kind === 'field' && c.name === f.name)) out.push({ name: f.name, expr: fieldNode(f), label: f.label }); };
  if (onlyExcludes) scope.fields.forEach(addField);
  for (const item of items) {
    switch (item.kind) {
      case 'select_all': scope.fields.forEach(addField); break;
      case 'include': scope.fields.filter((f) => item.patterns.some((p) => matches(p, f.name))).forEach(addField); break;
      case 'exclude': excluded.push(...item.patterns); break;
      case 'select_expr': {
        const expr = analyzeValue(item.expr, ctx);
        if (expr.kind === 'field' && !item.alias) addField(expr.field);
        else out.push({ name: item.alias ?? item.text, expr, label: expr.kind === 'field' && !item.alias ? expr.field.label : undefined });
      }
    }
  }
  const kept = out.filter((c) => !(c.expr.kind === 'field' && c.name === c.expr.field.name && excluded.some((p) => matches(p, c.name))));
  checkUniqueNames(kept.map((c) => c.name), 'select');
  return kept;
}

export function analyzeGroupItems(items: readonly GroupItem[], scope: Scope): OutputColumn[] {
  const ctx: Ctx = { ...scope, clause: 'group_by' };
  const out = items.map((item): OutputColumn => {
    const expr = analyzeValue(item.expr, ctx);
    if (containsAggregate(expr)) throw odsqlError('ODSQL_CLAUSE', 'group_by', item.pos, 'Aggregate functions are not allowed in group_by');
    if (expr.kind === 'field' && expr.multivalued) {
      throw odsqlError('ODSQL_TYPE', 'group_by', item.pos, `Grouping by the multivalued field ${expr.field.name} is not supported: use the facets endpoint`);
    }
    const name = item.alias ?? (expr.kind === 'field' ? expr.field.name : item.text);
    return { name, expr, label: expr.kind === 'field' && !item.alias ? expr.field.label : undefined };
  });
  checkUniqueNames(out.map((c) => c.name), 'group_by');
  return out;
}

export function analyzeOrderItems(items: readonly OrderItem[], scope: Scope): OrderTerm[] {
  const ctx: Ctx = { ...scope, clause: 'order_by' };
  return items.map((item) => ({ expr: analyzeValue(item.expr, ctx), desc: item.desc }));
}

/** `pop*` matches names starting with pop; otherwise exact (case-insensitive) match. */
export function matches(pattern: string, name: string): boolean {
  const p = pattern.toLowerCase(), n = name.toLowerCase();
  return p.endsWith('*') ? n.startsWith(p.slice(0, -1)) : p === n;
}

function checkUniqueNames(names: string[], clause: 'select' | 'group_by'): void {
  const seen = new Set<string>();
  for (const n of names) {
    const k = n.toLowerCase();
    if (seen.has(k)) throw odsqlError('ODSQL_CLAUSE', clause, 0, `Duplicate output name ${JSON.stringify(n)}: give the expressions distinct labels with AS`);
    seen.add(k);
  }
}

export function containsAggregate(e: TExpr): boolean {
  if (e.kind === 'call' && e.aggregate) return true;
  return children(e).some(containsAggregate);
}

export function children(e: TExpr): TExpr[] {
  switch (e.kind) {
    case 'call': return [...e.args];
    case 'arith': case 'compare': return [e.left, e.right];
    case 'neg': case 'not': return [e.operand];
    case 'logic': return [...e.items];
    case 'in_list': return [e.expr, ...e.values];
    case 'in_range': return [e.expr, e.low, e.high];
    case 'is_null': return [e.expr];
    case 'contains': return [e.field, e.value];
    case 'text_match': return [...e.fields];
    default: return [];
  }
}

/** Structural equality of typed expressions (fields compared by name). */
export function sameExpr(a: TExpr, b: TExpr): boolean {
  const key = (e: TExpr) => JSON.stringify(e, (k, v) => (k === 'field' && v && typeof v === 'object' && 'name' in v && 'annotations' in v ? v.name : v));
  return key(a) === key(b);
}
