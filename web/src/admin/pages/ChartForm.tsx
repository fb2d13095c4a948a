// The chart block's form: type, x axis, time granularity (date axes only), series of aggregates
// over number fields, split, stacking and top N — the settings of the dataset page's chart builder.
import { AGGREGATES, CHART_TYPES, DATE_TYPES, GRANULARITIES, NUMBER_TYPES, type Aggregate, type ChartSettings } from './model.ts';
import { fieldsOfType, plainFields } from './templates.ts';
import { usePagesI18n } from './messages.ts';
import { FieldSelect, Row } from './fields.tsx';
import type { TypeFormProps } from './BlockForm.tsx';

export function ChartForm({ block, ds, err, set }: TypeFormProps) {
  const { t } = usePagesI18n();
  const c: ChartSettings = block.chart ?? { type: 'bar', x: '', series: [{ agg: 'count' }] };
  const numbers = fieldsOfType(ds, NUMBER_TYPES);
  const xIsDate = fieldsOfType(ds, DATE_TYPES).some((f) => f.name === c.x);
  const put = (patch: Partial<ChartSettings>) => {
    const next: Record<string, unknown> = { ...c, ...patch };
    for (const k of ['gran', 'split', 'top', 'stack'] as const) if (next[k] === undefined || next[k] === '' || next[k] === false) delete next[k];
    set({ chart: next as unknown as ChartSettings });
  };
  const setSeries = (i: number, s: ChartSettings['series'][number] | null) => {
    const series = c.series.flatMap((x, j) => (j !== i ? [x] : s ? [s] : []));
    put({ series: i >= c.series.length && s ? [...series, s] : series });
  };
  return (
    <>
      <div className="form-pair">
        <Row id="chart-type" label={t('chart.type')} error={err('chart.type')}>
          {(p) => (
            <select {...p} value={c.type} onChange={(e) => put({ type: e.target.value as ChartSettings['type'] })}>
              {CHART_TYPES.map((x) => <option key={x} value={x}>{t(`chart.${x}`)}</option>)}
            </select>
          )}
        </Row>
        <Row id="chart-x" label={t('chart.x')} error={err('chart.x')}>
          {(p) => <FieldSelect p={p} value={c.x} fields={plainFields(ds)} onChange={(x) => put({ x, gran: fieldsOfType(ds, DATE_TYPES).some((f) => f.name === x) ? c.gran ?? 'month' : undefined })} />}
        </Row>
        {(xIsDate || c.gran) && (
          <Row id="chart-gran" label={t('chart.gran')} error={err('chart.gran')}>
            {(p) => (
              <select {...p} value={c.gran ?? ''} onChange={(e) => put({ gran: (e.target.value || undefined) as ChartSettings['gran'] })}>
                <option value="">{t('block.none.option')}</option>
                {GRANULARITIES.map((g) => <option key={g} value={g}>{t(`gran.${g}`)}</option>)}
              </select>
            )}
          </Row>
        )}
      </div>
      <fieldset>
        <legend>{t('chart.series')}</legend>
        {err('chart.series') && !c.series.length && <p className="field-error">{err('chart.series')}</p>}
        {c.series.map((s, i) => (
          <div key={i} className="form-pair">
            <Row id={`chart-series-${i}-agg`} label={t('chart.seriesAgg', { n: i + 1 })} error={err(`chart.series[${i}].agg`)}>
              {(p) => (
                <select {...p} value={s.agg} onChange={(e) => { const agg = e.target.value as Aggregate; setSeries(i, agg === 'count' ? { agg } : { agg, field: s.field ?? numbers[0]?.name ?? '' }); }}>
                  {AGGREGATES.map((a) => <option key={a} value={a}>{t(`agg.${a}`)}</option>)}
                </select>
              )}
            </Row>
            {s.agg !== 'count' && (
              <Row id={`chart-series-${i}-field`} label={t('chart.seriesField', { n: i + 1 })} error={err(`chart.series[${i}].field`)}>
                {(p) => <FieldSelect p={p} value={s.field ?? ''} fields={numbers} onChange={(field) => setSeries(i, { agg: s.agg, field })} />}
              </Row>
            )}
            {c.series.length > 1 && <p><button type="button" onClick={() => setSeries(i, null)}>{t('chart.removeSeries', { n: i + 1 })}</button></p>}
          </div>
        ))}
        {c.series.length < 8 && <p><button type="button" onClick={() => setSeries(c.series.length, { agg: 'count' })}>{t('chart.addSeries')}</button></p>}
      </fieldset>
      <div className="form-pair">
        <Row id="chart-split" label={t('chart.split')} error={err('chart.split')}>
          {(p) => <FieldSelect p={p} optional value={c.split ?? ''} fields={plainFields(ds)} onChange={(split) => put({ split: split || undefined })} />}
        </Row>
        <Row id="chart-top" label={t('chart.top')} error={err('chart.top')}>
          {(p) => <input {...p} type="number" min={1} max={100} value={c.top ?? ''} onChange={(e) => put({ top: e.target.value === '' ? undefined : Number(e.target.value) })} />}
        </Row>
      </div>
      <label className="check"><input type="checkbox" checked={!!c.stack} onChange={(e) => put({ stack: e.target.checked })} /> {t('chart.stack')}</label>
    </>
  );
}
