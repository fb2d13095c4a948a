// The map block's body, in its own lazy chunk with MapLibre: the dataset map's canvas, legend,
// colouring and feature list (web/src/dataset/map/) over the block's layers. The first layer is
// the coloured one (colour_by: categories, or classes for a choropleth); the others are drawn as
// the Map tab's added layers. Every layer has its own where AND the page's filters on its dataset.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { usePortal } from '../../app/portal.tsx';
import type { ApiDataset } from '../../api/types.ts';
import { NO_FILTERS, type Filters } from '../../state/filters.ts';
import { ErrorBox } from '../../components/States.tsx';
import { geoFields } from '../../dataset/fields.ts';
import { resolveStyle, type Basemap } from '../../dataset/map/basemap.ts';
import { loadWorldTopology } from '../../dataset/map/world-data.ts';
import { MAIN_COLOUR } from '../../dataset/map/layers.ts';
import { OVERLAY_COLOURS } from '../../dataset/map/overlays.ts';
import type { Overlay } from '../../dataset/map/use-overlays.ts';
import { colourableFields } from '../../dataset/map/colour-data.ts';
import { useColouring } from '../../dataset/map/use-colouring.ts';
import { MapLegend } from '../../dataset/map/MapLegend.tsx';
import { FeatureList } from '../../dataset/map/FeatureList.tsx';
import { MapCanvas, type MapHandle } from '../../dataset/map/MapCanvas.tsx';
import { dataBounds, loadView, type ViewData } from '../../dataset/map/map-data.ts';
import { labelField, type Bounds, type View } from '../../dataset/map/geo.ts';
import '../../dataset/map/map.css';
import type { MapBlock, MapLayer } from '../../api/page-model.ts';
import type { BlockProps } from '../registry.ts';
import { BlockWait } from '../BlockStates.tsx';

interface Layer { layer: MapLayer; ds: ApiDataset; filters: Filters; key: string }

export default function MapBlockBody({ block, datasets, where, name }: BlockProps<MapBlock>) {
  const { t } = useI18n();
  const layers: Layer[] = (block.layers ?? []).flatMap((l) => {
    const ds = datasets.find((d) => d.dataset_id === l.dataset);
    if (!ds || !geoFields(ds).length) return [];
    const w = where(l.dataset, l.where);
    return [{ layer: l, ds, filters: { ...NO_FILTERS, where: w }, key: `${l.dataset}|${w}|${l.style}` }];
  });
  if (!layers.length) return <p className="muted">{t('page.map.noGeo')}</p>;
  return <LayersMap blockId={block.id} layers={layers} name={name} />;
}

function LayersMap({ blockId, layers, name }: { blockId: string; layers: Layer[]; name: string }) {
  const { t, tp, lang } = useI18n();
  const portal = usePortal();
  const layersKey = layers.map((l) => l.key).join('\n');
  const main = layers[0];
  const field = geoFields(main.ds)[0];
  const [style, setStyle] = useState<Basemap | null>(null);
  const [fitTo, setFitTo] = useState<Bounds | null | undefined>(undefined);
  const [view, setView] = useState<{ bounds: Bounds; view: View } | null>(null);
  const [data, setData] = useState<Array<ViewData | Error | undefined>>([]);
  const [hidden, setHidden] = useState<Set<string>>(new Set());
  const [failed, setFailed] = useState(false);
  const handle = useRef<MapHandle>(null);
  const prefix = `block-${blockId}-`;

  useEffect(() => { resolveStyle(portal.basemap_style, loadWorldTopology).then(setStyle); }, [portal.basemap_style]);
  useEffect(() => {
    const ctrl = new AbortController();
    dataBounds(main.ds, field, main.filters, ctrl.signal).then((b) => { setFitTo(b); if (b) handle.current?.fit(b); }, () => setFitTo(null));
    return () => ctrl.abort();
  }, [main.key]);

  const colourField = main.layer.colour_by ? colourableFields(main.ds).find((f) => f.name === main.layer.colour_by) ?? null : null;
  const { colouring, error: colourError } = useColouring(main.ds, { field: colourField, method: 'quantile', fields: [] }, main.filters, main.key);

  const effective = view ?? (failed && fitTo ? { bounds: fitTo, view: { zoom: 10, lat: 0, lon: 0 } } : null);
  const viewKey = effective ? JSON.stringify(effective.bounds.map((v) => v.toFixed(5))) + Math.round(effective.view.zoom) : '';
  useEffect(() => {
    if (!effective) return;
    const ctrl = new AbortController();
    const timer = setTimeout(() => {
      Promise.all(layers.map((l) => loadView(l.ds, geoFields(l.ds)[0], l.filters, effective.bounds, effective.view.zoom, ctrl.signal,
        l.layer.style === 'clusters' ? 'clusters' : 'auto').catch((e: Error) => e)))
        .then((all) => { if (!ctrl.signal.aborted) setData(all); });
    }, 150);
    return () => { clearTimeout(timer); ctrl.abort(); };
  }, [viewKey, layersKey]);

  const overlays: Overlay[] = useMemo(() => layers.slice(1).map((l, i) => {
    const id = `${l.ds.dataset_id}~${i + 1}`;
    const d = data[i + 1];
    return { id, hidden: hidden.has(id), colour: OVERLAY_COLOURS[i % OVERLAY_COLOURS.length], ds: l.ds, data: d instanceof Error ? null : d ?? null, error: d instanceof Error ? d : null };
  }), [layersKey, data, hidden]);

  const mainData = data[0] instanceof Error ? null : data[0] ?? null;
  const mainError = data[0] instanceof Error ? data[0] : null;
  const label = labelField(main.ds.fields);
  const titleOf = (props: Record<string, unknown>, i: number) =>
    (label && props[label] !== null && props[label] !== undefined && String(props[label])) || `${t('map.record')} ${i + 1}`;
  const titles = layers.map((l) => l.ds.metas.default.title || l.ds.dataset_id);
  const ready = style && fitTo !== undefined;
  // Busy until the first layer's data is in (or there is nothing to wait for: no WebGL and no data to bound).
  const waiting = !mainData && !mainError && !(failed && fitTo === null);
  return (
    <div className="block-map" aria-busy={waiting}>
      <p className="map-desc">{t('page.map.summary', { layers: tp('page.map.layers', layers.length), names: titles.join(', ') })}</p>
      {mainError && <ErrorBox error={mainError} />}
      {colourError && <ErrorBox error={colourError} />}
      {failed && <p className="note" role="note">{t('map.noWebgl')}</p>}
      <div className="map-layout">
        {!failed && (ready ? (
          <MapCanvas handle={handle} style={style.style} world={style.world ?? null} initialView={null} initialBounds={fitTo ?? null}
            data={mainData} colouring={colouring} overlays={overlays} fields={main.ds.fields} titleOf={titleOf} lang={lang} label={t('page.map.label', { name })}
            onView={(bounds, v) => setView({ bounds, view: v })} onFailure={() => setFailed(true)} />
        ) : <div className="map-canvas"><BlockWait /></div>)}
        <div className="map-side">
          <MapLegend title={titles[0]} colour={MAIN_COLOUR} colouring={colouring} fieldLabel={colourField?.label || colourField?.name || ''}
            clustered={mainData?.mode === 'clusters'} overlays={overlays} removable={false} idPrefix={prefix}
            onToggle={(id) => setHidden((h) => { const n = new Set(h); if (n.has(id)) n.delete(id); else n.add(id); return n; })} onRemove={() => undefined} />
          <FeatureList data={mainData} titleOf={titleOf} interactive={!failed} idPrefix={prefix}
            onFeature={(i) => handle.current?.showFeature(i)} onCluster={(i) => handle.current?.zoomToCluster(i)} />
        </div>
      </div>
    </div>
  );
}
