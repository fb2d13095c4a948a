// The columnar copy of one published data version held in memory: each column as the exact values
// the engine's records query returns, typed arrays where values are numbers, dates, text or booleans.
// Built from the engine's own answer (never re-derived), so a row rebuilt from it equals the engine's.
import type { Row } from '../storage/backend.ts';

export type OrderedKind = 'number' | 'instant' | 'text' | 'boolean';

/** Values comparable in the index: numbers, instants (ms), text ranks in engine order, booleans. */
export interface OrderedColumn {
  readonly kind: OrderedKind;
  /** The comparable key of each row (text: the rank of its value in the engine's order); NaN where null. */
  readonly keys: Float64Array;
  /** Text columns: the distinct values in the engine's order (rank = index). */
  readonly dictionary?: readonly string[];
  readonly rankOf?: ReadonlyMap<string, number>;
}

export interface HeldColumn {
  readonly name: string;
  /** The row's value as the engine returns it. */
  value(pos: number): unknown;
  /** Set when the column's values compare exactly in the index (filters and sorts). */
  readonly ordered: OrderedColumn | null;
  readonly bytes: number;
}

/** What a column is expected to hold (from its field type); a value of another kind makes it 'other'. */
export type ColumnKind = OrderedKind | 'other';

const kindOf = (v: unknown): ColumnKind | null => (v === null || v === undefined ? null
  : typeof v === 'number' ? (Number.isNaN(v) ? 'other' : 'number')
    : typeof v === 'string' ? 'text'
      : typeof v === 'boolean' ? 'boolean'
        : v instanceof Date ? 'instant' : 'other');

/** A column filled row by row into a growing Float64Array (text as first-seen codes, remapped to
 *  engine order at the end); falls back to keeping the values themselves if one does not fit. */
class ColumnBuilder {
  private keys = new Float64Array(1024);
  private values: unknown[] | null = null;
  private n = 0;
  private readonly codes = new Map<string, number>();
  private readonly texts: string[] = [];
  constructor(readonly name: string, private kind: ColumnKind) {
    if (kind === 'other') this.values = [];
  }

  push(v: unknown): void {
    if (this.values) { this.values.push(v ?? null); this.n++; return; }
    const k = kindOf(v);
    if (k !== null && k !== this.kind) { this.toValues(); this.values!.push(v); this.n++; return; }
    if (this.n === this.keys.length) { const grown = new Float64Array(this.n * 2); grown.set(this.keys); this.keys = grown; }
    this.keys[this.n++] = k === null ? NaN : this.key(v);
  }

  private key(v: unknown): number {
    switch (this.kind) {
      case 'number': return v as number;
      case 'boolean': return v ? 1 : 0;
      case 'instant': return (v as Date).getTime();
      default: {
        const s = v as string;
        let c = this.codes.get(s);
        if (c === undefined) { c = this.texts.length; this.codes.set(s, c); this.texts.push(s); }
        return c;
      }
    }
  }

  /** Keeps every value as it came (a column of mixed kinds, or instants finer than a millisecond). */
  toValues(): void {
    if (this.values) return;
    const out: unknown[] = new Array(this.n);
    for (let i = 0; i < this.n; i++) out[i] = this.valueAt(this.keys[i]!);
    this.values = out;
    this.keys = new Float64Array(0);
  }

  private valueAt(k: number): unknown {
    if (k !== k) return null;
    return this.kind === 'number' ? k : this.kind === 'boolean' ? k === 1 : this.kind === 'instant' ? new Date(k) : this.texts[k];
  }

  build(): HeldColumn {
    const name = this.name;
    if (this.values) {
      const values = this.values;
      return { name, value: (p) => values[p] ?? null, ordered: null, bytes: this.n * 16 + 64 };
    }
    const keys = this.keys.slice(0, this.n);
    if (this.kind === 'text') return this.buildText(keys);
    const kind = this.kind as Exclude<OrderedKind, 'text'>;
    const value = kind === 'number' ? (p: number) => (keys[p]! !== keys[p]! ? null : keys[p]!)
      : kind === 'boolean' ? (p: number) => (keys[p]! !== keys[p]! ? null : keys[p] === 1)
        : (p: number) => (keys[p]! !== keys[p]! ? null : new Date(keys[p]!));
    return { name, value, ordered: { kind, keys }, bytes: keys.byteLength };
  }

  private buildText(keys: Float64Array): HeldColumn {
    // The engine compares text byte by byte (UTF-8, binary collation): the same order here.
    const order = this.texts.map((s, code) => ({ s, code, b: Buffer.from(s, 'utf8') }));
    order.sort((x, y) => Buffer.compare(x.b, y.b));
    const rankOfCode = new Float64Array(order.length);
    order.forEach((o, rank) => { rankOfCode[o.code] = rank; });
    for (let i = 0; i < keys.length; i++) if (keys[i] === keys[i]) keys[i] = rankOfCode[keys[i]!]!;
    const dictionary = order.map((o) => o.s);
    const rankOf = new Map(dictionary.map((s, i) => [s, i]));
    const bytes = keys.byteLength + dictionary.reduce((s, t) => s + 2 * t.length + 64, 0);
    return { name: this.name, value: (p) => (keys[p]! !== keys[p]! ? null : dictionary[keys[p]!]!), ordered: { kind: 'text', keys, dictionary, rankOf }, bytes };
  }

  get size(): number { return this.n; }
  get roughBytes(): number { return this.values ? this.n * 16 : this.n * 8; }
}

/** Every column of a version, plus the record ids (`_rid`), rows in record-id order. */
export interface HeldTable {
  readonly rows: number;
  readonly rids: Float64Array;
  readonly columns: ReadonlyMap<string, HeldColumn>;
  readonly bytes: number;
}

/**
 * Copies the engine's rows batch by batch; `kinds` says what each output column should hold (others
 * are kept as values). Null when the copy would pass `maxBytes` (it stops reading then).
 */
export async function holdTable(
  batches: AsyncIterable<Row[]>, ridColumn: string, kinds: ReadonlyMap<string, ColumnKind>, maxBytes: number,
): Promise<HeldTable | null> {
  let builders: ColumnBuilder[] | null = null;
  const rids = new ColumnBuilder(ridColumn, 'number');
  for await (const batch of batches) {
    for (const row of batch) {
      if (!builders) builders = Object.keys(row).filter((k) => k !== ridColumn).map((k) => new ColumnBuilder(k, kinds.get(k) ?? 'other'));
      rids.push(row[ridColumn]);
      for (const b of builders) b.push(row[b.name]);
    }
    const rough = (builders ?? []).reduce((s, b) => s + b.roughBytes, rids.roughBytes);
    if (rough > maxBytes) return null;
  }
  const list = (builders ?? []).map((b) => b.build());
  const ridColumnHeld = rids.build();
  const bytes = list.reduce((s, c) => s + c.bytes, ridColumnHeld.bytes);
  if (bytes > maxBytes) return null;
  return { rows: rids.size, rids: ridColumnHeld.ordered!.keys, columns: new Map(list.map((c) => [c.name, c])), bytes };
}
