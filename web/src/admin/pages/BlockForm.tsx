// The settings form of the selected block: what every block has (title, width, height, delete),
// the dataset and where of data blocks, then the form of its type. Errors of the server (or
// problems of the draft) show next to the field their path names.
import type { Block, CatalogDataset } from './model.ts';
import { usePagesI18n } from './messages.ts';
import { errorFor } from './errors.ts';
import { DatasetSelect, Row } from './fields.tsx';
import { blockName } from './BlockGrid.tsx';
import { KpiForm } from './KpiForm.tsx';
import { ChartForm } from './ChartForm.tsx';
import { MapForm, TableForm, TextForm, ImageForm } from './OtherForms.tsx';

export interface TypeFormProps {
  block: Block;
  ds: CatalogDataset | undefined;
  datasets: CatalogDataset[];
  err: (key: string) => string | undefined;
  set: (patch: Partial<Block>) => void;
}

const DATA_TYPES = new Set(['kpi', 'chart', 'table']);

export function BlockForm({ block, index, datasets, errors, onChange, onDelete }: {
  block: Block; index: number; datasets: CatalogDataset[]; errors: Record<string, string> | undefined;
  onChange: (b: Block) => void; onDelete: () => void;
}) {
  const { t } = usePagesI18n();
  const err = (key: string) => errorFor(errors, key);
  const set = (patch: Partial<Block>) => onChange(clean({ ...block, ...patch }));
  const ds = datasets.find((d) => d.dataset_id === block.dataset);
  const id = (k: string) => `blk-${k}`;
  const num = (v: string) => (v === '' ? NaN : Number(v));
  const props: TypeFormProps = { block, ds, datasets, err, set };
  return (
    <section id="block-form" className="block-form" aria-labelledby="block-form-title">
      <h3 id="block-form-title">{t('block.settings', { n: index + 1, name: blockName(block) })}</h3>
      {err('') && <p className="field-error">{err('')}</p>}
      <div className="admin-form">
        <Row id={id('title')} label={t('block.title')} error={err('title')}>
          {(p) => <input {...p} value={block.title ?? ''} onChange={(e) => set({ title: e.target.value })} />}
        </Row>
        <div className="form-pair">
          <Row id={id('w')} label={t('block.width')} error={err('layout.w')}>
            {(p) => <input {...p} type="number" min={1} max={12} value={block.layout.w} onChange={(e) => { const w = num(e.target.value); if (w >= 1 && w <= 12) set({ layout: { ...block.layout, w } }); }} />}
          </Row>
          <Row id={id('h')} label={t('block.height')} error={err('layout.h')}>
            {(p) => <input {...p} type="number" min={1} max={12} value={block.layout.h} onChange={(e) => { const h = num(e.target.value); if (h >= 1 && h <= 12) set({ layout: { ...block.layout, h } }); }} />}
          </Row>
        </div>
        {DATA_TYPES.has(block.type) && (
          <>
            <Row id={id('dataset')} label={t('block.dataset')} error={err('dataset')}>
              {(p) => <DatasetSelect p={p} value={block.dataset ?? ''} datasets={datasets} onChange={(dataset) => set({ dataset })} />}
            </Row>
            <Row id={id('where')} label={t('block.where')} error={err('where')}>
              {(p) => <input {...p} value={block.where ?? ''} onChange={(e) => set({ where: e.target.value })} />}
            </Row>
          </>
        )}
        {block.type === 'kpi' && <KpiForm {...props} />}
        {block.type === 'chart' && <ChartForm {...props} />}
        {block.type === 'map' && <MapForm {...props} />}
        {block.type === 'table' && <TableForm {...props} />}
        {block.type === 'text' && <TextForm {...props} />}
        {block.type === 'image' && <ImageForm {...props} />}
        <p><button type="button" className="danger" onClick={onDelete}>{t('block.delete')}</button></p>
      </div>
    </section>
  );
}

/** Drops the optional keys left empty, so the body sent is what the server reads. */
export function clean(b: Block): Block {
  const out: Record<string, unknown> = { ...b };
  for (const k of ['title', 'where', 'unit', 'caption', 'order_by']) if (out[k] === '') delete out[k];
  for (const k of ['decimals', 'limit', 'compare', 'target']) if (out[k] === undefined) delete out[k];
  if (Array.isArray(out.fields) && out.fields.length === 0) delete out.fields;
  return out as unknown as Block;
}
