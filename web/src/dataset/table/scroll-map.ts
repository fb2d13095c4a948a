// Maps a virtual table's scroll position to its top record; bodies taller than browsers lay out
// (3M rows ≈ 100M px) are capped: small scrolls move row by row, jumps and the ends proportionally.

export const MAX_BODY_PX = 8_000_000;

export interface ScrollGeometry {
  rowCount: number;
  rowH: number;
  viewH: number;
  /** Height of the scrolled body. */
  bodyH: number;
  /** Largest scrollTop. */
  maxTop: number;
  /** Largest top row (the last rows fill the view). */
  maxRow: number;
  scaled: boolean;
}

export interface ScrollPos { scrollTop: number; row: number }

export function geometry(rowCount: number, rowH: number, viewH: number, maxBody = MAX_BODY_PX): ScrollGeometry {
  const full = rowCount * rowH;
  const bodyH = Math.min(full, maxBody);
  const maxRow = Math.max(0, rowCount - Math.floor(viewH / rowH));
  return { rowCount, rowH, viewH, bodyH, maxTop: Math.max(0, bodyH - viewH), maxRow, scaled: full > maxBody };
}

/** The (fractional) row at the top of the view after scrolling from `prev` to `scrollTop`. */
export function topRow(g: ScrollGeometry, prev: ScrollPos, scrollTop: number): number {
  if (!g.scaled) return Math.max(0, scrollTop / g.rowH);
  if (scrollTop <= 0) return 0;
  if (scrollTop >= g.maxTop) return g.maxRow;
  const proportional = (scrollTop / g.maxTop) * g.maxRow;
  if (Math.abs(scrollTop - prev.scrollTop) > 3 * g.viewH) return proportional;
  const row = prev.row + (scrollTop - prev.scrollTop) / g.rowH;
  return Math.min(g.maxRow, Math.max(0, row));
}
