// ODSQL expressions over one record, for the skip_records condition and the expression processor:
// parsed by the query stage's own parser (no eval, no Function), checked once against the fields,
// then evaluated per record with SQL's three-valued logic (null is unknown). Only the node kinds and
// functions listed here are taken; anything else is refused when the processor is configured.
import type { Expr } from '../../query/index.ts';
import { parseWhere } from '../../query/index.ts';
import { isAgoraError } from '../../core/errors.ts';
import { invalidParam, fieldMissing } from './plan.ts';
import { StepFailure, type PField, type Rec, type Value } from './types.ts';

type V = Value;
export type Compiled = (rec: Rec) => V;

const num = (v: V): number | null => (typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : null);
const str = (v: V): string | null => (v === null ? null : typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v));

const FUNCTIONS: Record<string, { arity: [number, number]; fn: (a: V[]) => V }> = {
  lower: { arity: [1, 1], fn: ([s]) => str(s)?.toLowerCase() ?? null },
  upper: { arity: [1, 1], fn: ([s]) => str(s)?.toUpperCase() ?? null },
  trim: { arity: [1, 1], fn: ([s]) => str(s)?.trim() ?? null },
  length: { arity: [1, 1], fn: ([s]) => (str(s) === null ? null : [...str(s)!].length) },
  concat: { arity: [1, 20], fn: (a) => a.map((x) => str(x) ?? '').join('') },
  substring: { arity: [2, 3], fn: ([s, start, len]) => {
    const t = str(s); const b = num(start);
    if (t === null || b === null) return null;
    const chars = [...t];
    return chars.slice(Math.max(0, b - 1), len === undefined ? undefined : Math.max(0, b - 1) + (num(len) ?? 0)).join('');
  } },
  replace: { arity: [3, 3], fn: ([s, a, b]) => (str(s) === null ? null : str(s)!.split(str(a) ?? '').join(str(b) ?? '')) },
  coalesce: { arity: [1, 20], fn: (a) => a.find((x) => x !== null) ?? null },
  abs: { arity: [1, 1], fn: ([x]) => (num(x) === null ? null : Math.abs(num(x)!)) },
  floor: { arity: [1, 1], fn: ([x]) => (num(x) === null ? null : Math.floor(num(x)!)) },
  ceil: { arity: [1, 1], fn: ([x]) => (num(x) === null ? null : Math.ceil(num(x)!)) },
  round: { arity: [1, 2], fn: ([x, d]) => {
    const n = num(x); if (n === null) return null;
    const k = 10 ** (d === undefined ? 0 : num(d) ?? 0);
    return Math.round(n * k) / k;
  } },
};

function cmp(a: V, b: V): number | null {
  if (a === null || b === null) return null;
  const na = num(a); const nb = num(b);
  if (na !== null && nb !== null && (typeof a === 'number' || typeof b === 'number')) return na - nb;
  if (typeof a === 'boolean' || typeof b === 'boolean') return a === b ? 0 : a ? 1 : -1;
  const sa = str(a)!; const sb = str(b)!;
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

const truth = (v: V): boolean | null => (v === null ? null : typeof v === 'boolean' ? v : Boolean(v));

/** Parses and checks `text` against the fields; errors name `where` (the parameter). */
export function compileOdsql(text: string, fields: readonly PField[], where: string): Compiled {
  let ast: Expr;
  try {
    ast = parseWhere(text);
  } catch (e) {
    throw invalidParam(where, isAgoraError(e) ? e.message.replace(/^ODSQL query is malformed: /, '') : String(e));
  }
  const names = new Set(fields.map((f) => f.name));
  return build(ast, names, fields, where);
}

function build(e: Expr, names: Set<string>, fields: readonly PField[], where: string): Compiled {
  const sub = (x: Expr) => build(x, names, fields, where);
  switch (e.kind) {
    case 'field':
      if (!names.has(e.name)) throw fieldMissing(where, e.name, fields);
      return (r) => r[e.name] ?? null;
    case 'string': return () => e.value;
    case 'number': return () => e.value;
    case 'boolean': return () => e.value;
    case 'null': return () => null;
    case 'date': return () => e.text;
    case 'unary': { const o = sub(e.operand); return (r) => { const n = num(o(r)); return n === null ? null : -n; }; }
    case 'binary': {
      const [l, rr] = [sub(e.left), sub(e.right)];
      return (r) => {
        const a = num(l(r)); const b = num(rr(r));
        if (a === null || b === null) return null;
        switch (e.op) {
          case '+': return a + b;
          case '-': return a - b;
          case '*': return a * b;
          case '/': if (b === 0) throw new StepFailure(where, 'division by zero'); return a / b;
          default: if (b === 0) throw new StepFailure(where, 'division by zero'); return a % b;
        }
      };
    }
    case 'compare': {
      const [l, rr] = [sub(e.left), sub(e.right)];
      const test = { '=': (c: number) => c === 0, '!=': (c: number) => c !== 0, '<': (c: number) => c < 0, '<=': (c: number) => c <= 0, '>': (c: number) => c > 0, '>=': (c: number) => c >= 0 }[e.op];
      return (r) => { const c = cmp(l(r), rr(r)); return c === null ? null : test(c); };
    }
    case 'logical': {
      const [l, rr] = [sub(e.left), sub(e.right)];
      return e.op === 'and'
        ? (r) => { const a = truth(l(r)); if (a === false) return false; const b = truth(rr(r)); return b === false ? false : a === null || b === null ? null : true; }
        : (r) => { const a = truth(l(r)); if (a === true) return true; const b = truth(rr(r)); return b === true ? true : a === null || b === null ? null : false; };
    }
    case 'not': { const o = sub(e.operand); return (r) => { const t = truth(o(r)); return t === null ? null : !t; }; }
    case 'is_null': { const o = sub(e.expr); return (r) => (o(r) === null) !== e.negated; }
    case 'is_bool': { const o = sub(e.expr); return (r) => (o(r) === e.value) !== e.negated; }
    case 'in_list': {
      const o = sub(e.expr); const vals = e.values.map(sub);
      return (r) => { const v = o(r); if (v === null) return null; const hit = vals.some((x) => cmp(v, x(r)) === 0); return hit !== e.negated; };
    }
    case 'like': {
      if (e.pattern.kind !== 'string') throw invalidParam(where, 'LIKE takes a text pattern');
      const body = e.pattern.value.split('*').map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\S*');
      const re = new RegExp(`(^|[^\\p{L}\\p{N}])${body}($|[^\\p{L}\\p{N}])`, 'iu');
      const o = sub(e.left);
      return (r) => { const s = str(o(r)); return s === null ? null : re.test(s) !== e.negated; };
    }
    case 'call': {
      const f = FUNCTIONS[e.name.toLowerCase()];
      if (!f) throw invalidParam(where, `function ${e.name}() is not available in processors (available: ${Object.keys(FUNCTIONS).join(', ')})`);
      if (e.args.length < f.arity[0] || e.args.length > f.arity[1] || e.named.length) throw invalidParam(where, `${e.name}() takes ${f.arity[0]}${f.arity[1] > f.arity[0] ? ` to ${f.arity[1]}` : ''} argument(s)`);
      const args = e.args.map(sub);
      return (r) => f.fn(args.map((a) => a(r)));
    }
    default:
      throw invalidParam(where, `${e.kind.replace('_', ' ')} expressions are not available in processors`);
  }
}
