// A plan's where clause as a test on rows of the in-memory copy, with SQL's three-valued logic, and
// the ranges of one column that bound it (drivers). Only the node kinds it can answer exactly as the
// engine does are taken (comparisons of a field with constants, IN, ranges, IS NULL, AND/OR/NOT);
// anything else returns null and the query goes to the engine.
import type { Period } from '../query/dates.ts';
import type { TExpr, TField } from '../query/analyze/typed.ts';
import type { CompareOp } from '../query/ast.ts';
import type { HeldTable, OrderedColumn } from './columns.ts';

/** 1 true, 0 false, 2 unknown (NULL). */
export type Truth = 0 | 1 | 2;
export type RowTest = (pos: number) => Truth;

/** Rows whose key lies in [low, high], both closed (an open bound is kept as the nearest double
 *  inside it); nulls (NaN) never do. */
export interface KeyRange { readonly column: string; readonly low: number; readonly high: number }

export interface CompiledWhere {
  /** True where the row is kept (the whole clause is TRUE; false and unknown drop it). */
  readonly pass: (pos: number) => boolean;
  /** Intervals the top-level conjuncts confine their fields to (each row kept lies in all of them). */
  readonly ranges: readonly KeyRange[];
  /** The clause is exactly its ranges: a row is kept iff its keys lie in every one. */
  readonly exact: boolean;
}

const ALL: KeyRange = { column: '', low: -Infinity, high: Infinity };

export function compileWhere(e: TExpr | null, held: HeldTable): CompiledWhere | null {
  if (e === null) return { pass: () => true, ranges: [], exact: true };
  const test = node(e, held);
  if (!test) return null;
  const items = e.kind === 'logic' && e.op === 'and' ? e.items : [e];
  const ranges = items.map((x) => rangeOf(x, held));
  const exact = ranges.filter((r): r is KeyRange => r !== null);
  // The common clause, a conjunction of comparisons and ranges, is exactly its intervals: one loop.
  const isExact = exact.length === items.length;
  const merged = intersectByColumn(exact);
  return { pass: isExact ? inAll(merged, held) : (p: number) => test(p) === 1, ranges: merged, exact: isExact };
}

/** One interval per column: `date >= a and date < b` is the one slice [a, b), not two half-tables. */
function intersectByColumn(ranges: KeyRange[]): KeyRange[] {
  const byColumn = new Map<string, KeyRange>();
  for (const r of ranges) {
    const prev = byColumn.get(r.column);
    byColumn.set(r.column, prev ? { ...prev, low: Math.max(prev.low, r.low), high: Math.min(prev.high, r.high) } : r);
  }
  return [...byColumn.values()];
}

/** Every interval holds the row's key (a null key, NaN, fails every comparison, as in SQL). */
function inAll(ranges: KeyRange[], held: HeldTable): (pos: number) => boolean {
  const iv = intervals(ranges, ranges.map((r) => held.columns.get(r.column)!.ordered!.keys));
  return (p) => iv.holds(p);
}

/** Closed intervals over key arrays read at one index (positions, or a sorted order's slots). */
export interface Intervals { readonly keys: readonly Float64Array[]; readonly lo: Float64Array; readonly hi: Float64Array; holds(i: number): boolean }

export function intervals(ranges: readonly KeyRange[], keys: readonly Float64Array[]): Intervals {
  const lo = Float64Array.from(ranges, (r) => r.low), hi = Float64Array.from(ranges, (r) => r.high);
  return {
    keys, lo, hi,
    holds(i) {
      for (let j = 0; j < keys.length; j++) { const k = keys[j]![i]!; if (!(k >= lo[j]! && k <= hi[j]!)) return false; }
      return true;
    },
  };
}

function orderedField(e: TExpr, held: HeldTable): { col: OrderedColumn; f: TField } | null {
  if (e.kind !== 'field' || e.multivalued) return null;
  if (e.type === 'geo_point_2d' || e.type === 'geo_shape' || e.type === 'json_blob' || e.type === 'file') return null;
  const col = held.columns.get(e.field.name)?.ordered;
  return col ? { col, f: e } : null;
}

/** One comparison of a field's key with a constant as a key interval (text: ranks), or null. */
interface Bound { readonly op: CompareOp; readonly key: number }

/** The key of a constant for the column, as bounds: text literals that are not in the dictionary
 *  fall between two ranks; periods widen into their start and end. Null = not answerable here. */
function bounds(col: OrderedColumn, f: TField, op: CompareOp, v: TExpr): Bound[] | 'null' | null {
  if (v.kind === 'literal') {
    if (v.value === null || v.type === 'null') return 'null';
    if (col.kind === 'number' && typeof v.value === 'number' && (f.type === 'int' || f.type === 'double')) return [{ op, key: v.value }];
    if (col.kind === 'boolean' && typeof v.value === 'boolean' && f.type === 'boolean') return [{ op, key: v.value ? 1 : 0 }];
    if (col.kind === 'text' && typeof v.value === 'string' && f.type === 'text') return textBounds(col, op, v.value);
    return null;
  }
  if (v.kind === 'period' && col.kind === 'instant' && (f.type === 'date' || f.type === 'datetime')) return periodBounds(f.type, op, v.period);
  return null;
}

/** The engine's comparePeriod (sql/periods.ts), on milliseconds: DATE fields by calendar day. */
function periodBounds(type: 'date' | 'datetime', op: CompareOp, p: Period): Bound[] {
  const day = (d: string) => Date.parse(`${d}T00:00:00Z`);
  const start = type === 'date' ? day(p.startDate) : p.start;
  const end = type === 'date' ? day(p.endDate) : p.end;
  if (p.precision === 'instant' && type === 'datetime') return [{ op, key: start }];
  switch (op) {
    case '=': return [{ op: '>=', key: start }, { op: '<', key: end }];
    case '!=': return [{ op: '!=', key: NaN }, { op: '<', key: start }, { op: '>=', key: end }];
    case '>': return [{ op: '>=', key: end }];
    case '>=': return [{ op: '>=', key: start }];
    case '<': return [{ op: '<', key: start }];
    case '<=': return [{ op: '<', key: end }];
  }
}

/** Text compares byte by byte: a literal maps to its rank, or to the gap between two ranks. */
function textBounds(col: OrderedColumn, op: CompareOp, s: string): Bound[] {
  const rank = col.rankOf!.get(s);
  if (rank !== undefined) return [{ op, key: rank }];
  const dict = col.dictionary!;
  const target = Buffer.from(s, 'utf8');
  let lo = 0, hi = dict.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (Buffer.compare(Buffer.from(dict[mid]!, 'utf8'), target) < 0) lo = mid + 1;
    else hi = mid;
  }
  const gap = lo - 0.5; // strictly between rank lo-1 and rank lo
  return [{ op, key: gap }];
}

function compareTest(keys: Float64Array, bs: Bound[]): RowTest {
  // `!=` of a period: outside [start, end) (the NaN marker says: OR of the next two bounds).
  if (bs[0]!.op === '!=' && Number.isNaN(bs[0]!.key)) {
    const start = bs[1]!.key, end = bs[2]!.key;
    return (p) => { const k = keys[p]!; return k !== k ? 2 : (k < start || k >= end ? 1 : 0); };
  }
  const one = (b: Bound): RowTest => {
    const v = b.key;
    switch (b.op) {
      case '=': return (p) => { const k = keys[p]!; return k !== k ? 2 : k === v ? 1 : 0; };
      case '!=': return (p) => { const k = keys[p]!; return k !== k ? 2 : k !== v ? 1 : 0; };
      case '<': return (p) => { const k = keys[p]!; return k !== k ? 2 : k < v ? 1 : 0; };
      case '<=': return (p) => { const k = keys[p]!; return k !== k ? 2 : k <= v ? 1 : 0; };
      case '>': return (p) => { const k = keys[p]!; return k !== k ? 2 : k > v ? 1 : 0; };
      case '>=': return (p) => { const k = keys[p]!; return k !== k ? 2 : k >= v ? 1 : 0; };
    }
  };
  if (bs.length === 1) return one(bs[0]!);
  const [a, b] = [one(bs[0]!), one(bs[1]!)];
  return (p) => and(a(p), b(p));
}

const and = (a: Truth, b: Truth): Truth => (a === 0 || b === 0 ? 0 : a === 2 || b === 2 ? 2 : 1);
const or = (a: Truth, b: Truth): Truth => (a === 1 || b === 1 ? 1 : a === 2 || b === 2 ? 2 : 0);
const UNKNOWN: RowTest = () => 2;

function fieldCompare(field: TExpr, op: CompareOp, value: TExpr, held: HeldTable): RowTest | null {
  const of = orderedField(field, held);
  if (!of) return null;
  const bs = bounds(of.col, of.f, op, value);
  if (bs === null) return null;
  if (bs === 'null') return UNKNOWN;
  return compareTest(of.col.keys, bs);
}

function node(e: TExpr, held: HeldTable): RowTest | null {
  switch (e.kind) {
    case 'const_bool': { const v: Truth = e.value ? 1 : 0; return () => v; }
    case 'compare': return fieldCompare(e.left, e.op, e.right, held);
    case 'in_range': {
      const lo = fieldCompare(e.expr, e.lowInclusive ? '>=' : '>', e.low, held);
      const hi = fieldCompare(e.expr, e.highInclusive ? '<=' : '<', e.high, held);
      return lo && hi ? (p) => and(lo(p), hi(p)) : null;
    }
    case 'in_list': {
      const tests = e.values.map((v) => fieldCompare(e.expr, '=', v, held));
      if (tests.some((t) => t === null)) return null;
      const ts = tests as RowTest[];
      return (p) => { let r: Truth = 0; for (const t of ts) { r = or(r, t(p)); if (r === 1) break; } return r; };
    }
    case 'is_null': {
      const of = orderedField(e.expr, held);
      if (!of) return null;
      const keys = of.col.keys;
      const hit: Truth = e.negated ? 0 : 1, miss: Truth = e.negated ? 1 : 0;
      return (p) => (keys[p]! !== keys[p]! ? hit : miss);
    }
    case 'logic': {
      const ts = e.items.map((x) => node(x, held));
      if (ts.some((t) => t === null)) return null;
      const list = ts as RowTest[];
      if (e.op === 'and') return (p) => { let r: Truth = 1; for (const t of list) { r = and(r, t(p)); if (r === 0) break; } return r; };
      return (p) => { let r: Truth = 0; for (const t of list) { r = or(r, t(p)); if (r === 1) break; } return r; };
    }
    // The engine's NOT COALESCE(x, FALSE): unknown counts as false before the negation.
    case 'not': { const t = node(e.operand, held); return t ? (p) => (t(p) === 1 ? 0 : 1) : null; }
    default: return null;
  }
}

/** The key interval a top-level conjunct confines its field to, when it is one comparison or range. */
function rangeOf(e: TExpr, held: HeldTable): KeyRange | null {
  const interval = (field: TExpr, pairs: Array<[CompareOp, TExpr]>): KeyRange | null => {
    const of = orderedField(field, held);
    if (!of) return null;
    let r: KeyRange = { ...ALL, column: of.f.field.name };
    for (const [op, v] of pairs) {
      const bs = bounds(of.col, of.f, op, v);
      if (bs === null || bs === 'null') return null;
      // The intersection of the bounds, exactly (a range is also the row test of its conjunct).
      for (const b of bs) {
        if (b.op === '!=') return null;
        if (b.op === '=' || b.op === '>' || b.op === '>=') r = raiseLow(r, b.key, b.op === '>');
        if (b.op === '=' || b.op === '<' || b.op === '<=') r = lowerHigh(r, b.key, b.op === '<');
      }
    }
    return r;
  };
  if (e.kind === 'compare') return interval(e.left, [[e.op, e.right]]);
  if (e.kind === 'in_range') return interval(e.expr, [[e.lowInclusive ? '>=' : '>', e.low], [e.highInclusive ? '<=' : '<', e.high]]);
  return null;
}

function raiseLow(r: KeyRange, key: number, open: boolean): KeyRange {
  return { ...r, low: Math.max(r.low, open ? nextUp(key) : key) };
}

function lowerHigh(r: KeyRange, key: number, open: boolean): KeyRange {
  return { ...r, high: Math.min(r.high, open ? -nextUp(-key) : key) };
}

/** The smallest double above x: an open bound as a closed one, exactly. */
function nextUp(x: number): number {
  if (x !== x || x === Infinity) return x;
  if (x === 0) return Number.MIN_VALUE;
  const b = new Float64Array([x]);
  const i = new BigInt64Array(b.buffer);
  i[0] = x > 0 ? i[0]! + 1n : i[0]! - 1n;
  return b[0]!;
}
