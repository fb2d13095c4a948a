// Site header: portal logo and name, main navigation, sign-in state, language switch. On a narrow
// screen it stays one row: the sign-in links and the language switch move behind a menu button.
import { useEffect, useRef, useState } from 'react';
import { Link } from './Link.tsx';
import { usePortal } from '../app/portal.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { signOut, useSession } from '../admin/session.ts';
import { navigate, useLocationKey } from '../app/router.ts';

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

/** Open state of the narrow-screen menu: closed by Escape (focus back on the button), a click elsewhere, or a page change. */
function useMenu() {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const location = useLocationKey();
  useEffect(() => setOpen(false), [location]);
  useEffect(() => {
    if (!open) return;
    const inside = (n: EventTarget | null) => n instanceof Node && (!!panel.current?.contains(n) || !!button.current?.contains(n));
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      if (inside(document.activeElement)) button.current?.focus();
      setOpen(false);
    };
    const onDown = (e: PointerEvent) => { if (!inside(e.target)) setOpen(false); };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onDown);
    return () => { document.removeEventListener('keydown', onKey); document.removeEventListener('pointerdown', onDown); };
  }, [open]);
  return { open, toggle: () => setOpen((o) => !o), button, panel };
}

export function Header() {
  const portal = usePortal();
  const { t } = useI18n();
  const menu = useMenu();
  return (
    <header className="site-header">
      <div className="site-header-inner">
        <Link href="/" className="brand">
          {portal.logo && <img src={portal.logo} alt="" className="brand-logo" />}
          <span>{portal.name}</span>
        </Link>
        <nav aria-label={t('app.home')} className="site-nav">
          <Link href="/datasets">{t('app.datasets')}</Link>
          <Link href="/reuses">{t('app.reuses')}</Link>
        </nav>
        <button type="button" ref={menu.button} className="menu-toggle" aria-expanded={menu.open} aria-controls="site-menu" onClick={menu.toggle}>
          <span aria-hidden="true">☰</span><span className="menu-label">{t('app.menu')}</span>
        </button>
        <div id="site-menu" ref={menu.panel} className={menu.open ? 'site-menu open' : 'site-menu'}>
          <Account />
          <LanguageSwitch />
        </div>
      </div>
    </header>
  );
}
