// The page's filter bar: a facet filter lists its field's values (the dataset's facets endpoint,
// narrowed by the page's other filters); a date range has two date inputs. Picks go to the URL
// (pf.<id>), so a link or a reload shows the same page.
import { useId } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { useApi } from '../api/use-api.ts';
import { facetsUrl } from '../api/dataset.ts';
import type { FacetList } from '../api/types.ts';
import { NO_FILTERS } from '../state/filters.ts';
import { useSearchParams } from '../app/url-state.ts';
import type { PageFilter } from '../api/page-model.ts';
import { andWhere, filterClauses, writePageFilter, FILTER_PREFIX, type FilterState, type FilterValue } from './page-filters.ts';

interface Props { filters: PageFilter[]; state: FilterState }

function FacetFilter({ f, filters, state, set }: { f: Extract<PageFilter, { type: 'facet' }>; filters: PageFilter[]; state: FilterState; set: (v: FilterValue | null) => void }) {
  const { t, n } = useI18n();
  const id = useId();
  const where = andWhere(filterClauses(filters, state, f.dataset, f.id));
  const res = useApi<FacetList>(facetsUrl(f.dataset, { ...NO_FILTERS, where }, [f.field]));
  const values = res.data?.facets.find((g) => g.name === f.field)?.facets ?? [];
  const current = state[f.id]?.kind === 'facet' ? (state[f.id] as { value: string }).value : '';
  const listed = values.some((v) => v.value === current);
  return (
    <div className="page-filter" data-filter={f.id}>
      <label htmlFor={id}>{f.label || f.field}</label>
      <select id={id} value={current} aria-busy={res.loading} disabled={!!res.error && !current}
        onChange={(e) => set(e.target.value ? { kind: 'facet', value: e.target.value } : null)}>
        <option value="">{t('page.filter.all')}</option>
        {current && !listed && <option value={current}>{current}</option>}
        {values.map((v) => <option key={v.value} value={v.value}>{typeof v.count === 'number' ? `${v.name} (${n(v.count)})` : v.name}</option>)}
      </select>
    </div>
  );
}

function DateRangeFilter({ f, state, set }: { f: Extract<PageFilter, { type: 'date_range' }>; state: FilterState; set: (v: FilterValue | null) => void }) {
  const { t } = useI18n();
  const id = useId();
  const v = state[f.id]?.kind === 'date_range' ? state[f.id] as { from: string; to: string } : { from: '', to: '' };
  const change = (from: string, to: string) => set(from || to ? { kind: 'date_range', from, to } : null);
  return (
    <fieldset className="page-filter page-filter-range" data-filter={f.id}>
      <legend>{f.label || f.field}</legend>
      <label htmlFor={`${id}-from`}>{t('page.filter.from')}</label>
      <input id={`${id}-from`} type="date" value={v.from} max={v.to || undefined} onChange={(e) => change(e.target.value, v.to)} />
      <label htmlFor={`${id}-to`}>{t('page.filter.to')}</label>
      <input id={`${id}-to`} type="date" value={v.to} min={v.from || undefined} onChange={(e) => change(v.from, e.target.value)} />
    </fieldset>
  );
}

export function PageFilterBar({ filters, state }: Props) {
  const { t } = useI18n();
  const [, update] = useSearchParams();
  const set = (id: string) => (v: FilterValue | null) => update((sp) => writePageFilter(sp, id, v));
  const active = Object.keys(state).length > 0;
  const clear = () => update((sp) => { for (const k of [...sp.keys()]) if (k.startsWith(FILTER_PREFIX)) sp.delete(k); });
  return (
    <section className="page-filters" aria-labelledby="page-filters-title">
      <h2 id="page-filters-title" className="visually-hidden">{t('page.filters')}</h2>
      {filters.map((f) => (f.type === 'facet'
        ? <FacetFilter key={f.id} f={f} filters={filters} state={state} set={set(f.id)} />
        : <DateRangeFilter key={f.id} f={f} state={state} set={set(f.id)} />))}
      {active && <button type="button" className="page-filters-clear" onClick={clear}>{t('page.filter.clear')}</button>}
    </section>
  );
}
