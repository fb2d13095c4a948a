// The SQL twin of odsql-eval.ts for the skip_records condition and the expression processor: the same
// parsed tree compiled to DuckDB SQL that gives, record by record, what the tree walk gives, or null
// when no exact twin exists. Kinds are tracked statically (text, number, boolean, null) and mixed ones
// are refused (JS's loose comparisons and Number() parsing have none); numbers are DOUBLE as in JS.
// Where a record could part, a jsOnly check sends it to JS: arithmetic DuckDB makes null (a division
// by zero, which JS fails on, or an overflow to ±Infinity), text ordering with astral characters
// (UTF-16 against code-point order), lower/upper on non-ASCII text (JS maps ß to SS, DuckDB does not).
// Left to JS: LIKE (JS's Unicode case folding and word edges), substring (JS's slice() on fractional
// bounds) and round (Math.round's halves differ from DuckDB's), and any field of another type than
// text, date, int, double or boolean (a datetime's text is JS's toISOString()).
import type { Expr } from '../../query/index.ts';
import { parseWhere } from '../../query/index.ts';
import { astral, asText, fieldValue, JS_SPACE, nonAscii, wellFormed, type SqlKind, type Typed } from './sql-forms.ts';
import type { PField, SqlContext } from './types.ts';

class NoTwin extends Error {}

interface Ctx { fields: Map<string, PField>; sql: SqlContext; jsOnly: string[] }

const nul = (kind: SqlKind): Typed => ({ sql: `CAST(NULL AS ${kind === 'number' ? 'DOUBLE' : kind === 'boolean' ? 'BOOLEAN' : 'VARCHAR'})`, kind: 'null' });

/** `text` (already accepted by compileOdsql) as SQL and its kind, or null when it has no exact twin. */
export function odsqlToSql(text: string, fields: readonly PField[], sql: SqlContext, jsOnly: string[]): Typed | null {
  const ctx: Ctx = { fields: new Map(fields.map((f) => [f.name, f])), sql, jsOnly };
  try {
    return build(parseWhere(text), ctx);
  } catch (e) {
    if (e instanceof NoTwin) return null;
    throw e;
  }
}

/** JS's truth(): booleans as they are, a number true unless 0, a text unless empty. */
export function truth(v: Typed): string {
  switch (v.kind) {
    case 'boolean': return v.sql;
    case 'number': return `(${v.sql} <> 0)`;
    case 'text': return `(${v.sql} <> '')`;
    default: return 'CAST(NULL AS BOOLEAN)';
  }
}

function need(v: Typed, kind: SqlKind): string {
  if (v.kind === kind) return v.sql;
  if (v.kind === 'null') return nul(kind).sql;
  throw new NoTwin();
}

/** The kind two operands share (null goes with any), else no twin. */
function common(a: Typed, b: Typed): SqlKind {
  if (a.kind === 'null') return b.kind;
  if (b.kind === 'null' || a.kind === b.kind) return a.kind;
  throw new NoTwin();
}

/** cmp() of two values of one kind as SQL (numbers, booleans false < true, texts). */
function compare(a: Typed, b: Typed, op: string, ctx: Ctx): string {
  const kind = common(a, b);
  if (kind === 'null') return 'CAST(NULL AS BOOLEAN)';
  const [l, r] = [need(a, kind), need(b, kind)];
  if (kind === 'text' && op !== '=' && op !== '!=') ctx.jsOnly.push(`(${astral(l, ctx.sql)} OR ${astral(r, ctx.sql)})`);
  return `(${l} ${op === '!=' ? '<>' : op} ${r})`;
}

function build(e: Expr, ctx: Ctx): Typed {
  const sub = (x: Expr) => build(x, ctx);
  switch (e.kind) {
    case 'field': {
      const f = ctx.fields.get(e.name);
      const v = f ? fieldValue(f, ctx.sql) : null;
      if (!v) throw new NoTwin();
      return v;
    }
    case 'string': if (!wellFormed(e.value)) throw new NoTwin(); return { sql: ctx.sql.text(e.value), kind: 'text' };
    case 'date': return { sql: ctx.sql.text(e.text), kind: 'text' };
    case 'number': return { sql: ctx.sql.number(e.value), kind: 'number' };
    case 'boolean': return { sql: ctx.sql.boolean(e.value), kind: 'boolean' };
    case 'null': return nul('text');
    case 'unary': return { sql: `(- ${need(sub(e.operand), 'number')})`, kind: 'number' };
    case 'binary': {
      const [a, b] = [need(sub(e.left), 'number'), need(sub(e.right), 'number')];
      const v = `(${a} ${e.op} ${b})`;
      // JS fails on x / 0 and x % 0; past ±1.8e308 it carries ±Infinity, which DuckDB makes null or
      // keeps: a record reaching either goes to JS.
      const zero = e.op === '/' || e.op === '%' ? ` OR ${b} = 0` : '';
      ctx.jsOnly.push(`(${a} IS NOT NULL AND ${b} IS NOT NULL AND (${v} IS NULL OR NOT isfinite(${v})${zero}))`);
      return { sql: v, kind: 'number' };
    }
    case 'compare': return { sql: compare(sub(e.left), sub(e.right), e.op, ctx), kind: 'boolean' };
    case 'logical': return { sql: `(${truth(sub(e.left))} ${e.op === 'and' ? 'AND' : 'OR'} ${truth(sub(e.right))})`, kind: 'boolean' };
    case 'not': return { sql: `(NOT ${truth(sub(e.operand))})`, kind: 'boolean' };
    case 'is_null': return { sql: `(${sub(e.expr).sql} IS ${e.negated ? 'NOT ' : ''}NULL)`, kind: 'boolean' };
    case 'is_bool': {
      const v = sub(e.expr);
      // JS: (value === true/false) !== negated, so a value of another kind is never it.
      const is = v.kind === 'boolean' ? `coalesce(${v.sql} = ${ctx.sql.boolean(e.value)}, false)` : 'false';
      return { sql: e.negated ? `(NOT ${is})` : is, kind: 'boolean' };
    }
    case 'in_list': {
      const v = sub(e.expr);
      if (v.kind === 'null') return { sql: 'CAST(NULL AS BOOLEAN)', kind: 'boolean' };
      const hits = e.values.map((x) => `coalesce(${compare(v, sub(x), '=', ctx)}, false)`);
      const hit = hits.length ? hits.join(' OR ') : 'false';
      return { sql: `(CASE WHEN ${v.sql} IS NULL THEN NULL ELSE ${e.negated ? `NOT (${hit})` : `(${hit})`} END)`, kind: 'boolean' };
    }
    case 'call': {
      const name = e.name.toLowerCase();
      if (name === 'replace') {
        // JS splits on the text searched for: an empty one (or null) splits between UTF-16 units, so
        // only a non-empty text searched for, and a text or null put instead, have a twin.
        const [a, b] = [e.args[1], e.args[2]];
        if (a.kind !== 'string' || a.value === '' || (b.kind !== 'string' && b.kind !== 'null')) throw new NoTwin();
        const by = sub(b);
        return { sql: `replace(${asText(sub(e.args[0]), ctx.jsOnly)}, ${need(sub(a), 'text')}, coalesce(${need(by, 'text')}, ''))`, kind: 'text' };
      }
      return call(name, e.args.map(sub), ctx);
    }
    default: throw new NoTwin();
  }
}

function call(name: string, args: Typed[], ctx: Ctx): Typed {
  const text = (v: Typed) => asText(v, ctx.jsOnly);
  const num = (v: Typed) => need(v, 'number');
  switch (name) {
    case 'lower': case 'upper': {
      const s = text(args[0]);
      ctx.jsOnly.push(nonAscii(s, ctx.sql));
      return { sql: `${name}(${s})`, kind: 'text' };
    }
    case 'trim': return { sql: `trim(${text(args[0])}, ${ctx.sql.text(JS_SPACE)})`, kind: 'text' };
    case 'length': return { sql: `CAST(length(${text(args[0])}) AS DOUBLE)`, kind: 'number' };
    case 'concat': return { sql: `concat(${args.map((a) => `coalesce(${text(a)}, '')`).join(', ')})`, kind: 'text' };
    case 'coalesce': {
      const kind = args.reduce<SqlKind>((k, a) => common({ sql: '', kind: k }, a), 'null');
      return { sql: `coalesce(${args.map((a) => need(a, kind === 'null' ? 'text' : kind)).join(', ')})`, kind };
    }
    case 'abs': case 'floor': case 'ceil': return { sql: `${name}(${num(args[0])})`, kind: 'number' };
    default: throw new NoTwin();
  }
}
