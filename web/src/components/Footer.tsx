// Site footer: what runs the portal and where the API lives.
import { useI18n } from '../i18n/i18n.tsx';

export const API_DOCS_URL = '/docs/api';

export function Footer() {
  const { t } = useI18n();
  return (
    <footer className="site-footer">
      <p>{t('app.poweredBy')} · <a href={API_DOCS_URL}>{t('app.apiDocs')}</a></p>
    </footer>
  );
}
