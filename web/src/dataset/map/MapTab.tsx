// The Map tab (loaded lazily with MapLibre): basemap, fits the data's bounds, loads what is in view
// (features or server-side clusters), colour by a field with a legend, other datasets as layers;
// keeps view, colouring and layers in the URL, lists features beside the map.
import { useDataEpoch } from '../../api/use-api.ts';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { useDataset } from '../context.tsx';
import { usePortal } from '../../app/portal.tsx';
import { useSearchParams } from '../../app/url-state.ts';
import { apiFilterParams } from '../../state/filters.ts';
import { geoFields } from '../fields.ts';
import { resolveStyle, type Basemap } from './basemap.ts';
import { loadWorldTopology } from './world-data.ts';
import { MAIN_COLOUR } from './layers.ts';
import { addOverlay, MAX_OVERLAYS, readOverlays, removeOverlay, toggleOverlay, writeOverlays, type OverlayRef } from './overlays.ts';
import { useOverlays } from './use-overlays.ts';
import { colourChoice, useColouring } from './use-colouring.ts';
import { MapLegend } from './MapLegend.tsx';
import { LayerPicker } from './LayerPicker.tsx';
import { isNumericType } from '../../format/format.ts';
import './map.css';
import { labelField, readView, viewText, type Bounds, type View } from './geo.ts';
import { dataBounds, loadView, type ViewData } from './map-data.ts';
import { MapCanvas, type MapHandle } from './MapCanvas.tsx';
import { FeatureList } from './FeatureList.tsx';
import { ErrorBox, Loading } from '../../components/States.tsx';
import { EmbedButton } from '../EmbedButton.tsx';

function zoomFor(b: Bounds): number {
  const span = Math.max(b[2] - b[0], (b[3] - b[1]) * 1.5, 1e-6);
  return Math.max(0, Math.min(18, Math.log2(360 / span)));
}

export default function MapTab() {
  const { t, lang } = useI18n();
  const { ds, filters, embedded } = useDataset();
  const portal = usePortal();
  const [sp, update] = useSearchParams();
  const geos = geoFields(ds);
  const field = geos.find((f) => f.name === sp.get('geo')) ?? geos[0];
  const filterKey = JSON.stringify(apiFilterParams(filters));
  const [style, setStyle] = useState<Basemap | null>(null);
  const [fitTo, setFitTo] = useState<Bounds | null | undefined>(undefined);
  const [view, setView] = useState<{ bounds: Bounds; view: View } | null>(null);
  const [failed, setFailed] = useState(false);
  const [data, setData] = useState<ViewData | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const handle = useRef<MapHandle>(null);
  const initialView = useMemo(() => readView(sp.get('map')), []);
  const firstFilterKey = useRef(filterKey);
  const label = labelField(ds.fields);
  const titleOf = (props: Record<string, unknown>, i: number) =>
    (label && props[label] !== null && props[label] !== undefined && String(props[label])) || `${t('map.record')} ${i + 1}`;

  useEffect(() => { resolveStyle(portal.basemap_style, loadWorldTopology).then(setStyle); }, [portal.basemap_style]);
  const choice = colourChoice(ds, field, sp);
  const { colouring, error: colourError } = useColouring(ds, choice, filters, filterKey);
  const overlayRefs = readOverlays(sp, ds.dataset_id);
  const setOverlays = (next: Array<Pick<OverlayRef, 'id' | 'hidden'>>) => update((s) => writeOverlays(s, next));

  useEffect(() => {
    const ctrl = new AbortController();
    dataBounds(ds, field, filters, ctrl.signal).then((b) => {
      setFitTo(b);
      if (firstFilterKey.current !== filterKey && b) handle.current?.fit(b);
    }, () => setFitTo(null));
    return () => ctrl.abort();
  }, [field.name, filterKey]);

  // Without a drawable map, "in view" means the data's bounds.
  const effective = view ?? (failed && fitTo ? { bounds: fitTo, view: { zoom: zoomFor(fitTo), lat: 0, lon: 0 } } : null);
  const epoch = useDataEpoch(ds.dataset_id); // a live dataset's new records load the view again
  const viewKey = effective ? JSON.stringify(effective.bounds.map((v) => v.toFixed(5))) + Math.round(effective.view.zoom) : '';
  useEffect(() => {
    if (!effective) return;
    const ctrl = new AbortController();
    const timer = setTimeout(() => {
      loadView(ds, field, filters, effective.bounds, effective.view.zoom, ctrl.signal)
        .then((d) => { setData(d); setError(null); }, (e: Error) => { if (!ctrl.signal.aborted) setError(e); });
    }, 150);
    return () => { clearTimeout(timer); ctrl.abort(); };
  }, [viewKey, filterKey, field.name, epoch]);

  const overlays = useOverlays(overlayRefs, effective ? { bounds: effective.bounds, zoom: effective.view.zoom } : null);

  const onView = (bounds: Bounds, v: View) => {
    setView({ bounds, view: v });
    update((s) => { s.set('map', viewText(v)); });
  };
  const shapes = data?.mode === 'clusters' ? t('map.clusters') : field.type === 'geo_shape' ? t('map.shapes') : t('map.points');
  const title = t('map.title', { title: ds.metas.default.title || ds.dataset_id });
  const ready = style && fitTo !== undefined;

  return (
    <div className="map-tab">
      <div className="tab-toolbar">
        <h2 className={embedded ? 'visually-hidden' : 'tab-title'}>{title}</h2>
        {geos.length > 1 && (
          <label className="inline-field">
            <span>{t('map.field')}</span>
            <select value={field.name} onChange={(e) => update((s) => { s.set('geo', e.target.value); })}>
              {geos.map((g) => <option key={g.name} value={g.name}>{g.label || g.name}</option>)}
            </select>
          </label>
        )}
        {choice.fields.length > 0 && (
          <label className="inline-field">
            <span>{t('map.colourBy')}</span>
            <select value={choice.field?.name ?? 'none'} onChange={(e) => update((s) => { s.set('color', e.target.value); })}>
              <option value="none">{t('map.colourNone')}</option>
              {choice.fields.map((f) => <option key={f.name} value={f.name}>{f.label || f.name}</option>)}
            </select>
          </label>
        )}
        {choice.field && isNumericType(choice.field.type) && (
          <label className="inline-field">
            <span>{t('map.classes')}</span>
            <select value={choice.method} onChange={(e) => update((s) => { s.set('classes', e.target.value); })}>
              <option value="quantile">{t('map.quantile')}</option>
              <option value="equal">{t('map.equal')}</option>
            </select>
          </label>
        )}
        <LayerPicker exclude={[ds.dataset_id, ...overlayRefs.map((o) => o.id)]} disabled={overlayRefs.length >= MAX_OVERLAYS}
          onAdd={(id) => setOverlays(addOverlay(overlayRefs, id))} />
        {fitTo && !failed && <button type="button" onClick={() => handle.current?.fit(fitTo)}>{t('map.fit')}</button>}
        {!embedded && <EmbedButton view="map" />}
      </div>
      {data && <p className="map-desc">{t('map.description', { count: data.count, shapes })}</p>}
      {style && style.kind !== 'configured' && portal.basemap_style && <p className="note">{t('map.basemapUnavailable')}</p>}
      {style?.kind === 'plain' && !portal.basemap_style && <p className="note">{t('map.outlinesUnavailable')}</p>}
      {failed && <p className="note" role="note">{t('map.noWebgl')}</p>}
      {error && <ErrorBox error={error} />}
      {colourError && <ErrorBox error={colourError} />}
      <div className="map-layout">
        {!failed && (ready ? (
          <MapCanvas handle={handle} style={style.style} world={style.world ?? null} initialView={initialView} initialBounds={fitTo ?? null}
            data={data} colouring={colouring} overlays={overlays} fields={ds.fields} titleOf={titleOf} lang={lang} label={title}
            onView={onView} onFailure={() => setFailed(true)} />
        ) : <div className="map-canvas"><Loading /></div>)}
        <div className="map-side">
          <MapLegend title={ds.metas.default.title || ds.dataset_id} colour={MAIN_COLOUR} colouring={colouring}
            fieldLabel={choice.field?.label || choice.field?.name || ''} clustered={data?.mode === 'clusters'} overlays={overlays}
            onToggle={(id) => setOverlays(toggleOverlay(overlayRefs, id))} onRemove={(id) => setOverlays(removeOverlay(overlayRefs, id))} />
          <FeatureList data={data} titleOf={titleOf} interactive={!failed}
            onFeature={(i) => handle.current?.showFeature(i)} onCluster={(i) => handle.current?.zoomToCluster(i)} />
        </div>
      </div>
    </div>
  );
}
