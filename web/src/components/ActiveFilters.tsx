// Chips for the active refinements, exclusions, search, where filter and ranges, each removable.
import { NO_FILTERS, type Filters } from '../state/filters.ts';
import { withoutRange } from '../state/ranges.ts';
import { rangeText } from '../dataset/ranges/range-labels.ts';
import { useI18n } from '../i18n/i18n.tsx';

interface Props {
  filters: Filters;
  labelOf: (field: string) => string;
  onChange: (f: Filters) => void;
}

export function ActiveFilters({ filters, labelOf, onChange }: Props) {
  const { t, lang } = useI18n();
  const chips: Array<{ key: string; text: string; remove: () => void; negative?: boolean }> = [];
  if (filters.q) chips.push({ key: 'q', text: `“${filters.q}”`, remove: () => onChange({ ...filters, q: '' }) });
  if (filters.where) chips.push({ key: 'where', text: filters.where, remove: () => onChange({ ...filters, where: '' }) });
  filters.refine.forEach((p, i) => chips.push({
    key: `r${i}`, text: `${labelOf(p.field)}: ${p.value}`,
    remove: () => onChange({ ...filters, refine: filters.refine.filter((_, j) => j !== i) }),
  }));
  filters.exclude.forEach((p, i) => chips.push({
    key: `e${i}`, text: `${labelOf(p.field)} ≠ ${p.value}`, negative: true,
    remove: () => onChange({ ...filters, exclude: filters.exclude.filter((_, j) => j !== i) }),
  }));
  (filters.ranges ?? []).forEach((r) => chips.push({
    key: `range.${r.field}`, text: rangeText(lang, r, labelOf(r.field)),
    remove: () => onChange({ ...filters, ranges: withoutRange(filters.ranges ?? [], r.field) }),
  }));
  if (!chips.length) return null;
  return (
    <div className="active-filters">
      <h2 className="visually-hidden">{t('dataset.activeFilters')}</h2>
      <ul>
        {chips.map((c) => (
          <li key={c.key} className={c.negative ? 'chip chip-negative' : 'chip'}>
            <span>{c.text}</span>
            <button type="button" aria-label={t('common.remove', { label: c.text })} onClick={c.remove}>×</button>
          </li>
        ))}
      </ul>
      {chips.length > 1 && (
        <button type="button" className="link-button" onClick={() => onChange(NO_FILTERS)}>
          {t('common.clearAll')}
        </button>
      )}
    </div>
  );
}
