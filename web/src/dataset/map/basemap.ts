// The map style: the portal's configured basemap if it answers quickly, else a plain background
// on which the data is still drawn (no tiles can be fetched on many networks).
import type { StyleSpecification } from 'maplibre-gl';

export const PLAIN_STYLE: StyleSpecification = {
  version: 8,
  sources: {},
  layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#eef1f4' } }],
};

export async function resolveStyle(url: string | null, timeoutMs = 2500): Promise<{ style: StyleSpecification | string; plain: boolean }> {
  if (!url) return { style: PLAIN_STYLE, plain: true };
  const ctrl = new AbortController();
  const timer = setTimeout(() => ctrl.abort(), timeoutMs);
  try {
    const res = await fetch(url, { signal: ctrl.signal });
    if (!res.ok) throw new Error(String(res.status));
    const style = await res.json() as StyleSpecification;
    if (style.version !== 8) throw new Error('not a MapLibre style');
    return { style: url, plain: false };
  } catch {
    return { style: PLAIN_STYLE, plain: true };
  } finally { clearTimeout(timer); }
}
