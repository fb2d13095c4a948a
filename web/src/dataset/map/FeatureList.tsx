// The keyboard-usable twin of the map: what is in view, as a list of buttons that open a
// feature's popup or zoom into a group of points.
import { useI18n } from '../../i18n/i18n.tsx';
import type { ViewData } from './map-data.ts';

const SHOWN = 50;

interface Props {
  data: ViewData | null;
  titleOf: (props: Record<string, unknown>, i: number) => string;
  onFeature: (i: number) => void;
  onCluster: (i: number) => void;
  interactive: boolean;
  /** Prefix of the list's element ids, for several maps on one page. */
  idPrefix?: string;
}

export function FeatureList({ data, titleOf, onFeature, onCluster, interactive, idPrefix = '' }: Props) {
  const { t, tp, n } = useI18n();
  const items = data?.mode === 'clusters' ? data.clusters.length : data?.features.length ?? 0;
  return (
    <section className="feature-list" aria-labelledby={`${idPrefix}map-list-title`}>
      <h3 id={`${idPrefix}map-list-title`}>{t('map.list')}</h3>
      {data && items === 0 && <p className="muted">{t('map.listEmpty')}</p>}
      {data && items > SHOWN && <p className="muted small">{t('map.showing', { shown: n(SHOWN), total: n(items) })}</p>}
      <ol>
        {data?.mode === 'features' && data.features.slice(0, SHOWN).map((f) => (
          <li key={f.id}>
            {interactive
              ? <button type="button" className="link-button" onClick={() => onFeature(f.id!)}>{titleOf(f.properties, f.id!)}</button>
              : <span>{titleOf(f.properties, f.id!)}</span>}
          </li>
        ))}
        {data?.mode === 'clusters' && [...data.clusters.entries()].sort((a, b) => b[1].count - a[1].count).slice(0, SHOWN).map(([i, c]) => (
          <li key={i}>
            {interactive
              ? <button type="button" className="link-button" onClick={() => onCluster(i)}>{tp('map.cluster', c.count)} ({t('map.zoomIn')})</button>
              : <span>{tp('map.cluster', c.count)}</span>}
          </li>
        ))}
      </ol>
    </section>
  );
}
