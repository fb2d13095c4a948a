// Country names over the offline basemap, as HTML (MapLibre draws text only with glyphs from a
// server, and none is reachable offline): one aria-hidden overlay of spans that ignore the pointer.
// The names shown (clear of each other and of the map's controls, label-placement.ts) are chosen
// again when a move ends or the map resizes; in between they follow the map.
import type { Map as MlMap } from 'maplibre-gl';
import type { Topology } from 'topojson-specification';
import { countryLabels, type CountryLabel } from './country-labels.ts';
import { placeLabels, type Box, type Candidate } from './label-placement.ts';

const computed = new WeakMap<Topology, CountryLabel[]>();

function labelsOf(world: Topology): CountryLabel[] {
  let labels = computed.get(world);
  if (!labels) { labels = countryLabels(world); computed.set(world, labels); }
  return labels;
}

interface Name extends Candidate { el: HTMLSpanElement; lon: number; lat: number; w: number; h: number }

/** Draws the names of `world`'s countries on `map`; returns the function that removes them. */
export function showCountryNames(map: MlMap, world: Topology): () => void {
  const overlay = document.createElement('div');
  overlay.className = 'country-names';
  overlay.setAttribute('aria-hidden', 'true');
  map.getCanvasContainer().appendChild(overlay);
  const labels = labelsOf(world);
  const spans = labels.map((l) => {
    const el = document.createElement('span');
    el.className = 'country-name';
    el.textContent = l.name;
    return el;
  });
  let sizes: Array<{ w: number; h: number }> | null = null;
  let shown: Name[] = [];

  /** The rendered size of every name, read in one layout while they are all attached. */
  function measure(): Array<{ w: number; h: number }> | null {
    overlay.replaceChildren(...spans);
    const out = spans.map((el) => { const r = el.getBoundingClientRect(); return { w: r.width, h: r.height }; });
    overlay.replaceChildren();
    return out.some((s) => s.w > 0) ? out : null; // not laid out (hidden): try again on the next move
  }

  const moveTo = (n: Name) => {
    const p = map.project([n.lon, n.lat]);
    n.el.style.transform = `translate(${Math.round(p.x - n.w / 2)}px, ${Math.round(p.y - n.h / 2)}px)`;
  };

  function place() {
    sizes ??= measure();
    if (!sizes) return;
    const centre = map.getCenter().lng;
    const canvas = map.getCanvas();
    const viewport: Box = { left: 0, top: 0, right: canvas.clientWidth, bottom: canvas.clientHeight };
    const candidates: Name[] = labels.map((l, i) => {
      const shift = 360 * Math.round((centre - l.lon) / 360); // the world copy nearest the centre
      const [w0, s, e0, n] = l.bounds;
      const at = map.project([l.lon + shift, l.lat]);
      const corners = [[w0, n], [e0, n], [e0, s], [w0, s]].map(([x, y]) => map.project([x + shift, y]));
      const xs = corners.map((c) => c.x);
      const ys = corners.map((c) => c.y);
      const { w, h } = sizes![i];
      return {
        name: l.name, area: l.area, el: spans[i], lon: l.lon + shift, lat: l.lat, w, h,
        label: { left: at.x - w / 2, top: at.y - h / 2, right: at.x + w / 2, bottom: at.y + h / 2 },
        room: { left: Math.min(...xs), top: Math.min(...ys), right: Math.max(...xs), bottom: Math.max(...ys) },
      };
    });
    const origin = map.getCanvasContainer().getBoundingClientRect();
    const controls = [...map.getContainer().querySelectorAll('.maplibregl-ctrl')].map((c) => c.getBoundingClientRect())
      .map((r) => ({ left: r.left - origin.left, top: r.top - origin.top, right: r.right - origin.left, bottom: r.bottom - origin.top }));
    shown = placeLabels(candidates, viewport, controls);
    shown.forEach(moveTo);
    overlay.replaceChildren(...shown.map((n) => n.el));
  }
  const follow = () => shown.forEach(moveTo);

  map.on('move', follow);
  map.on('moveend', place);
  map.on('resize', place);
  place();
  return () => {
    map.off('move', follow);
    map.off('moveend', place);
    map.off('resize', place);
    overlay.remove();
  };
}
