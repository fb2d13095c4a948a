// The key-figure block's form: the aggregate as an aggregate + number-field pair (or, under
// "Advanced (ODSQL)", a free expression), unit, decimals, comparison with the previous period of a
// date field and a target.
import { useState } from 'react';
import { AGGREGATES, DATE_TYPES, KPI_PERIODS, NUMBER_TYPES, type Aggregate } from './model.ts';
import { aggregateValue, simpleAggregate } from './kpi-value.ts';
import { fieldsOfType } from './templates.ts';
import { usePagesI18n } from './messages.ts';
import { FieldSelect, Row } from './fields.tsx';
import type { TypeFormProps } from './BlockForm.tsx';

export function KpiForm({ block, ds, err, set }: TypeFormProps) {
  const { t } = usePagesI18n();
  const value = block.value ?? '';
  const simple = simpleAggregate(value);
  const [advanced, setAdvanced] = useState(!simple);
  const numbers = fieldsOfType(ds, NUMBER_TYPES);
  const dates = fieldsOfType(ds, DATE_TYPES);
  const agg = simple?.agg ?? 'count';
  const field = simple?.field ?? '';
  const setAgg = (a: Aggregate, f: string) => set({ value: aggregateValue(a, f || numbers[0]?.name || '') });
  return (
    <>
      {!advanced && (
        <div className="form-pair">
          <Row id="kpi-agg" label={t('kpi.agg')} error={err('value')}>
            {(p) => (
              <select {...p} value={agg} onChange={(e) => setAgg(e.target.value as Aggregate, field)}>
                {AGGREGATES.map((a) => <option key={a} value={a}>{t(`agg.${a}`)}</option>)}
              </select>
            )}
          </Row>
          {agg !== 'count' && (
            <Row id="kpi-field" label={t('kpi.field')}>
              {(p) => <FieldSelect p={p} value={field} fields={numbers} onChange={(f) => setAgg(agg, f)} />}
            </Row>
          )}
        </div>
      )}
      <details open={advanced} onToggle={(e) => setAdvanced((e.target as HTMLDetailsElement).open)}>
        <summary>{t('kpi.advanced')}</summary>
        <Row id="kpi-expression" label={t('kpi.expression')} error={advanced ? err('value') : undefined}>
          {(p) => <input {...p} value={value} onChange={(e) => set({ value: e.target.value })} />}
        </Row>
      </details>
      <div className="form-pair">
        <Row id="kpi-unit" label={t('kpi.unit')} error={err('unit')}>
          {(p) => <input {...p} value={block.unit ?? ''} onChange={(e) => set({ unit: e.target.value })} />}
        </Row>
        <Row id="kpi-decimals" label={t('kpi.decimals')} error={err('decimals')}>
          {(p) => <input {...p} type="number" min={0} max={6} value={block.decimals ?? ''} onChange={(e) => set({ decimals: e.target.value === '' ? undefined : Number(e.target.value) })} />}
        </Row>
      </div>
      <div className="form-pair">
        <Row id="kpi-compare" label={t('kpi.compareField')} error={err('compare')}>
          {(p) => <FieldSelect p={p} optional value={block.compare?.date_field ?? ''} fields={dates}
            onChange={(f) => set({ compare: f ? { date_field: f, period: block.compare?.period ?? 'month' } : undefined })} />}
        </Row>
        {block.compare && (
          <Row id="kpi-period" label={t('kpi.period')}>
            {(p) => (
              <select {...p} value={block.compare!.period} onChange={(e) => set({ compare: { ...block.compare!, period: e.target.value as (typeof KPI_PERIODS)[number] } })}>
                {KPI_PERIODS.map((x) => <option key={x} value={x}>{t(`period.${x}`)}</option>)}
              </select>
            )}
          </Row>
        )}
      </div>
      <div className="form-pair">
        <Row id="kpi-target" label={t('kpi.target')} error={err('target')}>
          {(p) => <input {...p} type="number" step="any" value={block.target?.value ?? ''}
            onChange={(e) => set({ target: e.target.value === '' ? undefined : { value: Number(e.target.value), direction: block.target?.direction ?? 'at_least' } })} />}
        </Row>
        {block.target && (
          <Row id="kpi-direction" label={t('kpi.direction')}>
            {(p) => (
              <select {...p} value={block.target!.direction} onChange={(e) => set({ target: { ...block.target!, direction: e.target.value as 'at_least' | 'at_most' } })}>
                <option value="at_least">{t('kpi.at_least')}</option>
                <option value="at_most">{t('kpi.at_most')}</option>
              </select>
            )}
          </Row>
        )}
      </div>
    </>
  );
}
