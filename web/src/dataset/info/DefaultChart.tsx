// The default chart of the Information tab (its drawing loads ECharts lazily), linking to Analyze;
// a note instead when no field groups the records meaningfully.
import { useI18n } from '../../i18n/i18n.tsx';
import { useDataset } from '../context.tsx';
import { ChartView } from '../analyze/ChartView.tsx';
import { useDefaultSpec } from '../analyze/use-spec.ts';
import { writeSpec } from '../analyze/spec.ts';
import { axisFields } from '../analyze/defaults.ts';
import { useSearchParams } from '../../app/url-state.ts';
import { Empty, ErrorBox, Loading } from '../../components/States.tsx';

export default function DefaultChart() {
  const { t } = useI18n();
  const { ds } = useDataset();
  const { spec, loading, error } = useDefaultSpec(ds);
  const [, update] = useSearchParams();
  if (loading) return <Loading />;
  if (error) return <ErrorBox error={error} />;
  if (!spec) return <Empty>{t(axisFields(ds.fields).length ? 'chart.noDefault' : 'chart.noFields')}</Empty>;
  return (
    <>
      <ChartView spec={spec} headingLevel={3} height={300} downloads={false} />
      <p><button type="button" className="link-button" onClick={() => update((s) => { const o = writeSpec(s, spec); o.set('tab', 'analyze'); return o; }, true)}>
        {t('tab.analyze')} →
      </button></p>
    </>
  );
}
