// Facet side panel: per facet, its values with counts; a click refines, the ⊘ button excludes.
// Used by the catalog and by dataset pages; state lives with the caller (the URL).
import { useState } from 'react';
import type { FacetGroup, FacetValue } from '../api/types.ts';
import { isPicked, type FacetPick } from '../state/filters.ts';
import { useI18n } from '../i18n/i18n.tsx';

interface Props {
  groups: FacetGroup[];
  labelOf: (facet: string) => string;
  valueLabel?: (facet: string, v: FacetValue) => string;
  refine: FacetPick[];
  exclude: FacetPick[];
  onRefine: (p: FacetPick) => void;
  onExclude: (p: FacetPick) => void;
  headingLevel?: 2 | 3;
}

const SHOWN = 8;

function FacetGroupView({ group, props }: { group: FacetGroup; props: Props }) {
  const { t, n } = useI18n();
  const [expanded, setExpanded] = useState(false);
  const values = expanded ? group.facets : group.facets.slice(0, SHOWN);
  const H = `h${props.headingLevel ?? 3}` as 'h2' | 'h3';
  const headingId = `facet-${group.name}`;
  return (
    <section className="facet-group" aria-labelledby={headingId}>
      <H id={headingId} className="facet-title">{props.labelOf(group.name)}</H>
      {values.length === 0 && <p className="muted">{t('facet.empty')}</p>}
      <ul className="facet-values">
        {values.map((v) => {
          const label = props.valueLabel?.(group.name, v) ?? v.name;
          const refined = isPicked(props.refine, group.name, v.value) || v.state === 'refined';
          const excluded = isPicked(props.exclude, group.name, v.value) || v.state === 'excluded';
          return (
            <li key={v.value} className={excluded ? 'excluded' : refined ? 'refined' : undefined}>
              <button type="button" className="facet-value" aria-pressed={refined}
                onClick={() => props.onRefine({ field: group.name, value: v.value })}>
                <span className="facet-name">{label}</span>
                {excluded ? <span className="facet-count">{t('facet.excluded')}</span>
                  : typeof v.count === 'number' && <span className="facet-count">{n(v.count)}</span>}
              </button>
              <button type="button" className="facet-exclude" aria-pressed={excluded}
                aria-label={t('facet.exclude', { value: label })} title={t('facet.exclude', { value: label })}
                onClick={() => props.onExclude({ field: group.name, value: v.value })}>⊘</button>
            </li>
          );
        })}
      </ul>
      {group.facets.length > SHOWN && (
        <button type="button" className="link-button" aria-expanded={expanded} onClick={() => setExpanded(!expanded)}>
          {expanded ? t('common.less') : t('common.more')}
        </button>
      )}
    </section>
  );
}

export function FacetPanel(props: Props) {
  return <div className="facet-panel">{props.groups.map((g) => <FacetGroupView key={g.name} group={g} props={props} />)}</div>;
}
