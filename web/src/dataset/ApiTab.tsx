// The API tab: an ODSQL console prefilled from the current filters — the request URL, a Run
// button and the JSON answer — with a link to the API documentation.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { useDataset } from './context.tsx';
import { absolute, recordsUrl } from '../api/dataset.ts';
import { getJson, ApiError } from '../api/client.ts';
import { apiFilterParams, NO_FILTERS } from '../state/filters.ts';
import { useSearchParams } from '../app/url-state.ts';
import { orderBy, readSort } from './table/sort.ts';
import { API_DOCS_URL } from '../components/Footer.tsx';

type Param = 'select' | 'where' | 'group_by' | 'order_by' | 'limit';
const PARAMS: Param[] = ['select', 'where', 'group_by', 'order_by', 'limit'];

export function ApiTab() {
  const { t } = useI18n();
  const { ds, filters } = useDataset();
  const [sp] = useSearchParams();
  const filterWhere = apiFilterParams({ ...filters, refine: [], exclude: [] }).find(([k]) => k === 'where')?.[1];
  const [values, setValues] = useState<Record<Param, string>>({
    select: '', where: String(filterWhere ?? ''), group_by: '', order_by: orderBy(readSort(sp.get('sort'))) ?? '', limit: '10',
  });
  // A search or where typed in the filter bar while this tab is open updates the console's where.
  const shownWhere = useRef(String(filterWhere ?? ''));
  useEffect(() => {
    const next = String(filterWhere ?? '');
    if (next === shownWhere.current) return;
    shownWhere.current = next;
    setValues((v) => ({ ...v, where: next }));
  }, [filterWhere]);
  const [answer, setAnswer] = useState<{ status: string; body: string } | null>(null);
  const [running, setRunning] = useState(false);
  const facetParams = apiFilterParams({ ...NO_FILTERS, refine: filters.refine, exclude: filters.exclude });
  const url = recordsUrl(ds.dataset_id, NO_FILTERS, [...PARAMS.map((p): [string, string] => [p, values[p]]), ...facetParams]);

  const run = async (e: FormEvent) => {
    e.preventDefault();
    setRunning(true);
    try {
      const body = await getJson<unknown>(url, undefined, false);
      setAnswer({ status: '200 OK', body: JSON.stringify(body, null, 2) });
    } catch (err) {
      const status = err instanceof ApiError ? String(err.status) : 'error';
      setAnswer({ status, body: (err as Error).message });
    } finally { setRunning(false); }
  };

  return (
    <div className="api-tab">
      <h2>{t('api.title')}</h2>
      <p>{t('api.intro')} <a href={`${API_DOCS_URL}/datasets/${encodeURIComponent(ds.dataset_id)}`}>{t('api.docs')}</a></p>
      <form onSubmit={run} className="api-form">
        {PARAMS.map((p) => (
          <label key={p} className="field">
            <span className="mono">{p}</span>
            <input className="mono" value={values[p]} spellCheck={false} inputMode={p === 'limit' ? 'numeric' : undefined}
              onChange={(e) => setValues({ ...values, [p]: e.target.value })} />
          </label>
        ))}
        <p className="field"><span>{t('api.url')}</span><code className="api-url">GET {absolute(url)}</code></p>
        <div className="button-row"><button type="submit" className="primary" disabled={running}>{t('api.run')}</button></div>
      </form>
      {answer && (
        <section aria-labelledby="api-answer" className="api-answer">
          <h3 id="api-answer">{t('api.answer')} <span className="muted">({answer.status})</span></h3>
          <pre tabIndex={0} role="region" aria-labelledby="api-answer"><code>{answer.body}</code></pre>
        </section>
      )}
    </div>
  );
}
