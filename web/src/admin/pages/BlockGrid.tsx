// The editor's 12-column grid preview: one button per block (select; arrow keys move, Shift+arrows
// resize), a move handle and a resize corner for the mouse (pointer drags). Changes are announced
// through the aria-live region the editor owns; the arithmetic lives in grid.ts.
import { useEffect, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import type { Block } from './model.ts';
import { dragResize, dropIndex, keyChange, moveBlock, type Rect } from './grid.ts';
import { usePagesI18n } from './messages.ts';

export const PREVIEW_ROW_PX = 40;
const GAP_PX = 8;

export function blockName(b: Block): string {
  return b.title || b.id;
}

function summary(b: Block): string {
  switch (b.type) {
    case 'text': return (b.markdown ?? '').slice(0, 120);
    case 'image': return b.alt || b.url || '';
    case 'kpi': return `${b.value ?? ''}${b.unit ? ` ${b.unit}` : ''} · ${b.dataset ?? ''}`;
    case 'chart': return `${b.chart?.type ?? ''}: ${(b.chart?.series ?? []).map((s) => (s.field ? `${s.agg}(${s.field})` : s.agg)).join(', ')} / ${b.chart?.x ?? ''} · ${b.dataset ?? ''}`;
    case 'map': return (b.layers ?? []).map((l) => `${l.style} · ${l.dataset}`).join(', ');
    case 'table': return `${(b.fields ?? []).join(', ') || '*'} · ${b.dataset ?? ''}`;
  }
}

interface Props {
  blocks: Block[];
  selected: number;
  invalid: (index: number) => boolean;
  onSelect: (index: number) => void;
  onChange: (blocks: Block[], selected: number, announce: string) => void;
  /** Id of the text explaining the keys and handles. */
  describedBy?: string;
}

type Drag = { kind: 'move'; from: number; rects: Rect[]; over: number } | { kind: 'resize'; index: number; x: number; y: number; start: Block['layout']; column: number };

export function BlockGrid({ blocks, selected, invalid, onSelect, onChange, describedBy }: Props) {
  const { t } = usePagesI18n();
  const list = useRef<HTMLOListElement>(null);
  const buttons = useRef<Array<HTMLButtonElement | null>>([]);
  const [focusTo, setFocusTo] = useState<number | null>(null);
  const [drag, setDrag] = useState<Drag | null>(null);
  useEffect(() => {
    if (focusTo === null) return;
    buttons.current[focusTo]?.focus();
    setFocusTo(null);
  }, [focusTo, blocks]);

  const typeName = (b: Block) => t(`type.${b.type}`);
  const moved = (next: Block[], to: number) => onChange(next, to, t('grid.moved', { name: blockName(next[to]), n: to + 1, count: next.length }));
  const resized = (index: number, layout: Block['layout'], say: boolean) => {
    const next = blocks.map((b, i) => (i === index ? { ...b, layout } : b));
    onChange(next, index, say ? t('grid.resized', { name: blockName(next[index]), w: layout.w, h: layout.h }) : '');
  };

  const onKey = (e: React.KeyboardEvent, i: number) => {
    const c = keyChange(e.key, e.shiftKey, blocks, i);
    if (!c) return;
    e.preventDefault();
    if (c.kind === 'move') {
      if (c.index === i) return;
      moved(moveBlock(blocks, i, c.index), c.index);
      setFocusTo(c.index);
    } else resized(i, c.layout, true);
  };

  const rects = (): Rect[] => [...(list.current?.children ?? [])].map((el) => el.getBoundingClientRect());
  const startMove = (e: ReactPointerEvent, i: number) => {
    e.preventDefault();
    (e.target as Element).setPointerCapture(e.pointerId);
    onSelect(i);
    setDrag({ kind: 'move', from: i, rects: rects(), over: i });
  };
  const startResize = (e: ReactPointerEvent, i: number) => {
    e.preventDefault();
    (e.target as Element).setPointerCapture(e.pointerId);
    onSelect(i);
    const width = list.current?.getBoundingClientRect().width ?? 1200;
    setDrag({ kind: 'resize', index: i, x: e.clientX, y: e.clientY, start: blocks[i].layout, column: (width + GAP_PX) / 12 });
  };
  const onMove = (e: ReactPointerEvent) => {
    if (!drag) return;
    if (drag.kind === 'move') setDrag({ ...drag, over: dropIndex(drag.rects, e.clientX, e.clientY) });
    else {
      const l = dragResize(drag.start, e.clientX - drag.x, e.clientY - drag.y, drag.column, PREVIEW_ROW_PX + GAP_PX);
      if (l.w !== blocks[drag.index].layout.w || l.h !== blocks[drag.index].layout.h) resized(drag.index, l, false);
    }
  };
  const onUp = (e: ReactPointerEvent) => {
    if (!drag) return;
    setDrag(null);
    if (drag.kind === 'move') {
      const to = dropIndex(drag.rects, e.clientX, e.clientY);
      if (to !== drag.from) moved(moveBlock(blocks, drag.from, to), to);
    } else {
      const l = blocks[drag.index].layout;
      onChange(blocks, drag.index, t('grid.resized', { name: blockName(blocks[drag.index]), w: l.w, h: l.h }));
    }
  };

  if (!blocks.length) return <p className="muted">{t('grid.empty')}</p>;
  return (
    <ol ref={list} className="page-grid" aria-label={t('grid.label')} style={{ gridAutoRows: `${PREVIEW_ROW_PX}px`, gap: `${GAP_PX}px` }}
      onPointerMove={onMove} onPointerUp={onUp} onPointerCancel={() => setDrag(null)}>
      {blocks.map((b, i) => {
        const classes = ['page-grid-block', `block-${b.type}`, i === selected ? 'selected' : '', invalid(i) ? 'invalid' : '',
          drag?.kind === 'move' && drag.over === i && drag.from !== i ? 'drop-target' : ''].filter(Boolean).join(' ');
        return (
          <li key={b.id} className={classes} style={{ gridColumn: `span ${b.layout.w}`, gridRow: `span ${b.layout.h}` }} data-block-id={b.id}>
            <button type="button" ref={(el) => { buttons.current[i] = el; }} className="page-grid-select"
              aria-current={i === selected ? 'true' : undefined} aria-describedby={describedBy} onClick={() => onSelect(i)} onKeyDown={(e) => onKey(e, i)}>
              <span className="visually-hidden">{t('grid.blockPrefix', { n: i + 1, count: blocks.length })} </span>
              <span className="page-grid-type">{typeName(b)} · {b.layout.w}×{b.layout.h}</span>
              <span className="page-grid-name">“{blockName(b)}”</span>
              <span className="page-grid-summary long-url" aria-hidden="true">{summary(b)}</span>
              <span className="visually-hidden">{t('grid.blockSize', { w: b.layout.w, h: b.layout.h })}{invalid(i) ? ` (${t('grid.errors')})` : ''}</span>
            </button>
            <span className="page-grid-move" aria-hidden="true" title={t('grid.moveHandle', { name: blockName(b) })} onPointerDown={(e) => startMove(e, i)}>✥</span>
            <span className="page-grid-resize" aria-hidden="true" title={t('grid.resizeHandle', { name: blockName(b) })} onPointerDown={(e) => startResize(e, i)} />
          </li>
        );
      })}
    </ol>
  );
}
