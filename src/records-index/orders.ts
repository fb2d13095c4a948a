// Sorted orders of a held version: positions sorted by one column's key (or by an equality column then
// a range column, like a DBA's composite index), nulls last, ties by position; slices of them bound the
// rows a where clause can keep. And column keys laid out in such an order, so a slice reads them in sequence.
import type { KeyRange } from './predicate.ts';

export type SortedOrder = Uint32Array;

/** Keys compare as numbers with null (NaN) after every value. */
function compareKeys(x: number, y: number): number {
  if (x !== x) return y !== y ? 0 : 1;
  return y !== y ? -1 : x - y;
}

export function sortedOrder(keys: Float64Array, then?: Float64Array): SortedOrder {
  const order = new Uint32Array(keys.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  if (then) order.sort((a, b) => compareKeys(keys[a]!, keys[b]!) || compareKeys(then[a]!, then[b]!) || a - b);
  else order.sort((a, b) => compareKeys(keys[a]!, keys[b]!) || a - b);
  return order;
}

/** A column's keys laid out in a sorted order: a slice of candidates then reads them one after the
 *  other instead of jumping across memory (3M rows: ~25 ns a row becomes a few). */
export function project(keys: Float64Array, order: SortedOrder): Float64Array {
  const out = new Float64Array(order.length);
  for (let i = 0; i < order.length; i++) out[i] = keys[order[i]!]!;
  return out;
}

/** Within [from, to) of `order`, where `keys` are sorted (nulls last), the sub-slice whose keys lie in the range. */
export function rangeSlice(keys: Float64Array, order: SortedOrder, r: KeyRange, from = 0, to = order.length): [number, number] {
  const first = (pass: (k: number) => boolean, a: number, b: number) => firstWhere(keys, order, pass, a, b);
  const nonNull = first((k) => k !== k, from, to);
  const start = first((k) => k >= r.low, from, nonNull);
  const end = first((k) => k > r.high, from, nonNull);
  return [start, Math.max(start, end)];
}

/** The first index in [a, b) whose key passes, where the keys pass from some index on. */
function firstWhere(keys: Float64Array, order: SortedOrder, pass: (k: number) => boolean, a: number, b: number): number {
  while (a < b) { const m = (a + b) >> 1; if (pass(keys[order[m]!]!)) b = m; else a = m + 1; }
  return a;
}

/**
 * Positions in the engine's order of one sort key (ASC|DESC NULLS LAST, then record id), from a
 * column's ascending order: descending walks the values backwards but each run of equal values forwards.
 */
export function* inSortOrder(order: SortedOrder, keys: Float64Array, desc: boolean): Generator<number> {
  if (!desc) {
    for (let i = 0; i < order.length; i++) yield order[i]!;
    return;
  }
  const nonNull = firstWhere(keys, order, (k) => k !== k, 0, order.length);
  for (let i = nonNull - 1; i >= 0;) {
    const k = keys[order[i]!]!;
    let g = i;
    while (g > 0 && keys[order[g - 1]!] === k) g--;
    for (let j = g; j <= i; j++) yield order[j]!;
    i = g - 1;
  }
  for (let i = nonNull; i < order.length; i++) yield order[i]!;
}
