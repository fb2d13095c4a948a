// The compact SVG bar strip of a range filter: one bar per bucket, bars inside the range
// highlighted; a click, a drag or the keyboard (arrows, Shift+arrows, Enter) picks the range.
import { useState, type KeyboardEvent } from 'react';
import type { Bar } from './buckets.ts';

interface Props {
  id: string;
  label: string;
  bars: Bar[];
  inRange: (bar: Bar) => boolean;
  barLabel: (bar: Bar) => string;
  onPick: (from: Bar, to: Bar) => void;
}

const W = 10;
const H = 40;

export function Histogram({ id, label, bars, inRange, barLabel, onPick }: Props) {
  const [active, setActive] = useState(0);
  const [anchor, setAnchor] = useState<number | null>(null);
  const [drag, setDrag] = useState<{ start: number; end: number } | null>(null);
  const top = Math.max(1, ...bars.map((b) => b.count));
  if (!bars.length) return null;
  const pick = (a: number, b: number) => onPick(bars[Math.min(a, b)], bars[Math.max(a, b)]);
  const dragged = (i: number) => drag !== null && i >= Math.min(drag.start, drag.end) && i <= Math.max(drag.start, drag.end);

  const onKey = (e: KeyboardEvent) => {
    const move = e.key === 'ArrowRight' || e.key === 'ArrowUp' ? 1 : e.key === 'ArrowLeft' || e.key === 'ArrowDown' ? -1 : 0;
    if (move) {
      e.preventDefault();
      const next = Math.min(bars.length - 1, Math.max(0, active + move));
      if (e.shiftKey) { const from = anchor ?? active; setAnchor(from); pick(from, next); } else setAnchor(null);
      setActive(next);
    } else if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      setActive(e.key === 'Home' ? 0 : bars.length - 1);
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      setAnchor(active);
      pick(active, active);
    }
  };

  return (
    <svg className="histogram" viewBox={`0 0 ${bars.length * W} ${H}`} preserveAspectRatio="none"
      role="listbox" aria-label={label} aria-multiselectable="true" tabIndex={0}
      aria-activedescendant={`${id}-bar-${active}`} onKeyDown={onKey}
      onPointerLeave={() => setDrag(null)}
      onPointerUp={() => { if (drag) { pick(drag.start, drag.end); setActive(drag.end); } setDrag(null); }}>
      {bars.map((bar, i) => {
        const h = bar.count ? Math.max(2, (bar.count / top) * (H - 2)) : 0;
        const cls = ['bar', inRange(bar) ? 'in-range' : '', dragged(i) ? 'dragged' : '', i === active ? 'active' : ''].filter(Boolean).join(' ');
        return (
          <g key={bar.from} className={cls}>
            <rect className="bar-fill" x={i * W + 1} y={H - h} width={W - 2} height={h} />
            <rect className="bar-hit" id={`${id}-bar-${i}`} role="option" aria-selected={inRange(bar)} aria-label={barLabel(bar)}
              data-from={bar.from} data-to={bar.to} x={i * W} y={0} width={W} height={H}
              onPointerDown={(e) => { e.preventDefault(); setActive(i); setDrag({ start: i, end: i }); }}
              onPointerEnter={() => setDrag((d) => (d ? { ...d, end: i } : d))}>
              <title>{barLabel(bar)}</title>
            </rect>
          </g>
        );
      })}
    </svg>
  );
}
