// One records page and its exact total from the in-memory copy. The total: the size of the driver's
// slice when its sorted order covers the whole clause, else each candidate of the slice tested. The
// page: the sort column's order walked until enough rows pass (cheap when many do), else a bounded
// heap over the candidates in the engine's order (key ASC|DESC NULLS LAST, then record id).
import { inSortOrder, type SortedOrder } from './orders.ts';
import type { Intervals } from './predicate.ts';

/** The rows that can pass: positions order[from..to), or every position when `order` is null. */
export interface Candidates {
  readonly order: SortedOrder | null;
  /** The columns `order` is sorted by (null with `order`). */
  readonly driver: readonly string[] | null;
  readonly from: number;
  readonly to: number;
  /** Every candidate passes (the driver's order covers the clause). */
  readonly covered: boolean;
  /** The closed intervals left to test, with their keys laid out in candidate order (exact clauses). */
  readonly residual: Intervals | null;
  /** The test of a position (any clause; random access). */
  readonly pass: (pos: number) => boolean;
}

export interface PageRequest {
  readonly rows: number;
  readonly offset: number;
  readonly limit: number;
  /** The sort column, or null for record-id (position) order. */
  readonly sort: {
    readonly keys: Float64Array; readonly desc: boolean;
    /** Its ascending order (null until built) and its keys in candidate order (null if not laid out). */
    readonly order: SortedOrder | null; readonly inCandidates: Float64Array | null;
  } | null;
}

export interface PageAnswer { readonly positions: number[]; readonly total: number }

export function selectPage(c: Candidates, req: PageRequest): PageAnswer {
  const total = c.covered ? c.to - c.from : countCandidates(c);
  const need = req.offset + req.limit;
  if (total === 0 || need === 0) return { positions: [], total };
  // Walking the sort order meets a passing row every rows/total steps on average, each step a jump
  // across memory; a heap reads every candidate once, in sequence when the sort keys are laid out in
  // candidate order (measured: a walk step costs ~25 such reads, ~3 unlaid ones). Walk when cheaper,
  // giving up (to the heap) past the candidates' number of steps.
  const size = c.to - c.from;
  const walkable = !req.sort || req.sort.order;
  const stepCost = !req.sort || (c.order && !req.sort.inCandidates) ? 3 : 25;
  if (walkable && ((need * req.rows) / total) * stepCost < size) {
    const walked = walk(c.pass, req, need, size);
    if (walked) return { positions: walked.slice(req.offset), total };
  }
  return { positions: heapPage(c, req, need).slice(req.offset), total };
}

function countCandidates(c: Candidates): number {
  let total = 0;
  if (c.residual && c.order) {
    const { keys, lo, hi } = c.residual;
    const m = keys.length;
    // The first two intervals from locals (most clauses have one or two): a few times faster a row.
    const none = new Float64Array(0);
    const k0 = keys[0] ?? none, k1 = keys[1] ?? none;
    const lo0 = lo[0] ?? 0, hi0 = hi[0] ?? 0, lo1 = lo[1] ?? 0, hi1 = hi[1] ?? 0;
    outer: for (let i = c.from; i < c.to; i++) {
      if (m > 0) { const k = k0[i]!; if (!(k >= lo0 && k <= hi0)) continue; }
      if (m > 1) { const k = k1[i]!; if (!(k >= lo1 && k <= hi1)) continue; }
      for (let j = 2; j < m; j++) { const k = keys[j]![i]!; if (!(k >= lo[j]! && k <= hi[j]!)) continue outer; }
      total++;
    }
    return total;
  }
  const pass = c.pass;
  if (c.order) { for (let i = c.from; i < c.to; i++) if (pass(c.order[i]!)) total++; }
  else for (let p = c.from; p < c.to; p++) if (pass(p)) total++;
  return total;
}

/** The first `need` passing positions in sort order, or null after `maxSteps` rows. */
function walk(pass: (p: number) => boolean, req: PageRequest, need: number, maxSteps: number): number[] | null {
  const out: number[] = [];
  let steps = 0;
  const positions = req.sort ? inSortOrder(req.sort.order!, req.sort.keys, req.sort.desc) : positionsUpTo(req.rows);
  for (const p of positions) {
    if (++steps > maxSteps) return null;
    if (pass(p)) { out.push(p); if (out.length === need) break; }
  }
  return out;
}

function* positionsUpTo(n: number): Generator<number> { for (let p = 0; p < n; p++) yield p; }

/** Keeps the `need` first candidates that pass: a heap whose root is the last kept, touched only
 *  by a candidate that comes before it (most are turned away by one or two comparisons). */
function heapPage(c: Candidates, req: PageRequest, need: number): number[] {
  const desc = req.sort?.desc ?? false;
  const heap = new PageHeap(need, desc);
  const sortKeys = req.sort?.keys ?? null;
  const order = c.order;
  const laid = order ? req.sort?.inCandidates ?? null : sortKeys;
  const pass = c.pass;
  const residual = c.residual && order ? c.residual : null;
  const covered = c.covered;
  let full = false, wk = 0, wp = 0;
  for (let i = c.from; i < c.to; i++) {
    if (!covered && !(residual ? residual.holds(i) : pass(order ? order[i]! : i))) continue;
    const p = order ? order[i]! : i;
    const k = !sortKeys ? p : laid ? laid[i]! : sortKeys[p]!;
    if (full) {
      // Turned away unless it comes before the last kept row (key ASC|DESC NULLS LAST, then position).
      if (wk === wk) {
        if (desc ? !(k >= wk) : !(k <= wk)) continue;
        if (k === wk && p > wp) continue;
      } else if (k !== k && p > wp) continue;
    }
    heap.offer(k, p);
    if (heap.length === need) { full = true; wk = heap.rootKey; wp = heap.rootPos; }
  }
  return heap.sorted();
}

/** Keeps the `size` first (key, position) pairs offered in the engine's order; the root is the last kept. */
class PageHeap {
  private readonly keys: number[] = [];
  private readonly pos: number[] = [];
  constructor(private readonly size: number, private readonly desc: boolean) {}

  /** a before b: key ASC|DESC with nulls (NaN) last, then position. */
  private before(ka: number, pa: number, kb: number, pb: number): boolean {
    if (ka !== ka) return kb !== kb && pa < pb;
    if (kb !== kb) return true;
    if (ka === kb) return pa < pb;
    return this.desc ? ka > kb : ka < kb;
  }

  get length(): number { return this.keys.length; }
  get rootKey(): number { return this.keys[0]!; }
  get rootPos(): number { return this.pos[0]!; }

  offer(k: number, p: number): void {
    const K = this.keys, P = this.pos;
    if (K.length < this.size) {
      K.push(k); P.push(p);
      for (let i = K.length - 1; i > 0;) {
        const up = (i - 1) >> 1;
        if (!this.before(K[up]!, P[up]!, K[i]!, P[i]!)) break;
        this.swap(up, i);
        i = up;
      }
      return;
    }
    if (!this.before(k, p, K[0]!, P[0]!)) return;
    K[0] = k; P[0] = p;
    for (let i = 0; ;) {
      const l = 2 * i + 1, r = l + 1;
      let m = i;
      if (l < K.length && this.before(K[m]!, P[m]!, K[l]!, P[l]!)) m = l;
      if (r < K.length && this.before(K[m]!, P[m]!, K[r]!, P[r]!)) m = r;
      if (m === i) break;
      this.swap(m, i);
      i = m;
    }
  }

  private swap(a: number, b: number): void {
    const K = this.keys, P = this.pos;
    [K[a], K[b]] = [K[b]!, K[a]!];
    [P[a], P[b]] = [P[b]!, P[a]!];
  }

  sorted(): number[] {
    const idx = this.keys.map((_, i) => i);
    idx.sort((a, b) => (this.before(this.keys[a]!, this.pos[a]!, this.keys[b]!, this.pos[b]!) ? -1 : 1));
    return idx.map((i) => this.pos[i]!);
  }
}
