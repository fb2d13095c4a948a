// Which rows a where clause can keep: the smallest slice of a sorted order among its conjuncts' key
// ranges, one column's or an equality column's then another range's (a composite order), and what is
// left to test on each candidate.
import type { HeldTable } from './columns.ts';
import { rangeSlice } from './orders.ts';
import { intervals, type CompiledWhere, type KeyRange } from './predicate.ts';
import type { Candidates } from './select.ts';
import type { VersionStructures } from './structures.ts';

interface Driver { columns: string[]; used: KeyRange[]; from: number; to: number }

const isEquality = (r: KeyRange) => r.low === r.high;

export function candidatesOf(table: HeldTable, s: VersionStructures, where: CompiledWhere, compositeFrom = COMPOSITE_FROM): Candidates {
  let best: Driver | null = null;
  const consider = (d: Driver | null) => { if (d && (!best || d.to - d.from < best.to - best.from)) best = d; };
  for (const r of where.ranges) consider(single(table, s, r));
  for (const a of where.ranges.filter(isEquality)) {
    for (const b of where.ranges) if (b.column !== a.column) consider(composite(table, s, a, b, compositeFrom));
  }
  const all: Candidates = { order: null, driver: null, from: 0, to: table.rows, covered: where.exact && where.ranges.length === 0, residual: null, pass: where.pass };
  const d = best as Driver | null;
  if (!d) return all;
  const order = s.order(d.columns)!;
  const left = where.ranges.filter((r) => !d.used.includes(r));
  const covered = where.exact && left.length === 0;
  let residual: Candidates['residual'] = null;
  if (where.exact && !covered) {
    const keys = left.map((r) => s.laidOut(d.columns, r.column));
    if (keys.every((k) => k)) residual = intervals(left, keys as Float64Array[]);
  }
  return { order, driver: d.columns, from: d.from, to: d.to, covered, residual, pass: where.pass };
}

function single(table: HeldTable, s: VersionStructures, r: KeyRange): Driver | null {
  const order = s.order([r.column]);
  if (!order) return null;
  const [from, to] = rangeSlice(table.columns.get(r.column)!.ordered!.keys, order, r);
  return { columns: [r.column], used: [r], from, to };
}

/** An equality on `a`, then `b`'s range inside that group. Only asked for when a's group is large. */
function composite(table: HeldTable, s: VersionStructures, a: KeyRange, b: KeyRange, minGroup: number): Driver | null {
  const first = single(table, s, a);
  if (!first || first.to - first.from < minGroup) return null;
  const order = s.order([a.column, b.column]);
  if (!order) return null;
  const [f, t] = rangeSlice(table.columns.get(a.column)!.ordered!.keys, order, a);
  const [from, to] = rangeSlice(table.columns.get(b.column)!.ordered!.keys, order, b, f, t);
  return { columns: [a.column, b.column], used: [a, b], from, to };
}

/** Below this many rows, testing an equality's whole group costs less than another sorted order. */
export const COMPOSITE_FROM = 4096;
