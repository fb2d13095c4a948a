// The editor's grid arithmetic: blocks flow in a 12-column grid in list order, so moving a block is
// reordering it and resizing is changing its width (twelfths) and height (80 px rows). Pure functions.
import { GRID_COLUMNS, MAX_ROWS, type Block, type BlockLayout } from './model.ts';

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** The list with the block at `from` moved to `to` (both clamped to the list). */
export function moveBlock<T>(blocks: readonly T[], from: number, to: number): T[] {
  const out = [...blocks];
  if (from < 0 || from >= out.length) return out;
  const [b] = out.splice(from, 1);
  out.splice(clamp(to, 0, out.length), 0, b);
  return out;
}

/** A layout grown or shrunk by (dw, dh), kept within 1–12 columns and 1–12 rows. */
export function resizeLayout(l: BlockLayout, dw: number, dh: number): BlockLayout {
  return { w: clamp(l.w + dw, 1, GRID_COLUMNS), h: clamp(l.h + dh, 1, MAX_ROWS) };
}

/** The layout after dragging the resize handle by (dx, dy) pixels from where it was grabbed. */
export function dragResize(start: BlockLayout, dx: number, dy: number, columnPx: number, rowPx: number): BlockLayout {
  return resizeLayout(start, Math.round(dx / Math.max(1, columnPx)), Math.round(dy / Math.max(1, rowPx)));
}

export interface Rect { left: number; top: number; right: number; bottom: number }

/** Where a block dragged to (x, y) lands: the index of the block under the pointer, else of the
 *  block nearest to it (in a gap between blocks). */
export function dropIndex(rects: readonly Rect[], x: number, y: number): number {
  const inside = rects.findIndex((r) => x >= r.left && x <= r.right && y >= r.top && y <= r.bottom);
  if (inside >= 0) return inside;
  let best = 0;
  let bestD = Infinity;
  rects.forEach((r, i) => {
    const d = Math.max(r.left - x, 0, x - r.right) ** 2 + Math.max(r.top - y, 0, y - r.bottom) ** 2;
    if (d < bestD) { bestD = d; best = i; }
  });
  return best;
}

export type GridChange = { kind: 'move'; index: number } | { kind: 'resize'; layout: BlockLayout };

/** What an arrow key does to the focused block: arrows move it earlier (left, up) or later (right,
 *  down); with Shift they resize it (left/right: width, up/down: height). Null: not a grid key. */
export function keyChange(key: string, shift: boolean, blocks: readonly Block[], index: number): GridChange | null {
  const step: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
  const s = step[key];
  if (!s || index < 0 || index >= blocks.length) return null;
  if (shift) return { kind: 'resize', layout: resizeLayout(blocks[index].layout, s[0], s[1]) };
  return { kind: 'move', index: clamp(index + s[0] + s[1], 0, blocks.length - 1) };
}

/** An id not yet used by a block: the type and the first free number (kpi-1, kpi-2, …). */
export function newBlockId(blocks: readonly { id: string }[], type: string): string {
  const used = new Set(blocks.map((b) => b.id));
  let n = 1;
  while (used.has(`${type}-${n}`)) n++;
  return `${type}-${n}`;
}
