// Site header: portal logo and name, main navigation, language switch.
import { Link } from './Link.tsx';
import { usePortal } from '../app/portal.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { useI18n } from '../i18n/i18n.tsx';

export function Header() {
  const portal = usePortal();
  const { t } = useI18n();
  return (
    <header className="site-header">
      <div className="site-header-inner">
        <Link href="/" className="brand">
          {portal.logo && <img src={portal.logo} alt="" className="brand-logo" />}
          <span>{portal.name}</span>
        </Link>
        <nav aria-label={t('app.home')} className="site-nav">
          <Link href="/datasets">{t('app.datasets')}</Link>
        </nav>
        <LanguageSwitch />
      </div>
    </header>
  );
}
