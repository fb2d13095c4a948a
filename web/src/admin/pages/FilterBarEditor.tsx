// The page's filter bar: facet filters (values of a field) and date ranges (date fields only), each
// on a dataset of the catalog, with its label; errors of the server next to their field.
import { DATE_TYPES, FILTER_TYPES, type CatalogDataset, type PageFilter } from './model.ts';
import { fieldsOfType, plainFields } from './templates.ts';
import { usePagesI18n } from './messages.ts';
import { errorFor } from './errors.ts';
import { DatasetSelect, FieldSelect, Row } from './fields.tsx';

/** `preferred`: the dataset a new filter starts on (the page's first data block's). */
export function FilterBarEditor({ filters, datasets, errors, onChange, preferred }: {
  filters: PageFilter[]; datasets: CatalogDataset[]; errors: Record<number, Record<string, string>>; onChange: (f: PageFilter[]) => void; preferred?: string;
}) {
  const { t } = usePagesI18n();
  const put = (i: number, f: PageFilter | null) => onChange(filters.flatMap((x, j) => (j !== i ? [x] : f ? [f] : [])));
  const add = () => {
    const used = new Set(filters.map((f) => f.id));
    let n = 1;
    while (used.has(`filter-${n}`)) n++;
    const ds = datasets.find((d) => d.dataset_id === preferred) ?? datasets[0];
    onChange([...filters, { id: `filter-${n}`, type: 'facet', dataset: ds?.dataset_id ?? '', field: fieldsOfType(ds, ['text'])[0]?.name ?? '' }]);
  };
  return (
    <section aria-labelledby="filters-title">
      <h2 id="filters-title">{t('filters.title')}</h2>
      <p className="small muted">{t('filters.help')}</p>
      {!filters.length && <p>{t('filters.none')}</p>}
      {filters.map((f, i) => {
        const ds = datasets.find((d) => d.dataset_id === f.dataset);
        const fields = f.type === 'date_range' ? fieldsOfType(ds, DATE_TYPES) : plainFields(ds);
        const err = (k: string) => errorFor(errors[i], k);
        const n = i + 1;
        return (
          <fieldset key={f.id} className="admin-form filter-row" id={`filter-${i}`}>
            <legend>{t('filters.n', { n })}</legend>
            {err('') && <p className="field-error">{err('')}</p>}
            <div className="form-pair">
              <Row id={`filter-${i}-type`} label={t('filters.type', { n })} error={err('type')}>
                {(p) => (
                  <select {...p} value={f.type} onChange={(e) => put(i, { ...f, type: e.target.value as PageFilter['type'] })}>
                    {FILTER_TYPES.map((x) => <option key={x} value={x}>{t(`filters.${x}`)}</option>)}
                  </select>
                )}
              </Row>
              <Row id={`filter-${i}-dataset`} label={t('filters.dataset', { n })} error={err('dataset')}>
                {(p) => <DatasetSelect p={p} value={f.dataset} datasets={datasets} onChange={(dataset) => put(i, { ...f, dataset, field: '' })} />}
              </Row>
              <Row id={`filter-${i}-field`} label={t('filters.field', { n })} error={err('field')}>
                {(p) => <FieldSelect p={p} value={f.field} fields={fields} onChange={(field) => put(i, { ...f, field })} />}
              </Row>
              <Row id={`filter-${i}-label`} label={t('filters.label', { n })} error={err('label')}>
                {(p) => <input {...p} value={f.label ?? ''} onChange={(e) => { const { label: _l, ...rest } = f; put(i, e.target.value ? { ...rest, label: e.target.value } : rest); }} />}
              </Row>
            </div>
            <p><button type="button" onClick={() => put(i, null)}>{t('filters.remove', { n })}</button></p>
          </fieldset>
        );
      })}
      {filters.length < 10 && <p><button type="button" onClick={add}>{t('filters.add')}</button></p>}
    </section>
  );
}
