// The sorting thread gives the same order as sorting in place (keys, then the second key, nulls last,
// ties by position), and the order comes back whole.
import { describe, expect, it } from 'vitest';
import { sortedOrder } from '../../src/records-index/orders.ts';
import { sortOffThread } from '../../src/records-index/sorter.ts';

describe('sorting thread', () => {
  it('sorts as sortedOrder does, one key or two, with nulls and ties', async () => {
    const n = 50_000;
    const a = Float64Array.from({ length: n }, (_, i) => (i % 17 === 0 ? NaN : (i * 7919) % 101));
    const b = Float64Array.from({ length: n }, (_, i) => (i % 13 === 0 ? NaN : (i * 104729) % 997 - 500));
    const [one, two] = await Promise.all([sortOffThread(a), sortOffThread(a, b)]);
    expect(Array.from(one)).toEqual(Array.from(sortedOrder(a)));
    expect(Array.from(two)).toEqual(Array.from(sortedOrder(a, b)));
    // Independent check of the order itself: keys never decrease, nulls come last, ties by position.
    for (let i = 1; i < n; i++) {
      const [x, y] = [a[one[i - 1]!]!, a[one[i]!]!];
      if (Number.isNaN(x)) expect(Number.isNaN(y) && one[i - 1]! < one[i]!).toBe(true);
      else if (!Number.isNaN(y)) expect(x < y || (x === y && one[i - 1]! < one[i]!)).toBe(true);
    }
  });
});
