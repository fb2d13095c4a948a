// The map's legend, its text twin too: the page's dataset with its colours (top categories and
// "Other", or classes with their ranges) and each added layer with a show/hide switch and removal.
import { useI18n } from '../../i18n/i18n.tsx';
import type { Colouring } from './classes.ts';
import { NO_VALUE_COLOUR, OTHER_COLOUR } from './classes.ts';
import type { Overlay } from './use-overlays.ts';

interface Props {
  title: string;
  colour: string;
  colouring: Colouring | null;
  fieldLabel: string;
  clustered: boolean;
  overlays: Overlay[];
  onToggle: (id: string) => void;
  onRemove: (id: string) => void;
  /** Added layers can be removed (the Map tab); a page's map keeps its layers. */
  removable?: boolean;
  /** Prefix of the legend's element ids, for several maps on one page. */
  idPrefix?: string;
}

function Swatch({ colour }: { colour: string }) {
  return <span className="legend-swatch" style={{ background: colour }} aria-hidden="true" />;
}

function Entry({ colour, label, count }: { colour: string; label: string; count?: string }) {
  return (
    <li className="legend-entry">
      <Swatch colour={colour} />
      <span className="legend-label">{label}</span>
      {count !== undefined && <span className="legend-count">{count}</span>}
    </li>
  );
}

function ColouringEntries({ c }: { c: Colouring }) {
  const { t, n } = useI18n();
  if (c.kind === 'category') {
    return (
      <ul className="legend-entries" data-colour-by={c.field}>
        {c.values.map((v) => <Entry key={v.value} colour={v.colour} label={v.value} count={n(v.count)} />)}
        {c.other > 0 && <Entry colour={OTHER_COLOUR} label={t('map.other')} count={n(c.other)} />}
      </ul>
    );
  }
  return (
    <ul className="legend-entries" data-colour-by={c.field}>
      {c.colours.map((colour, i) => (
        <Entry key={i} colour={colour} label={c.breaks.length === 2 && c.breaks[0] === c.breaks[1]
          ? n(c.breaks[0]) : t('map.range', { from: n(c.breaks[i]), to: n(c.breaks[i + 1]) })} />
      ))}
      {c.noValue > 0 && <Entry colour={NO_VALUE_COLOUR} label={t('map.noValue')} count={n(c.noValue)} />}
    </ul>
  );
}

export function MapLegend(p: Props) {
  const { t, n } = useI18n();
  return (
    <section className="map-legend" aria-labelledby={`${p.idPrefix ?? ''}map-legend-title`}>
      <h3 id={`${p.idPrefix ?? ''}map-legend-title`}>{t('map.legend')}</h3>
      <h4 className="legend-layer">
        {!p.colouring && <Swatch colour={p.colour} />}
        {p.colouring ? t('map.colouredBy', { title: p.title, field: p.fieldLabel }) : p.title}
      </h4>
      {p.colouring && <ColouringEntries c={p.colouring} />}
      {p.colouring && p.clustered && <p className="muted small">{t('map.colourZoomIn')}</p>}
      {p.overlays.length > 0 && (
        <ul className="legend-entries legend-overlays">
          {p.overlays.map((o) => {
            const title = o.ds?.metas.default.title || o.id;
            return (
              <li key={o.id} className="legend-entry" data-layer={o.id}>
                <Swatch colour={o.colour} />
                <label className="legend-label">
                  <input type="checkbox" checked={!o.hidden} onChange={() => p.onToggle(o.id)} /> {title}
                </label>
                {o.data && !o.hidden && <span className="legend-count">{n(o.data.count)}</span>}
                {p.removable !== false && <button type="button" className="link-button" aria-label={t('map.removeLayer', { title })} onClick={() => p.onRemove(o.id)}>
                  {t('map.remove')}
                </button>}
                {o.error && <span className="legend-error" role="alert">{o.error.message}</span>}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
