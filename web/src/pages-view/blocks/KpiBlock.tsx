// KPI block: one aggregate of the dataset (select=<value> under the block's where and the page's
// filters), formatted with its decimals and unit; with `compare`, the same aggregate over the
// latest full period of the date field holding data against the period before (kpi-logic.ts); with `target`,
// whether it is met and whether the trend goes the right way.
import { useI18n } from '../../i18n/i18n.tsx';
import { useApi } from '../../api/use-api.ts';
import { recordsUrl } from '../../api/dataset.ts';
import type { RecordList } from '../../api/types.ts';
import { NO_FILTERS } from '../../state/filters.ts';
import { odsqlField } from '../../state/odsql.ts';
import { parseApiDate } from '../../format/format.ts';
import { ErrorBox } from '../../components/States.tsx';
import type { MessageKey } from '../../i18n/en.ts';
import type { KpiBlock, KpiPeriod } from '../../api/page-model.ts';
import type { BlockProps } from '../registry.ts';
import { BlockWait } from '../BlockStates.tsx';
import { andWhere } from '../page-filters.ts';
import { ARROWS, changeBetween, formatChange, formatKpi, isoDay, judge, partialBefore, periodWindows, targetMet, type Window } from '../kpi-logic.ts';

function numberOf(body: RecordList | undefined, key: string): number | null {
  const v = body?.results[0]?.[key];
  if (v === null || v === undefined || v === '') return null;
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) ? n : null;
}

function windowClause(field: string, w: Window): string {
  const f = odsqlField(field);
  return `${f} >= date'${isoDay(w.from)}' AND ${f} < date'${isoDay(w.to)}'`;
}

/** A period's name: "February 2024", "2015", "4 Mar 2024", "week of 4 Mar 2024". */
export function periodName(lang: string, w: Window, period: KpiPeriod, weekOf: (date: string) => string): string {
  const opts: Intl.DateTimeFormatOptions = { timeZone: 'UTC' };
  if (period === 'year') opts.year = 'numeric';
  else if (period === 'month') { opts.month = 'long'; opts.year = 'numeric'; } else opts.dateStyle = 'medium';
  const text = new Intl.DateTimeFormat(lang, opts).format(w.from);
  return period === 'week' ? weekOf(text) : text;
}

function useValue(dataset: string, value: string, where: string) {
  return useApi<RecordList>(recordsUrl(dataset, { ...NO_FILTERS, where }, [['select', `${value} as v`]]));
}

function Comparison({ block, where }: { block: KpiBlock & { compare: NonNullable<KpiBlock['compare']> }; where: string }) {
  const { t, lang } = useI18n();
  const { date_field: field, period } = block.compare;
  const maxUrl = (w: string) => recordsUrl(block.dataset, { ...NO_FILTERS, where: w }, [['select', `max(${odsqlField(field)}) as latest`]]);
  const latestOf = (body: RecordList | undefined) => { const raw = body?.results[0]?.latest; return typeof raw === 'string' ? parseApiDate(raw) : null; };
  const first = useApi<RecordList>(maxUrl(where));
  const last = latestOf(first.data);
  const before = last ? partialBefore(last, period) : null;
  const second = useApi<RecordList>(before ? maxUrl(andWhere([where, `${odsqlField(field)} < date'${isoDay(before)}'`])) : null);
  const lastFull = before ? latestOf(second.data) : last;
  const latest = { error: first.error ?? second.error, loading: first.loading || (before !== null && second.loading) };
  const windows = lastFull ? periodWindows(lastFull, period) : null;
  const cur = useApi<RecordList>(windows ? recordsUrl(block.dataset, { ...NO_FILTERS, where: andWhere([where, windowClause(field, windows.current)]) }, [['select', `${block.value} as v`]]) : null);
  const prev = useApi<RecordList>(windows ? recordsUrl(block.dataset, { ...NO_FILTERS, where: andWhere([where, windowClause(field, windows.previous)]) }, [['select', `${block.value} as v`]]) : null);
  if (latest.error || cur.error || prev.error) return <ErrorBox error={(latest.error ?? cur.error ?? prev.error)!} />;
  if (latest.loading || (windows && (cur.loading || prev.loading))) return <BlockWait />;
  const a = numberOf(cur.data, 'v');
  const b = numberOf(prev.data, 'v');
  if (!windows || a === null || b === null) return <p className="kpi-change muted">{t('page.kpi.noCompare')}</p>;
  const change = changeBetween(a, b);
  const judgement = judge(change.arrow, block.target?.direction);
  const weekOf = (date: string) => t('page.kpi.weekOf', { date });
  return (
    <>
      <p className={`kpi-change kpi-${judgement}`} data-arrow={change.arrow} data-judgement={judgement}>
        <span className="kpi-arrow" aria-hidden="true">{ARROWS[change.arrow]}</span>{' '}
        {formatChange(lang, change, block.decimals, block.unit)} {t(`page.kpi.vs.${period}` as MessageKey)}
        {block.target && <> · <span className="kpi-judgement">{t(`page.kpi.trend.${judgement}` as MessageKey)}</span></>}
      </p>
      <p className="kpi-periods muted small">
        {t('page.kpi.periods', {
          current: periodName(lang, windows.current, period, weekOf), currentValue: formatKpi(lang, a, block.decimals, block.unit),
          previous: periodName(lang, windows.previous, period, weekOf), previousValue: formatKpi(lang, b, block.decimals, block.unit),
        })}
      </p>
    </>
  );
}

export function KpiBlockView({ block, where }: BlockProps<KpiBlock>) {
  const { t, lang } = useI18n();
  const w = where(block.dataset, block.where);
  const res = useValue(block.dataset, block.value, w);
  if (res.error) return <ErrorBox error={res.error} />;
  if (!res.data || res.loading) return <BlockWait />;
  const value = numberOf(res.data, 'v');
  const met = value !== null && block.target ? targetMet(value, block.target) : undefined;
  return (
    <div className="block-kpi">
      <p className="kpi-value" data-value={value ?? ''}>{value === null ? t('page.kpi.noValue') : formatKpi(lang, value, block.decimals, block.unit)}</p>
      {block.target && (
        <p className={`kpi-target ${met ? 'kpi-met' : 'kpi-missed'}`} data-target-met={met === undefined ? '' : String(met)}>
          {met !== undefined && <strong>{t(met ? 'page.kpi.targetMet' : 'page.kpi.targetNotMet')}</strong>}{met !== undefined && ' · '}
          {t(`page.kpi.target.${block.target.direction}` as MessageKey, { value: formatKpi(lang, block.target.value, undefined, block.unit) })}
        </p>
      )}
      {block.compare && value !== null && <Comparison block={{ ...block, compare: block.compare }} where={w} />}
    </div>
  );
}
