// One range filter of the dataset page: the distribution of a date or number field as a bar
// strip, then From/To inputs; a refused range gets its reason next to the field and is not applied.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import type { ApiField, RecordList } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';
import { recordsUrl } from '../../api/dataset.ts';
import type { Filters } from '../../state/filters.ts';
import { normalizeRange, rangeProblem, withRange, withoutRange, type RangeFilter, type RangeKind, type RangeProblem } from '../../state/ranges.ts';
import type { MessageKey } from '../../i18n/en.ts';
import { useDataset } from '../context.tsx';
import { barInRange, bucketGroupBy, emptyBars, fillBars, type Bucketing } from './buckets.ts';
import type { FieldStats } from './range-fields.ts';
import { barText, boundText } from './range-labels.ts';
import { Histogram } from './Histogram.tsx';

interface Props { field: ApiField; kind: RangeKind; stats: FieldStats; bucketing: Bucketing; index: number }

const PROBLEM: Record<RangeProblem, MessageKey> = { empty: 'range.empty', notDate: 'range.notDate', notNumber: 'range.notNumber', reversed: 'range.reversed' };

/** The histogram under every filter except this field's own range, so the bars show what a wider range would add. */
function useBars(field: ApiField, stats: FieldStats, bucketing: Bucketing, filters: Filters) {
  const { ds } = useDataset();
  const others: Filters = { ...filters, ranges: withoutRange(filters.ranges ?? [], field.name) };
  const res = useApi<RecordList>(recordsUrl(ds.dataset_id, others, [
    ['select', 'count(*) as n'], ['group_by', `${bucketGroupBy(field.name, bucketing)} as b`], ['limit', 100],
  ]));
  const bars = emptyBars(stats.min!, stats.max!, bucketing, field.type === 'int');
  return res.data ? fillBars(bars, res.data.results, bucketing) : bars;
}

export function RangeField({ field, kind, stats, bucketing, index }: Props) {
  const { t, tp, lang } = useI18n();
  const { filters, setFilters, labelOf } = useDataset();
  const applied = (filters.ranges ?? []).find((r) => r.field === field.name);
  const [from, setFrom] = useState(applied?.from ?? '');
  const [to, setTo] = useState(applied?.to ?? '');
  const [problem, setProblem] = useState<RangeProblem | null>(null);
  const fromRef = useRef<HTMLInputElement>(null);
  const toRef = useRef<HTMLInputElement>(null);
  useEffect(() => { setFrom(applied?.from ?? ''); setTo(applied?.to ?? ''); setProblem(null); }, [applied?.from, applied?.to]);
  const bars = useBars(field, stats, bucketing, filters);

  const id = `range-${index}`;
  const label = labelOf(field.name);
  const apply = (r: RangeFilter) => setFilters({ ...filters, ranges: withRange(filters.ranges ?? [], normalizeRange(r)) });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const unreadable = !!(fromRef.current?.validity.badInput || toRef.current?.validity.badInput);
    const next: RangeFilter = { field: field.name, kind, from, to };
    const p = unreadable ? (kind === 'date' ? 'notDate' : 'notNumber') : rangeProblem(next);
    // Emptying both inputs of an applied range removes it; with nothing applied it is a refusal like the others.
    const removes = p === 'empty' && !!applied;
    setProblem(removes ? null : p);
    if (removes) setFilters({ ...filters, ranges: withoutRange(filters.ranges ?? [], field.name) });
    else if (!p) apply(next);
  };
  const inputType = kind === 'date' ? 'date' : 'number';
  const min = stats.min === null ? undefined : String(stats.min);
  const max = stats.max === null ? undefined : String(stats.max);
  const describedBy = problem ? `${id}-problem` : `${id}-span`;

  return (
    <section className="range-field" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="facet-title">{label}</h3>
      <Histogram id={id} label={t('range.histogram', { field: label })} bars={bars}
        inRange={(bar) => !!applied && barInRange(bar, applied.from, applied.to, kind)}
        barLabel={(bar) => tp('range.bar', bar.count, { bucket: barText(lang, bar, bucketing) })}
        onPick={(a, b) => apply({ field: field.name, kind, from: a.from, to: b.to })} />
      <p id={`${id}-span`} className="range-span muted">
        <span>{min && boundText(lang, kind, min)}</span><span>{max && boundText(lang, kind, max)}</span>
      </p>
      <form className="range-inputs" onSubmit={submit} noValidate>
        <label htmlFor={`${id}-from`}><span className="visually-hidden">{label}: </span>{t('range.from')}</label>
        <input id={`${id}-from`} ref={fromRef} type={inputType} value={from} min={min} max={max} step={kind === 'number' ? 'any' : undefined}
          aria-invalid={problem ? true : undefined} aria-describedby={describedBy} onChange={(e) => setFrom(e.target.value)} />
        <label htmlFor={`${id}-to`}><span className="visually-hidden">{label}: </span>{t('range.to')}</label>
        <input id={`${id}-to`} ref={toRef} type={inputType} value={to} min={min} max={max} step={kind === 'number' ? 'any' : undefined}
          aria-invalid={problem ? true : undefined} aria-describedby={describedBy} onChange={(e) => setTo(e.target.value)} />
        <button type="submit">{t('range.apply')}<span className="visually-hidden"> ({label})</span></button>
        {problem && <p id={`${id}-problem`} className="range-problem" role="alert">{t(PROBLEM[problem])}</p>}
      </form>
    </section>
  );
}
