// The Map tab (loaded lazily with MapLibre): fits the data's bounds, loads what is in view
// (features or server-side clusters), keeps the view in the URL, lists features beside the map.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { useDataset } from '../context.tsx';
import { usePortal } from '../../app/portal.tsx';
import { useSearchParams } from '../../app/url-state.ts';
import { apiFilterParams } from '../../state/filters.ts';
import { geoFields } from '../fields.ts';
import { resolveStyle } from './basemap.ts';
import { labelField, readView, viewText, type Bounds, type View } from './geo.ts';
import { dataBounds, loadView, type ViewData } from './map-data.ts';
import { MapCanvas, type MapHandle } from './MapCanvas.tsx';
import { FeatureList } from './FeatureList.tsx';
import { ErrorBox, Loading } from '../../components/States.tsx';
import { EmbedButton } from '../EmbedButton.tsx';
import type { StyleSpecification } from 'maplibre-gl';

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
  const [style, setStyle] = useState<{ style: StyleSpecification | string; plain: boolean } | null>(null);
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

  useEffect(() => { resolveStyle(portal.basemap_style).then(setStyle); }, [portal.basemap_style]);

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
  const viewKey = effective ? JSON.stringify(effective.bounds.map((v) => v.toFixed(5))) + Math.round(effective.view.zoom) : '';
  useEffect(() => {
    if (!effective) return;
    const ctrl = new AbortController();
    const timer = setTimeout(() => {
      loadView(ds, field, filters, effective.bounds, effective.view.zoom, ctrl.signal)
        .then((d) => { setData(d); setError(null); }, (e: Error) => { if (!ctrl.signal.aborted) setError(e); });
    }, 150);
    return () => { clearTimeout(timer); ctrl.abort(); };
  }, [viewKey, filterKey, field.name]);

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
        {fitTo && !failed && <button type="button" onClick={() => handle.current?.fit(fitTo)}>{t('map.fit')}</button>}
        {!embedded && <EmbedButton view="map" />}
      </div>
      {data && <p className="map-desc">{t('map.description', { count: data.count, shapes })}</p>}
      {style?.plain && portal.basemap_style && <p className="note">{t('map.basemapUnavailable')}</p>}
      {failed && <p className="note" role="note">{t('map.noWebgl')}</p>}
      {error && <ErrorBox error={error} />}
      <div className="map-layout">
        {!failed && (ready ? (
          <MapCanvas handle={handle} style={style.style} initialView={initialView} initialBounds={fitTo ?? null}
            data={data} fields={ds.fields} titleOf={titleOf} lang={lang} label={title}
            onView={onView} onFailure={() => setFailed(true)} />
        ) : <div className="map-canvas"><Loading /></div>)}
        <FeatureList data={data} titleOf={titleOf} interactive={!failed}
          onFeature={(i) => handle.current?.showFeature(i)} onCluster={(i) => handle.current?.zoomToCluster(i)} />
      </div>
    </div>
  );
}
