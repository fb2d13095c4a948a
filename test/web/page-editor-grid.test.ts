// The page editor's grid arithmetic: reordering, resizing within 1–12 columns and rows, drag
// distances to grid steps, drop targets and what each arrow key does. Expected values worked by hand.
import { describe, expect, it } from 'vitest';
import { dragResize, dropIndex, keyChange, moveBlock, newBlockId, resizeLayout } from '../../web/src/admin/pages/grid.ts';
import type { Block } from '../../web/src/admin/pages/model.ts';

const b = (id: string, w = 6, h = 4): Block => ({ id, type: 'text', markdown: id, layout: { w, h } });

describe('moving', () => {
  it.each([
    [0, 2, ['b', 'c', 'a', 'd']], [3, 0, ['d', 'a', 'b', 'c']], [1, 1, ['a', 'b', 'c', 'd']], [2, 99, ['a', 'b', 'd', 'c']], [1, -5, ['b', 'a', 'c', 'd']], [7, 0, ['a', 'b', 'c', 'd']],
  ])('from %i to %i', (from, to, ids) => {
    expect(moveBlock(['a', 'b', 'c', 'd'], from, to)).toEqual(ids);
  });
});

describe('resizing', () => {
  it.each([
    [{ w: 6, h: 4 }, 1, 0, { w: 7, h: 4 }], [{ w: 12, h: 4 }, 1, 0, { w: 12, h: 4 }], [{ w: 1, h: 1 }, -1, -1, { w: 1, h: 1 }], [{ w: 3, h: 12 }, 0, 1, { w: 3, h: 12 }], [{ w: 3, h: 2 }, 4, 3, { w: 7, h: 5 }],
  ])('%j by (%i, %i)', (l, dw, dh, out) => expect(resizeLayout(l, dw, dh)).toEqual(out));
  it('turns a drag into whole columns (page 1200 px: 100 px a column) and 80 px rows', () => {
    expect(dragResize({ w: 6, h: 4 }, 149, 0, 100, 80)).toEqual({ w: 7, h: 4 });
    expect(dragResize({ w: 6, h: 4 }, 151, 121, 100, 80)).toEqual({ w: 8, h: 6 });
    expect(dragResize({ w: 6, h: 4 }, -2000, -39, 100, 80)).toEqual({ w: 1, h: 4 });
    expect(dragResize({ w: 6, h: 4 }, 40, -41, 100, 80)).toEqual({ w: 6, h: 3 });
  });
});

describe('dropping', () => {
  // Two blocks side by side on the first row, one full width below.
  const rects = [{ left: 0, top: 0, right: 500, bottom: 300 }, { left: 520, top: 0, right: 1000, bottom: 300 }, { left: 0, top: 320, right: 1000, bottom: 600 }];
  it.each([[10, 10, 0], [700, 150, 1], [300, 500, 2], [512, 100, 1], [490, 305, 0], [990, 305, 1], [300, 315, 2], [1100, 700, 2]])('(%i, %i) → %i', (x, y, i) => expect(dropIndex(rects, x, y)).toBe(i));
});

describe('arrow keys', () => {
  const blocks = [b('a', 4, 2), b('b'), b('c', 12, 1)];
  it.each([
    ['ArrowLeft', false, 1, { kind: 'move', index: 0 }], ['ArrowUp', false, 1, { kind: 'move', index: 0 }], ['ArrowRight', false, 1, { kind: 'move', index: 2 }],
    ['ArrowDown', false, 2, { kind: 'move', index: 2 }], ['ArrowLeft', false, 0, { kind: 'move', index: 0 }],
    ['ArrowRight', true, 0, { kind: 'resize', layout: { w: 5, h: 2 } }], ['ArrowLeft', true, 0, { kind: 'resize', layout: { w: 3, h: 2 } }],
    ['ArrowDown', true, 2, { kind: 'resize', layout: { w: 12, h: 2 } }], ['ArrowUp', true, 2, { kind: 'resize', layout: { w: 12, h: 1 } }], ['ArrowRight', true, 2, { kind: 'resize', layout: { w: 12, h: 1 } }],
  ] as const)('%s (shift %s) on block %i', (key, shift, i, out) => expect(keyChange(key, shift, blocks, i)).toEqual(out));
  it('ignores other keys', () => expect(keyChange('Enter', false, blocks, 0)).toBeNull());
});

it('gives new blocks a free id', () => {
  expect(newBlockId([b('kpi-1'), b('kpi-3')], 'kpi')).toBe('kpi-2');
  expect(newBlockId([], 'map')).toBe('map-1');
});
