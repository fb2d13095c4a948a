// The back office: picks the page for a path under /admin (or /signin), asks for sign-in first,
// and shows the back-office navigation. Loaded lazily; talks only to the public HTTP API.
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { canManageDomain } from './api.ts';
import { useSession } from './session.ts';
import { useAdminI18n } from './messages.ts';
import { Link } from '../components/Link.tsx';
import { Loading } from '../components/States.tsx';
import { NotFoundPage } from '../pages/NotFoundPage.tsx';
import { SignInPage } from './SignInPage.tsx';
import { DatasetsPage } from './DatasetsPage.tsx';
import { DatasetEditPage } from './DatasetEditPage.tsx';
import { UsersPage } from './UsersPage.tsx';
import { KeysPage } from './KeysPage.tsx';
import { AuditPage } from './AuditPage.tsx';
import { UploadPage } from './UploadPage.tsx';
import { DataUpdate } from './DataUpdate.tsx';
import { ForgotPasswordPage, ResetPasswordPage } from './PasswordReset.tsx';
import { BrandingPage } from './BrandingPage.tsx';
import { HarvestPage } from './HarvestPage.tsx';
import { HarvesterPage } from './HarvesterPage.tsx';
import { useHarvestI18n } from './harvest-messages.ts';
import { ReusesPage } from './ReusesPage.tsx';
import { useReusesI18n } from './reuses-messages.ts';
import { useEditorI18n } from './editor-messages.ts';
import { usePagesI18n } from './pages/messages.ts';
// The page editor is its own chunk: loaded when a page of /admin/pages is opened.
const PagesListPage = lazy(() => import('./pages/PagesListPage.tsx').then((m) => ({ default: m.PagesListPage })));
const PageCreatePage = lazy(() => import('./pages/PageCreatePage.tsx').then((m) => ({ default: m.PageCreatePage })));
const PageEditPage = lazy(() => import('./pages/PageEditPage.tsx').then((m) => ({ default: m.PageEditPage })));
import './admin.css';

type AdminPage = { page: 'pages' } | { page: 'page-new' } | { page: 'page'; uid: string } | { page: 'datasets' } | { page: 'new' } | { page: 'dataset'; uid: string } | { page: 'data'; uid: string } | { page: 'users' } | { page: 'keys' } | { page: 'audit' } | { page: 'branding' } | { page: 'harvest' } | { page: 'harvester'; uid: string } | { page: 'reuses' } | { page: 'none' }
  | { page: 'forgot' } | { page: 'reset' };

export function adminPage(path: string): AdminPage {
  const p = path.replace(/\/+$/, '') || '/';
  if (p === '/') return { page: 'datasets' };
  const m = /^\/datasets\/([^/]+)$/.exec(p);
  if (m) return { page: 'dataset', uid: decodeURIComponent(m[1]) };
  const data = /^\/datasets\/([^/]+)\/data$/.exec(p);
  if (data) return { page: 'data', uid: decodeURIComponent(data[1]) };
  if (p === '/new') return { page: 'new' };
  if (p === '/pages') return { page: 'pages' };
  if (p === '/pages/new') return { page: 'page-new' };
  const pg = /^\/pages\/([^/]+)$/.exec(p);
  if (pg) return { page: 'page', uid: decodeURIComponent(pg[1]) };
  if (p === '/users') return { page: 'users' };
  if (p === '/apikeys') return { page: 'keys' };
  if (p === '/audit') return { page: 'audit' };
  if (p === '/branding') return { page: 'branding' };
  if (p === '/harvest') return { page: 'harvest' };
  const hv = /^\/harvest\/([^/]+)$/.exec(p);
  if (hv) return { page: 'harvester', uid: decodeURIComponent(hv[1]) };
  if (p === '/reuses') return { page: 'reuses' };
  if (p === '/forgot-password') return { page: 'forgot' };
  if (p === '/reset-password') return { page: 'reset' };
  return { page: 'none' };
}

function AdminNav({ isAdmin, isSiteAdmin, pageEditor, harvester, current }: { isAdmin: boolean; isSiteAdmin: boolean; pageEditor: boolean; harvester: boolean; current: AdminPage['page'] }) {
  const { t } = useAdminI18n();
  const editor = useEditorI18n();
  const pages = usePagesI18n();
  const harvest = useHarvestI18n();
  const reuses = useReusesI18n();
  const items: Array<[AdminPage['page'], string, string]> = [['datasets', '/admin', t('nav.datasets')], ['new', '/admin/new', t('nav.new')]];
  if (pageEditor) items.push(['pages', '/admin/pages', pages.t('nav')]);
  if (harvester) items.push(['harvest', '/admin/harvest', harvest.t('hv.nav')]);
  items.push(['reuses', '/admin/reuses', reuses.t('ru.nav')]);
  if (isAdmin) items.push(['users', '/admin/users', t('nav.users')]);
  items.push(['keys', '/admin/apikeys', t('nav.keys')]);
  if (isAdmin) items.push(['audit', '/admin/audit', t('nav.audit')]);
  if (isSiteAdmin) items.push(['branding', '/admin/branding', editor.t('brand.nav')]);
  return (
    <nav aria-label={t('nav.label')} className="admin-nav">
      <ul>
        {items.map(([page, href, label]) => (
          <li key={page}><Link href={href} aria-current={current === page || (page === 'datasets' && (current === 'dataset' || current === 'data')) || (page === 'pages' && (current === 'page' || current === 'page-new')) || (page === 'harvest' && current === 'harvester') ? 'page' : undefined}>{label}</Link></li>
        ))}
      </ul>
    </nav>
  );
}

export default function AdminApp({ path }: { path: string }) {
  const session = useSession();
  const { t } = useAdminI18n();
  const heading = useRef<HTMLDivElement>(null);
  // Admins, and holders of edit_domain (asked once to the API), manage accounts and read the audit log.
  const [domainEditor, setDomainEditor] = useState(false);
  const signedIn = session.status === 'signed-in' ? session.username : null;
  const admin = session.status === 'signed-in' && session.is_admin;
  const perms = session.status === 'signed-in' ? session.permissions : [];
  const pageRights = { editor: admin || perms.includes('create_page') || perms.includes('edit_page'), manager: admin || perms.includes('manage_page') };
  // Harvesters need both permissions (as the API checks).
  const harvester = admin || (perms.includes('create_dataset') && perms.includes('publish_dataset'));
  useEffect(() => {
    if (!signedIn) return;
    if (admin) { setDomainEditor(true); return; }
    let live = true;
    void canManageDomain().then((ok) => { if (live) setDomainEditor(ok); });
    return () => { live = false; };
  }, [signedIn, admin]);
  const route = adminPage(path);
  const open = route.page === 'forgot' || route.page === 'reset';
  useEffect(() => { if (path !== '/signin' && !open) document.title = t('nav.label'); }, [path, t, open]);
  if (path === '/signin') return <SignInPage />;
  // Forgotten-password pages need no session.
  if (route.page === 'forgot') return <ForgotPasswordPage />;
  if (route.page === 'reset') return <ResetPasswordPage />;
  if (session.status === 'unknown') return <Loading />;
  if (session.status === 'anonymous') return <SignInPage message={t('signin.needed')} />;
  if (route.page === 'none') return <NotFoundPage />;
  return (
    <div className="page admin" ref={heading}>
      <AdminNav isAdmin={domainEditor} isSiteAdmin={admin} pageEditor={pageRights.editor} harvester={harvester} current={route.page} />
      {route.page === 'datasets' && <DatasetsPage />}
      {route.page === 'dataset' && <DatasetEditPage key={route.uid} uid={route.uid} />}
      {route.page === 'data' && <DataUpdate key={route.uid} uid={route.uid} />}
      {route.page === 'new' && <UploadPage />}
      {route.page === 'users' && <UsersPage />}
      {route.page === 'keys' && <KeysPage />}
      {route.page === 'audit' && <AuditPage />}
      {route.page === 'branding' && <BrandingPage />}
      {route.page === 'harvest' && <HarvestPage />}
      {route.page === 'harvester' && <HarvesterPage key={route.uid} uid={route.uid} />}
      {route.page === 'reuses' && <ReusesPage />}
      {(route.page === 'pages' || route.page === 'page-new' || route.page === 'page') && (
        <Suspense fallback={<Loading />}>
          {route.page === 'pages' && <PagesListPage />}
          {route.page === 'page-new' && <PageCreatePage />}
          {route.page === 'page' && <PageEditPage key={route.uid} uid={route.uid} manager={pageRights.manager} />}
        </Suspense>
      )}
    </div>
  );
}
