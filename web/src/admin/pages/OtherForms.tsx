// The forms of the map (layers over datasets with a location), table (fields, order, limit),
// text (Markdown) and image (address, alternative text, caption) blocks.
import { GEO_TYPES, MAP_STYLES, type MapLayer } from './model.ts';
import { fieldsOfType, plainFields } from './templates.ts';
import { usePagesI18n } from './messages.ts';
import { DatasetSelect, FieldSelect, Row } from './fields.tsx';
import type { TypeFormProps } from './BlockForm.tsx';

export function MapForm({ block, datasets, err, set }: TypeFormProps) {
  const { t } = usePagesI18n();
  const layers = block.layers ?? [];
  const mapped = datasets.filter((d) => fieldsOfType(d, GEO_TYPES).length > 0);
  const put = (i: number, l: MapLayer | null) => {
    const next = layers.flatMap((x, j) => (j !== i ? [x] : l ? [l] : []));
    set({ layers: i >= layers.length && l ? [...next, l] : next });
  };
  return (
    <fieldset>
      <legend>{t('map.layers')}</legend>
      {err('layers') && !layers.length && <p className="field-error">{err('layers')}</p>}
      {layers.map((l, i) => {
        const ds = datasets.find((d) => d.dataset_id === l.dataset);
        const at = `layers[${i}]`;
        return (
          <div key={i} className="layer-row">
            <h4>{t('map.layerN', { n: i + 1 })}</h4>
            <Row id={`map-${i}-dataset`} label={t('map.layerDataset', { n: i + 1 })} error={err(`${at}.dataset`)}>
              {(p) => <DatasetSelect p={p} value={l.dataset} datasets={mapped} onChange={(dataset) => { const { colour_by: _c, ...rest } = l; put(i, { ...rest, dataset }); }} />}
            </Row>
            <Row id={`map-${i}-where`} label={t('block.where')} error={err(`${at}.where`)}>
              {(p) => <input {...p} value={l.where ?? ''} onChange={(e) => { const { where: _w, ...rest } = l; put(i, e.target.value ? { ...rest, where: e.target.value } : rest); }} />}
            </Row>
            <div className="form-pair">
              <Row id={`map-${i}-style`} label={t('map.style', { n: i + 1 })} error={err(`${at}.style`)}>
                {(p) => (
                  <select {...p} value={l.style} onChange={(e) => put(i, { ...l, style: e.target.value as MapLayer['style'] })}>
                    {MAP_STYLES.map((s) => <option key={s} value={s}>{t(`style.${s}`)}</option>)}
                  </select>
                )}
              </Row>
              <Row id={`map-${i}-colour`} label={t('map.colourBy', { n: i + 1 })} error={err(`${at}.colour_by`)}>
                {(p) => <FieldSelect p={p} optional value={l.colour_by ?? ''} fields={plainFields(ds).filter((f) => !GEO_TYPES.includes(f.type as never))}
                  onChange={(f) => { const { colour_by: _c, ...rest } = l; put(i, f ? { ...rest, colour_by: f } : rest); }} />}
              </Row>
            </div>
            {layers.length > 1 && <p><button type="button" onClick={() => put(i, null)}>{t('map.removeLayer', { n: i + 1 })}</button></p>}
          </div>
        );
      })}
      {layers.length < 6 && <p><button type="button" onClick={() => put(layers.length, { dataset: mapped[0]?.dataset_id ?? '', style: 'points' })}>{t('map.addLayer')}</button></p>}
    </fieldset>
  );
}

export function TableForm({ block, ds, err, set }: TypeFormProps) {
  const { t } = usePagesI18n();
  const chosen = block.fields ?? [];
  const known = plainFields(ds);
  const gone = chosen.filter((f) => !known.some((k) => k.name === f));
  const toggle = (name: string, on: boolean) => {
    const order = [...known.map((f) => f.name), ...gone];
    set({ fields: order.filter((n) => (n === name ? on : chosen.includes(n))) });
  };
  return (
    <>
      <fieldset aria-describedby={err('fields') ? 'table-fields-error' : undefined}>
        <legend>{t('table.fields')}</legend>
        <div className="checks">
          {[...known.map((f) => ({ name: f.name, label: `${f.label} (${f.name})` })), ...gone.map((g) => ({ name: g, label: `${g} (?)` }))].map((f) => (
            <label key={f.name}><input type="checkbox" checked={chosen.includes(f.name)} onChange={(e) => toggle(f.name, e.target.checked)}
              aria-invalid={err(`fields[${chosen.indexOf(f.name)}]`) ? true : undefined} /> {f.label}</label>
          ))}
        </div>
        {err('fields') && <p id="table-fields-error" className="field-error">{err('fields')}</p>}
      </fieldset>
      <div className="form-pair">
        <Row id="table-order" label={t('table.orderBy')} error={err('order_by')}>
          {(p) => <input {...p} value={block.order_by ?? ''} onChange={(e) => set({ order_by: e.target.value })} />}
        </Row>
        <Row id="table-limit" label={t('table.limit')} error={err('limit')}>
          {(p) => <input {...p} type="number" min={1} max={100} value={block.limit ?? ''} onChange={(e) => set({ limit: e.target.value === '' ? undefined : Number(e.target.value) })} />}
        </Row>
      </div>
    </>
  );
}

export function TextForm({ block, err, set }: TypeFormProps) {
  const { t } = usePagesI18n();
  return (
    <Row id="text-markdown" label={t('text.markdown')} error={err('markdown')}>
      {(p) => <textarea {...p} value={block.markdown ?? ''} onChange={(e) => set({ markdown: e.target.value })} />}
    </Row>
  );
}

export function ImageForm({ block, err, set }: TypeFormProps) {
  const { t } = usePagesI18n();
  return (
    <>
      <Row id="image-url" label={t('image.url')} error={err('url')}>
        {(p) => <input {...p} value={block.url ?? ''} onChange={(e) => set({ url: e.target.value })} />}
      </Row>
      <Row id="image-alt" label={t('image.alt')} error={err('alt')}>
        {(p) => <input {...p} value={block.alt ?? ''} onChange={(e) => set({ alt: e.target.value })} />}
      </Row>
      <Row id="image-caption" label={t('image.caption')} error={err('caption')}>
        {(p) => <input {...p} value={block.caption ?? ''} onChange={(e) => set({ caption: e.target.value })} />}
      </Row>
    </>
  );
}
