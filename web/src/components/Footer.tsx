// Site footer: the portal's own links (set in the back office's branding), what runs the portal
// and where the API lives.
import { useI18n } from '../i18n/i18n.tsx';
import { usePortal } from '../app/portal.tsx';

export const API_DOCS_URL = '/docs/api';

export function Footer() {
  const { t } = useI18n();
  const links = usePortal().footer_links ?? [];
  return (
    <footer className="site-footer">
      {links.length > 0 && (
        <ul className="footer-links">
          {links.map((l) => <li key={`${l.label} ${l.url}`}><a href={l.url} rel="noopener noreferrer">{l.label}</a></li>)}
        </ul>
      )}
      <p>{t('app.poweredBy')} · <a href={API_DOCS_URL}>{t('app.apiDocs')}</a></p>
    </footer>
  );
}
