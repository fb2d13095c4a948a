// The sorted orders and laid-out keys of one held version, each built on first need outside the
// request that asked (that request and those until it is ready are answered without it); orders are
// sorted on a worker thread.
import type { HeldTable } from './columns.ts';
import { project, sortedOrder, type SortedOrder } from './orders.ts';
import { sortOffThread } from './sorter.ts';

export class VersionStructures {
  private readonly orders = new Map<string, SortedOrder | 'building'>();
  private readonly laid = new Map<string, Float64Array | 'building'>();
  private pending = 0;
  constructor(private readonly table: HeldTable, private readonly onGrow: () => void) {}

  /** Positions sorted by `columns` (one, or an equality column then a range column). */
  order(columns: readonly string[]): SortedOrder | null {
    const id = columns.join('\u0000');
    const keys = this.keys(columns[0]!), then = columns[1] ? this.keys(columns[1]) : undefined;
    // Should the sorting thread be unavailable, the order is sorted here (holding the event loop).
    return this.lazy(this.orders, id, () => sortOffThread(keys, then).catch(() => sortedOrder(keys, then)));
  }

  /** `column`'s keys in the order of `driver` (an order already built). */
  laidOut(driver: readonly string[], column: string): Float64Array | null {
    const order = this.orders.get(driver.join('\u0000'));
    if (!order || order === 'building') return null;
    return this.lazy(this.laid, `${driver.join('\u0000')}\u0001${column}`, async () => project(this.keys(column), order));
  }

  /** Orders or laid-out keys asked for and not built yet. */
  get building(): boolean { return this.pending > 0; }

  get bytes(): number {
    let n = 0;
    for (const m of [this.orders, this.laid]) for (const v of m.values()) if (v !== 'building') n += v.byteLength;
    return n;
  }

  private keys(column: string): Float64Array { return this.table.columns.get(column)!.ordered!.keys; }

  private lazy<T>(map: Map<string, T | 'building'>, id: string, make: () => Promise<T>): T | null {
    const v = map.get(id);
    if (v !== undefined && v !== 'building') return v;
    if (v === undefined) {
      map.set(id, 'building');
      this.pending++;
      setImmediate(() => {
        make().then((built) => { map.set(id, built); this.onGrow(); }, () => map.delete(id)).finally(() => { this.pending--; });
      });
    }
    return null;
  }
}
