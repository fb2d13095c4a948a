// The "Live" indicator of a real-time dataset: a dot, how many records arrived, and Pause/Resume
// (aria-pressed). The state changes are announced; the running count is not (it would chatter).
import { useI18n } from '../../i18n/i18n.tsx';
import type { LiveState } from './use-live.ts';
import '../../styles/live.css';

export function LiveBadge({ live }: { live: LiveState }) {
  const { t, tp } = useI18n();
  if (!live.live) return null;
  return (
    <div className="live-badge" title={t('live.hint')}>
      <span className={`live-dot${live.paused ? ' paused' : ''}`} aria-hidden="true" />
      <span role="status" className="live-state">{live.paused ? t('live.paused') : t('live.on')}</span>
      {!live.paused && live.received > 0 && <span className="live-count">{tp('live.received', live.received)}</span>}
      <button type="button" className="live-toggle" aria-pressed={live.paused} onClick={() => live.setPaused(!live.paused)}>
        {live.paused ? t('live.resume') : t('live.pause')}
      </button>
    </div>
  );
}
