// Loads the added layers of a map: each dataset's schema, then what is in the current view of its
// first geo field (features or clusters, as for the page's dataset). Its own filters are none.
import { useEffect, useMemo, useState } from 'react';
import type { ApiDataset } from '../../api/types.ts';
import { getJson } from '../../api/client.ts';
import { datasetUrl } from '../../api/catalog.ts';
import { NO_FILTERS } from '../../state/filters.ts';
import { geoFields } from '../fields.ts';
import type { Bounds } from './geo.ts';
import { loadView, type ViewData } from './map-data.ts';
import type { OverlayRef } from './overlays.ts';

export interface Overlay extends OverlayRef { ds: ApiDataset | null; data: ViewData | null; error: Error | null }

export function useOverlays(refs: OverlayRef[], view: { bounds: Bounds; zoom: number } | null): Overlay[] {
  const [schemas, setSchemas] = useState<Record<string, ApiDataset | Error>>({});
  const [data, setData] = useState<Record<string, ViewData | Error>>({});
  const idsKey = refs.map((r) => r.id).join('\n');

  useEffect(() => {
    const ctrl = new AbortController();
    for (const r of refs) {
      if (schemas[r.id]) continue;
      getJson<ApiDataset>(datasetUrl(r.id), ctrl.signal).then(
        (ds) => setSchemas((s) => ({ ...s, [r.id]: geoFields(ds).length ? ds : new Error(`${r.id}: no geographic field`) })),
        (e: Error) => { if (!ctrl.signal.aborted) setSchemas((s) => ({ ...s, [r.id]: e })); },
      );
    }
    return () => ctrl.abort();
  }, [idsKey]);

  const viewKey = view ? view.bounds.map((v) => v.toFixed(5)).join(',') + Math.round(view.zoom) : '';
  const readyKey = refs.map((r) => (schemas[r.id] instanceof Error || !schemas[r.id] ? '' : r.id)).join('\n');
  useEffect(() => {
    if (!view) return;
    const ctrl = new AbortController();
    const timer = setTimeout(() => {
      for (const r of refs) {
        const ds = schemas[r.id];
        if (!ds || ds instanceof Error) continue;
        loadView(ds, geoFields(ds)[0], NO_FILTERS, view.bounds, view.zoom, ctrl.signal).then(
          (d) => setData((m) => ({ ...m, [r.id]: d })),
          (e: Error) => { if (!ctrl.signal.aborted) setData((m) => ({ ...m, [r.id]: e })); },
        );
      }
    }, 150);
    return () => { clearTimeout(timer); ctrl.abort(); };
  }, [viewKey, readyKey]);

  const refsKey = refs.map((r) => `${r.id} ${r.hidden} ${r.colour}`).join('\n');
  return useMemo(() => refs.map((r) => {
    const s = schemas[r.id];
    const d = data[r.id];
    const error = s instanceof Error ? s : d instanceof Error ? d : null;
    return { ...r, ds: s && !(s instanceof Error) ? s : null, data: d && !(d instanceof Error) ? d : null, error };
  }), [refsKey, schemas, data]);
}
