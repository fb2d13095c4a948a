// Other datasets drawn as extra layers on a dataset's map: their list in the URL (`layer=id`
// repeated, `hide=id` for those switched off) and the colour each one gets. Pure functions.

export const MAX_OVERLAYS = 5;
/** Okabe–Ito colours not used by the page's own dataset (blue points, vermilion clusters). */
export const OVERLAY_COLOURS = ['#009E73', '#CC79A7', '#000000', '#E69F00', '#56B4E9'];

export interface OverlayRef { id: string; hidden: boolean; colour: string }

export function readOverlays(sp: URLSearchParams, pageDataset: string): OverlayRef[] {
  const hidden = new Set(sp.getAll('hide'));
  const ids = [...new Set(sp.getAll('layer'))].filter((id) => id && id !== pageDataset).slice(0, MAX_OVERLAYS);
  return ids.map((id, i) => ({ id, hidden: hidden.has(id), colour: OVERLAY_COLOURS[i] }));
}

export function writeOverlays(sp: URLSearchParams, refs: Array<Pick<OverlayRef, 'id' | 'hidden'>>): URLSearchParams {
  sp.delete('layer');
  sp.delete('hide');
  for (const r of refs.slice(0, MAX_OVERLAYS)) sp.append('layer', r.id);
  for (const r of refs.slice(0, MAX_OVERLAYS)) if (r.hidden) sp.append('hide', r.id);
  return sp;
}

export function addOverlay(refs: OverlayRef[], id: string): Array<Pick<OverlayRef, 'id' | 'hidden'>> {
  return refs.some((r) => r.id === id) || refs.length >= MAX_OVERLAYS ? refs : [...refs, { id, hidden: false }];
}

export function removeOverlay(refs: OverlayRef[], id: string): Array<Pick<OverlayRef, 'id' | 'hidden'>> {
  return refs.filter((r) => r.id !== id);
}

export function toggleOverlay(refs: OverlayRef[], id: string): Array<Pick<OverlayRef, 'id' | 'hidden'>> {
  return refs.map((r) => (r.id === id ? { ...r, hidden: !r.hidden } : r));
}

/** Layer-id prefix of an overlay (dataset ids are [A-Za-z0-9_-], safe in MapLibre ids). */
export function overlayPrefix(id: string): string {
  return `overlay:${id}:`;
}
