// The MapLibre map: style (configured, offline or plain basemap), the offline basemap's country
// names, the dataset's layers (coloured by a field or not), added datasets' layers, popups, cluster
// counts, attribution, view changes reported to the caller. Exposes showFeature / zoomToCluster / fit; the map object hangs on the
// container as `agoraMap` so tests can query rendered features.
import { useEffect, useImperativeHandle, useRef, useState, type Ref } from 'react';
import * as maplibregl from 'maplibre-gl';
import type { Map as MlMap, StyleSpecification } from 'maplibre-gl';
import type { Topology } from 'topojson-specification';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { ApiField } from '../../api/types.ts';
import { formatCompact } from '../../format/format.ts';
import { addDataLayers, CLICKABLE, clickableLayers, layerIds, removeDataLayers, setClusters, setColouring, setFeatures, setVisible } from './layers.ts';
import type { Colouring } from './classes.ts';
import { overlayPrefix } from './overlays.ts';
import type { Overlay } from './use-overlays.ts';
import { geometryBounds, labelField, type Bounds, type View } from './geo.ts';
import type { GeoFeature, ViewData } from './map-data.ts';
import { popupContent } from './popup.ts';
import { showCountryNames } from './country-names.ts';

maplibregl.setWorkerUrl(workerUrl);

export interface MapHandle { showFeature: (i: number) => void; zoomToCluster: (i: number) => void; fit: (b: Bounds) => void }

interface Props {
  handle: Ref<MapHandle>;
  style: StyleSpecification | string;
  /** The offline basemap's world, whose country names are drawn; null for other basemaps (a configured style names places itself). */
  world: Topology | null;
  initialView: View | null;
  initialBounds: Bounds | null;
  data: ViewData | null;
  colouring: Colouring | null;
  overlays: Overlay[];
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
  const shownOverlays = useRef<Set<string>>(new Set());
  const latest = useRef(p);
  latest.current = p;

  useEffect(() => {
    if (!box.current) return;
    let map: MlMap;
    try {
      const v = p.initialView;
      map = new maplibregl.Map({
        container: box.current, style: p.style, attributionControl: {},
        ...(v ? { center: [v.lon, v.lat], zoom: v.zoom } : p.initialBounds ? { bounds: p.initialBounds, fitBoundsOptions: { padding: 40, maxZoom: 15 } } : { center: [0, 20], zoom: 1 }),
      });
    } catch {
      p.onFailure();
      return;
    }
    mapRef.current = map;
    (box.current as HTMLDivElement & { agoraMap?: MlMap }).agoraMap = map;
    shownOverlays.current = new Set();
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    const report = () => {
      const b = map.getBounds();
      const c = map.getCenter();
      latest.current.onView([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], { zoom: map.getZoom(), lat: c.lat, lon: c.lng });
    };
    map.on('load', () => { addDataLayers(map); setReady(true); report(); });
    map.on('moveend', report);
    map.on('click', (e) => {
      const overlayLayers = [...shownOverlays.current].flatMap((id) => [layerIds(overlayPrefix(id)).clusterCircles, ...clickableLayers(overlayPrefix(id))]);
      const hit = map.queryRenderedFeatures(e.point, { layers: ['clusters', ...CLICKABLE, ...overlayLayers] })[0];
      if (!hit) return;
      if (hit.layer.id.endsWith('clusters')) { map.easeTo({ center: e.lngLat, zoom: map.getZoom() + 2 }); return; }
      const id = Number(hit.id ?? -1);
      const overlay = latest.current.overlays.find((o) => hit.layer.id.startsWith(overlayPrefix(o.id)));
      if (overlay) openOverlayPopup(overlay, id, [e.lngLat.lng, e.lngLat.lat]);
      else openPopup(id, [e.lngLat.lng, e.lngLat.lat]);
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

  function openOverlayPopup(o: Overlay, i: number, at: [number, number]) {
    const map = mapRef.current;
    const f = o.data?.features.find((x) => x.id === i);
    if (!map || !f || !o.ds) return;
    popup.current?.remove();
    const label = labelField(o.ds.fields);
    const title = (label && f.properties[label] != null && String(f.properties[label])) || (o.ds.metas.default.title || o.id);
    popup.current = new maplibregl.Popup({ maxWidth: '320px', focusAfterOpen: true })
      .setLngLat(at).setDOMContent(popupContent(f.properties, o.ds.fields, title, latest.current.lang)).addTo(map);
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

  useEffect(() => {
    const map = mapRef.current;
    if (map && ready && p.world) return showCountryNames(map, p.world);
  }, [ready, p.world]);

  useEffect(() => {
    const map = mapRef.current;
    if (map && ready) setColouring(map, p.colouring);
  }, [p.colouring, ready]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready) return;
    const wanted = new Set(p.overlays.map((o) => o.id));
    for (const id of shownOverlays.current) if (!wanted.has(id)) { removeDataLayers(map, overlayPrefix(id)); shownOverlays.current.delete(id); }
    for (const o of p.overlays) {
      const prefix = overlayPrefix(o.id);
      if (!shownOverlays.current.has(o.id)) { addDataLayers(map, prefix, o.colour, layerIds().fill); shownOverlays.current.add(o.id); }
      setVisible(map, prefix, !o.hidden);
      setFeatures(map, o.data?.mode === 'features' ? o.data.features : [], prefix);
      setClusters(map, o.data?.mode === 'clusters' ? o.data.clusters : [], prefix);
    }
  }, [p.overlays, ready]);

  return <div ref={box} className="map-canvas" role="region" aria-label={p.label} />;
}
