// The virtual table's scroll mapping: exact rows while the body fits, and for millions of rows a
// capped body where small scrolls still move row by row and jumps land proportionally.
import { describe, expect, it } from 'vitest';
import { MAX_BODY_PX, geometry, topRow } from '../../web/src/dataset/table/scroll-map.ts';

describe('scroll mapping', () => {
  it('is exact while the rows fit in the body', () => {
    const g = geometry(2400, 36, 540);
    expect(g).toMatchObject({ scaled: false, bodyH: 2400 * 36, maxRow: 2400 - 15 });
    expect(topRow(g, { scrollTop: 0, row: 0 }, 360)).toBe(10);
    expect(topRow(g, { scrollTop: 0, row: 0 }, 2400 * 36 - 540)).toBe(2385);
  });

  it('caps the body for 3M rows, moving row by row on small scrolls and proportionally on jumps', () => {
    const g = geometry(3_000_000, 36, 540);
    expect(g.scaled).toBe(true);
    expect(g.bodyH).toBe(MAX_BODY_PX);
    expect(g.maxTop).toBe(MAX_BODY_PX - 540);
    expect(g.maxRow).toBe(3_000_000 - 15);
    const mid = topRow(g, { scrollTop: 0, row: 0 }, 4_000_000);
    expect(mid).toBeCloseTo((4_000_000 / (MAX_BODY_PX - 540)) * (3_000_000 - 15), 6);
    // One row's height down, then a wheel notch up: the same rows, not thousands skipped.
    expect(topRow(g, { scrollTop: 4_000_000, row: mid }, 4_000_036)).toBeCloseTo(mid + 1, 9);
    expect(topRow(g, { scrollTop: 4_000_036, row: mid + 1 }, 4_000_036 - 120)).toBeCloseTo(mid + 1 - 120 / 36, 9);
    // The ends are the ends, however the user got there.
    expect(topRow(g, { scrollTop: 200, row: 5_000 }, 0)).toBe(0);
    expect(topRow(g, { scrollTop: 10, row: 0 }, MAX_BODY_PX)).toBe(3_000_000 - 15);
    // Scrolling up past the first row stops at it (never a negative or a proportional row).
    expect(topRow(g, { scrollTop: 100, row: 2 }, 20)).toBe(0);
  });
});
