// Which names a map shows, given boxes already projected to screen pixels: a name is shown when it
// fits within its country's room and wholly inside the viewport, biggest country first, never over
// a name already placed nor over an obstacle (the map's controls). Pure: no DOM, no MapLibre.

/** A screen rectangle in pixels, x to the right and y down. */
export interface Box { left: number; top: number; right: number; bottom: number }

export interface Candidate {
  name: string;
  /** Its priority: the country's area. */
  area: number;
  /** Where the name would be drawn. */
  label: Box;
  /** The room the country has on screen (its largest polygon's bounds). */
  room: Box;
}

const width = (b: Box) => b.right - b.left;
const height = (b: Box) => b.bottom - b.top;

export function overlaps(a: Box, b: Box, gap = 0): boolean {
  return a.left < b.right + gap && b.left < a.right + gap && a.top < b.bottom + gap && b.top < a.bottom + gap;
}

export function inside(inner: Box, outer: Box): boolean {
  return inner.left >= outer.left && inner.right <= outer.right && inner.top >= outer.top && inner.bottom <= outer.bottom;
}

export function fits(c: Candidate): boolean {
  return width(c.label) <= width(c.room) && height(c.label) <= height(c.room);
}

/** The candidates to draw, greedily by area (ties keep their order); `gap` pixels kept between names and around obstacles. */
export function placeLabels<C extends Candidate>(candidates: C[], viewport: Box, obstacles: Box[] = [], gap = 2): C[] {
  const kept: C[] = [];
  const order = candidates.map((c, i) => [c, i] as const).sort((a, b) => b[0].area - a[0].area || a[1] - b[1]);
  for (const [c] of order) {
    if (!fits(c) || !inside(c.label, viewport)) continue;
    if (obstacles.some((o) => overlaps(o, c.label, gap)) || kept.some((k) => overlaps(k.label, c.label, gap))) continue;
    kept.push(c);
  }
  return kept;
}
