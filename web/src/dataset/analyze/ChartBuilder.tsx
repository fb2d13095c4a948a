// The chart builder's controls: x axis (with date granularity), series (aggregation + field),
// split, chart type, stacking, top N. Edits a ChartSpec; the caller stores it in the URL.
import { useI18n } from '../../i18n/i18n.tsx';
import { useDataset } from '../context.tsx';
import { isDateType, isNumericType } from '../../format/format.ts';
import type { MessageKey } from '../../i18n/en.ts';
import { AGGREGATES, CHART_TYPES, GRANULARITIES, type Aggregate, type ChartSpec, type SeriesSpec } from './spec.ts';
import { axisFields } from './defaults.ts';
import { xKindOf } from './query.ts';

/** `automatic`: the name of the time bucket picked when no granularity is set ("5 years"). */
interface Props { spec: ChartSpec; automatic?: string; onChange: (s: ChartSpec) => void }

export function ChartBuilder({ spec, automatic, onChange }: Props) {
  const { t } = useI18n();
  const { ds } = useDataset();
  const axes = axisFields(ds.fields);
  const numbers = ds.fields.filter((f) => isNumericType(f.type));
  const splits = ds.fields.filter((f) => f.type === 'text' || f.type === 'boolean');
  const xField = ds.fields.find((f) => f.name === spec.x);
  const isDate = !!xField && isDateType(xField.type);
  const isCategory = !!xField && xKindOf(xField) === 'category';
  const setSeries = (i: number, s: SeriesSpec) => onChange({ ...spec, series: spec.series.map((x, j) => (j === i ? s : x)) });

  return (
    <form className="chart-builder" onSubmit={(e) => e.preventDefault()} aria-label={t('chart.builder')}>
      <label className="field">
        <span>{t('chart.x')}</span>
        <select value={spec.x} onChange={(e) => onChange({ ...spec, x: e.target.value, gran: undefined, split: spec.split === e.target.value ? undefined : spec.split })}>
          {axes.map((f) => <option key={f.name} value={f.name}>{f.label || f.name}</option>)}
        </select>
      </label>
      {isDate && (
        <label className="field">
          <span>{t('chart.granularity')}</span>
          <select value={spec.gran ?? ''} onChange={(e) => onChange({ ...spec, gran: (e.target.value || undefined) as ChartSpec['gran'] })}>
            <option value="">{t('chart.gran.auto')}{!spec.gran && automatic ? ` (${automatic.toLowerCase()})` : ''}</option>
            {GRANULARITIES.filter((g) => g !== 'hour' || xField?.type === 'datetime').map((g) => (
              <option key={g} value={g}>{t(`chart.gran.${g}` as MessageKey)}</option>
            ))}
          </select>
        </label>
      )}
      <fieldset className="series-list">
        <legend>{t('chart.series')}</legend>
        {spec.series.map((s, i) => (
          <div key={i} className="series-row">
            <label className="field">
              <span>{t('chart.agg')} {spec.series.length > 1 ? i + 1 : ''}</span>
              <select value={s.agg} onChange={(e) => {
                const agg = e.target.value as Aggregate;
                setSeries(i, agg === 'count' ? { agg } : { agg, field: s.field ?? numbers[0]?.name });
              }}>
                {AGGREGATES.filter((a) => a === 'count' || numbers.length).map((a) => <option key={a} value={a}>{t(`chart.agg.${a}` as MessageKey)}</option>)}
              </select>
            </label>
            {s.agg !== 'count' && (
              <label className="field">
                <span>{t('chart.field')} {spec.series.length > 1 ? i + 1 : ''}</span>
                <select value={s.field} onChange={(e) => setSeries(i, { ...s, field: e.target.value })}>
                  {numbers.map((f) => <option key={f.name} value={f.name}>{f.label || f.name}</option>)}
                </select>
              </label>
            )}
            {spec.series.length > 1 && (
              <button type="button" className="icon-button" aria-label={t('chart.removeSeries', { n: i + 1 })}
                onClick={() => onChange({ ...spec, series: spec.series.filter((_, j) => j !== i) })}>×</button>
            )}
          </div>
        ))}
        {spec.series.length < 6 && (
          <button type="button" className="link-button" onClick={() => onChange({ ...spec, series: [...spec.series, numbers[0] ? { agg: 'sum', field: numbers[0].name } : { agg: 'count' }] })}>
            + {t('chart.addSeries')}
          </button>
        )}
      </fieldset>
      <label className="field">
        <span>{t('chart.splitBy')}</span>
        <select value={spec.split ?? ''} onChange={(e) => onChange({ ...spec, split: e.target.value || undefined })}>
          <option value="">{t('chart.noSplit')}</option>
          {splits.filter((f) => f.name !== spec.x).map((f) => <option key={f.name} value={f.name}>{f.label || f.name}</option>)}
        </select>
      </label>
      <label className="field">
        <span>{t('chart.type')}</span>
        <select value={spec.type} onChange={(e) => onChange({ ...spec, type: e.target.value as ChartSpec['type'] })}>
          {CHART_TYPES.map((c) => <option key={c} value={c}>{t(`chart.type.${c}` as MessageKey)}</option>)}
        </select>
      </label>
      {isCategory && (
        <label className="field">
          <span>{t('chart.topN')}</span>
          <input type="number" min={1} max={100} value={spec.top} onChange={(e) => {
            const top = Math.min(100, Math.max(1, Number(e.target.value) || 1));
            onChange({ ...spec, top });
          }} />
        </label>
      )}
      {spec.type !== 'pie' && spec.type !== 'scatter' && (spec.series.length > 1 || spec.split) && (
        <label className="check">
          <input type="checkbox" checked={spec.stack} onChange={(e) => onChange({ ...spec, stack: e.target.checked })} />
          <span>{t('chart.stack')}</span>
        </label>
      )}
    </form>
  );
}
