// The MapLibre map: style (configured basemap or plain), data layers, popups, cluster counts,
// and view changes reported to the caller. Exposes showFeature / zoomToCluster for the list.
import { useEffect, useImperativeHandle, useRef, useState, type Ref } from 'react';
import * as maplibregl from 'maplibre-gl';
import type { Map as MlMap, StyleSpecification } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { ApiField } from '../../api/types.ts';
import { formatCompact } from '../../format/format.ts';
import { addDataLayers, CLICKABLE, setClusters, setFeatures } from './layers.ts';
import { geometryBounds, type Bounds, type View } from './geo.ts';
import type { GeoFeature, ViewData } from './map-data.ts';
import { popupContent } from './popup.ts';

maplibregl.setWorkerUrl(workerUrl);

export interface MapHandle { showFeature: (i: number) => void; zoomToCluster: (i: number) => void; fit: (b: Bounds) => void }

interface Props {
  handle: Ref<MapHandle>;
  style: StyleSpecification | string;
  initialView: View | null;
  initialBounds: Bounds | null;
  data: ViewData | null;
  fields: ApiField[];
  titleOf: (props: Record<string, unknown>, i: number) => string;
  lang: string;
  label: string;
  onView: (bounds: Bounds, view: View) => void;
  onFailure: () => void;
}

function centerOf(f: GeoFeature): [number, number] | null {
  const b = geometryBounds(f.geometry);
  return b ? [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2] : null;
}

export function MapCanvas(p: Props) {
  const box = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MlMap | null>(null);
  const [ready, setReady] = useState(false);
  const markers = useRef<maplibregl.Marker[]>([]);
  const popup = useRef<maplibregl.Popup | null>(null);
  const latest = useRef(p);
  latest.current = p;

  useEffect(() => {
    if (!box.current) return;
    let map: MlMap;
    try {
      const v = p.initialView;
      map = new maplibregl.Map({
        container: box.current, style: p.style, attributionControl: { compact: true },
        ...(v ? { center: [v.lon, v.lat], zoom: v.zoom } : p.initialBounds ? { bounds: p.initialBounds, fitBoundsOptions: { padding: 40, maxZoom: 15 } } : { center: [0, 20], zoom: 1 }),
      });
    } catch {
      p.onFailure();
      return;
    }
    mapRef.current = map;
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    const report = () => {
      const b = map.getBounds();
      const c = map.getCenter();
      latest.current.onView([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], { zoom: map.getZoom(), lat: c.lat, lon: c.lng });
    };
    map.on('load', () => { addDataLayers(map); setReady(true); report(); });
    map.on('moveend', report);
    map.on('click', (e) => {
      const hit = map.queryRenderedFeatures(e.point, { layers: ['clusters', ...CLICKABLE] })[0];
      if (!hit) return;
      if (hit.layer.id === 'clusters') { map.easeTo({ center: e.lngLat, zoom: map.getZoom() + 2 }); return; }
      const id = Number(hit.id ?? -1);
      openPopup(id, [e.lngLat.lng, e.lngLat.lat]);
    });
    for (const layer of ['clusters', ...CLICKABLE]) {
      map.on('mouseenter', layer, () => { map.getCanvas().style.cursor = 'pointer'; });
      map.on('mouseleave', layer, () => { map.getCanvas().style.cursor = ''; });
    }
    return () => { markers.current.forEach((m) => m.remove()); map.remove(); mapRef.current = null; setReady(false); };
  }, [p.style]); // the map is rebuilt only when the style changes

  function openPopup(i: number, at: [number, number]) {
    const map = mapRef.current;
    const f = latest.current.data?.features.find((x) => x.id === i);
    if (!map || !f) return;
    popup.current?.remove();
    const { fields, lang, titleOf } = latest.current;
    popup.current = new maplibregl.Popup({ maxWidth: '320px', focusAfterOpen: true })
      .setLngLat(at).setDOMContent(popupContent(f.properties, fields, titleOf(f.properties, i), lang)).addTo(map);
  }

  useImperativeHandle(p.handle, () => ({
    showFeature: (i) => {
      const f = latest.current.data?.features.find((x) => x.id === i);
      const c = f && centerOf(f);
      if (!c || !mapRef.current) return;
      mapRef.current.easeTo({ center: c, duration: 300 });
      openPopup(i, c);
    },
    zoomToCluster: (i) => {
      const c = latest.current.data?.clusters[i];
      if (c && mapRef.current) mapRef.current.easeTo({ center: [c.lon, c.lat], zoom: mapRef.current.getZoom() + 2 });
    },
    fit: (b) => mapRef.current?.fitBounds(b, { padding: 40, maxZoom: 15, duration: 300 }),
  }));

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready) return;
    const d = p.data;
    setFeatures(map, d?.mode === 'features' ? d.features : []);
    setClusters(map, d?.mode === 'clusters' ? d.clusters : []);
    markers.current.forEach((m) => m.remove());
    markers.current = (d?.mode === 'clusters' ? d.clusters.slice(0, 400) : []).map((c) => {
      const el = document.createElement('div');
      el.className = 'cluster-count';
      el.setAttribute('aria-hidden', 'true');
      el.textContent = formatCompact(p.lang, c.count);
      return new maplibregl.Marker({ element: el }).setLngLat([c.lon, c.lat]).addTo(map);
    });
  }, [p.data, ready, p.lang]);

  return <div ref={box} className="map-canvas" role="region" aria-label={p.label} />;
}
