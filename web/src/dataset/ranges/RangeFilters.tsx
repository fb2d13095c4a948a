// The range filters beside the text facets: one per date field and numeric measure with values,
// each bucketed from the field's unfiltered min and max (see buckets.ts).
import { useState } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { useDataset } from '../context.tsx';
import { Loading, filtersOpenAtFirst } from '../../components/States.tsx';
import { dateStep, numberWidth, type Bucketing } from './buckets.ts';
import { rangeKind, type FieldStats } from './range-fields.ts';
import { useRangeStats } from './use-range-stats.ts';
import { RangeField } from './RangeField.tsx';
import './ranges.css';

function bucketingOf(kind: 'date' | 'number', s: FieldStats, integer: boolean): Bucketing {
  return kind === 'date'
    ? { kind: 'date', step: dateStep(String(s.min), String(s.max)) }
    : { kind: 'number', width: numberWidth(Number(s.min), Number(s.max), integer) };
}

export function RangeFilters() {
  const { t } = useI18n();
  const { ds } = useDataset();
  const [openAtFirst] = useState(filtersOpenAtFirst);
  const { fields, stats, loading, error } = useRangeStats(ds);
  if (!fields.length || error) return null;
  const usable = fields.filter((f) => { const s = stats.get(f.name); return s && s.min !== null && s.max !== null; });
  if (!loading && !usable.length) return null;
  return (
    <details className="filters-disclosure range-filters" open={openAtFirst}>
      <summary><h2>{t('range.title')}</h2></summary>
      {loading && <Loading />}
      {usable.map((f) => {
        const kind = rangeKind(f)!;
        const s = stats.get(f.name)!;
        return <RangeField key={f.name} field={f} kind={kind} stats={s} bucketing={bucketingOf(kind, s, f.type === 'int')} index={fields.indexOf(f)} />;
      })}
    </details>
  );
}
