// Adapts the app's messages to the chart modules' word lists (ChartWords / DescribeWords).
import type { I18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/en.ts';
import type { DescribeWords } from './describe.ts';
import type { ChartSpec } from './spec.ts';

export function chartWords(i18n: I18n, labelOf: (f: string) => string, spec: ChartSpec, unitOf: (f: string) => string | undefined = () => undefined): DescribeWords {
  const { t, tp, lang } = i18n;
  return {
    lang,
    fieldLabel: labelOf,
    aggLabel: (a) => t(`chart.agg.${a}` as MessageKey),
    aggOf: (agg, field) => t('chart.aggOf', { agg, field }),
    countOf: t('chart.countOf'),
    other: t('common.other'),
    empty: t('common.empty'),
    granLabel: (g) => t(`chart.gran.${g}` as MessageKey),
    stepLabel: (g, n) => t(`chart.gran.step.${g}` as MessageKey, { n: String(n) }),
    unitOf,
    typeName: t(`chart.type.${spec.type}` as MessageKey),
    points: (n) => tp('chart.desc.points', n),
    intro: (v) => t('chart.desc.intro', v),
    series: (v) => t('chart.desc.series', v),
    seriesNoTotal: (v) => t('chart.desc.seriesNoTotal', v),
    truncated: (n) => t('chart.desc.truncated', { n }),
    topOnly: (n) => t('chart.desc.topOnly', { n }),
  };
}
