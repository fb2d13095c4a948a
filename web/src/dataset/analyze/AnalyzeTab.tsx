// The Analyze tab: chart builder and chart, with an Embed action. Loaded lazily (ECharts).
import { useCallback, useState } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { useDataset } from '../context.tsx';
import { ChartBuilder } from './ChartBuilder.tsx';
import { ChartView } from './ChartView.tsx';
import { useChartSpec } from './use-spec.ts';
import { axisFields } from './defaults.ts';
import type { ChartData } from './query.ts';
import { bucketName } from './labels.ts';
import type { MessageKey } from '../../i18n/en.ts';
import { Empty, Loading } from '../../components/States.tsx';
import { EmbedButton } from '../EmbedButton.tsx';

export default function AnalyzeTab() {
  const { t } = useI18n();
  const { ds, embedded } = useDataset();
  const { spec, loading, setSpec } = useChartSpec(ds);
  const [automatic, setAutomatic] = useState<string | undefined>();
  const onData = useCallback((d: ChartData) => {
    const words = { granLabel: (g: string) => t(`chart.gran.${g}` as MessageKey), stepLabel: (g: string, n: number) => t(`chart.gran.step.${g}` as MessageKey, { n }) };
    setAutomatic(d.xKind === 'date' && d.gran ? bucketName(d.gran, d.step, words) : undefined);
  }, [t]);
  if (loading) return <Loading />;
  if (!spec) return <Empty>{t(axisFields(ds.fields).length ? 'chart.noDefault' : 'chart.noFields')}</Empty>;
  return (
    <div className="analyze">
      {!embedded && (
        <div className="tab-toolbar">
          <h2 className="visually-hidden">{t('tab.analyze')}</h2>
          <EmbedButton view="analyze" />
        </div>
      )}
      <div className={embedded ? undefined : 'analyze-layout'}>
        {!embedded && <ChartBuilder spec={spec} automatic={automatic} onChange={setSpec} />}
        <ChartView spec={spec} headingLevel={embedded ? 2 : 3} onData={onData} />
      </div>
    </div>
  );
}
