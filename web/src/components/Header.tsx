// Site header: portal logo and name, main navigation, sign-in state, language switch.
import { Link } from './Link.tsx';
import { usePortal } from '../app/portal.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { signOut, useSession } from '../admin/session.ts';
import { navigate } from '../app/router.ts';

function Account() {
  const { t } = useI18n();
  const session = useSession();
  if (session.status === 'unknown') return null;
  if (session.status === 'anonymous') {
    const here = window.location.pathname + window.location.search;
    const href = here === '/' || here.startsWith('/signin') ? '/signin' : `/signin?next=${encodeURIComponent(here)}`;
    return <div className="account"><Link href={href}>{t('app.signIn')}</Link></div>;
  }
  return (
    <div className="account">
      <span className="account-name">{t('app.signedInAs', { name: session.username })}</span>
      <Link href="/admin">{t('app.backOffice')}</Link>
      <button type="button" className="link-button account-out" onClick={() => { void signOut().then(() => navigate('/')); }}>{t('app.signOut')}</button>
    </div>
  );
}

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
        <Account />
        <LanguageSwitch />
      </div>
    </header>
  );
}
