// The dataset page's "Reuses" block: the approved reuses of the dataset (announced politely when
// they arrive) and the form to submit one.
import { useApi } from '../api/use-api.ts';
import { reusesUrl, type ReuseList } from '../api/reuses.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { ErrorBox, Loading } from '../components/States.tsx';
import { Link } from '../components/Link.tsx';
import { ReuseCard } from './ReuseCard.tsx';
import { ReuseForm } from './ReuseForm.tsx';

export function DatasetReuses({ datasetId }: { datasetId: string }) {
  const { t, tp } = useI18n();
  const list = useApi<ReuseList>(reusesUrl({ datasetId, limit: 12 }));
  return (
    <section className="dataset-reuses" aria-labelledby="reuses-heading">
      <h2 id="reuses-heading">{t('reuses.heading')}</h2>
      {list.error ? <ErrorBox error={list.error} /> : !list.data ? <Loading /> : (
        <>
          <p role="status" aria-live="polite">{list.data.total_count ? tp('reuses.count', list.data.total_count) : t('reuses.none')}</p>
          {list.data.results.length > 0 && (
            <div className="card-grid">{list.data.results.map((r) => <ReuseCard key={r.uid} reuse={r} showDatasets={false} />)}</div>
          )}
          {list.data.total_count > list.data.results.length && <p><Link href="/reuses">{t('reuses.all')}</Link></p>}
        </>
      )}
      <ReuseForm datasetId={datasetId} />
    </section>
  );
}
