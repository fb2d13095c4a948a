// The map style: the portal's configured basemap (AGORA_BASEMAP) if it answers with a MapLibre
// style in time, else the offline world basemap, else (outlines unavailable) a plain background.
import type { StyleSpecification } from 'maplibre-gl';
import type { Topology } from 'topojson-specification';
import { offlineStyle } from './offline-style.ts';

export const PLAIN_STYLE: StyleSpecification = {
  version: 8,
  sources: {},
  layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#eef1f4' } }],
};

export type BasemapKind = 'configured' | 'offline' | 'plain';
/** `world` (offline only) is the topology the style was drawn from, for the country names. */
export interface Basemap { style: StyleSpecification | string; kind: BasemapKind; world?: Topology }

async function configuredStyle(url: string, timeoutMs: number): Promise<boolean> {
  const ctrl = new AbortController();
  const timer = setTimeout(() => ctrl.abort(), timeoutMs);
  try {
    const res = await fetch(url, { signal: ctrl.signal });
    if (!res.ok) return false;
    const style = await res.json() as StyleSpecification;
    return style.version === 8 && Array.isArray(style.layers);
  } catch {
    return false;
  } finally { clearTimeout(timer); }
}

/** `loadWorld` gives the world-atlas topology (lazily fetched in the app, read from disk in tests). */
export async function resolveStyle(url: string | null, loadWorld: () => Promise<Topology>, timeoutMs = 2500): Promise<Basemap> {
  if (url && await configuredStyle(url, timeoutMs)) return { style: url, kind: 'configured' };
  try {
    const world = await loadWorld();
    return { style: offlineStyle(world), kind: 'offline', world };
  } catch {
    return { style: PLAIN_STYLE, kind: 'plain' };
  }
}
