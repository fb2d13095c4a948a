// The states a block shows besides its content: waiting for its data (class block-wait and
// aria-busy, which tools and benchmarks wait on), not available to this reader, failed.
import { useI18n } from '../i18n/i18n.tsx';
import { Loading } from '../components/States.tsx';

export function BlockWait() {
  return <div className="block-wait" aria-busy="true"><Loading /></div>;
}

export function NotAvailable() {
  const { t } = useI18n();
  return (
    <div className="block-denied" data-denied="true">
      <p><strong>{t('page.notAvailable')}</strong></p>
      <p className="muted small">{t('page.notAvailableHelp')}</p>
    </div>
  );
}
