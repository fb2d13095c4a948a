// /pages/{slug}: a dashboard or data story inside the portal's chrome (lazy chunk). `?preview=draft`
// shows the draft to an editor, under a visible banner. 404 (or no right to read) shows "Page not found".
import { useI18n } from '../i18n/i18n.tsx';
import { usePortal } from '../app/portal.tsx';
import { useSearchParams } from '../app/url-state.ts';
import { useDocumentTitle } from '../app/title.ts';
import { formatDate } from '../format/format.ts';
import { ErrorBox, Loading } from '../components/States.tsx';
import { Link } from '../components/Link.tsx';
import { usePage } from './use-page.ts';
import { DraftBanner, isMissing, PageGrid, PageHead, PageProvider, usePageFilterCtx } from './PageBody.tsx';

export default function PageView({ slug }: { slug: string }) {
  const { t, lang } = useI18n();
  const portal = usePortal();
  const [sp] = useSearchParams();
  const draft = sp.get('preview') === 'draft';
  const { page, error } = usePage(slug, draft);
  const ctx = usePageFilterCtx(slug, page?.content, false);
  useDocumentTitle(page?.content.title ?? (error ? t('page.notFound') : undefined), portal.name);
  if (error) {
    return (
      <div className="page narrow">
        <h1>{isMissing(error) ? t('page.notFound') : t('common.error')}</h1>
        {isMissing(error) ? <p>{t('page.notFoundHelp')}</p> : <ErrorBox error={error} />}
        <p><Link href="/">{t('app.home')}</Link></p>
      </div>
    );
  }
  if (!page) return <div className="page"><Loading /></div>;
  return (
    <PageProvider value={ctx}>
      <div className="page page-view" data-page={page.slug}>
        {draft && <DraftBanner />}
        <PageHead content={page.content}>
          {page.published_at && !draft && <p className="muted small">{t('page.updated', { date: formatDate(lang, page.published_at) })}</p>}
        </PageHead>
        <PageGrid content={page.content} ctx={ctx} />
      </div>
    </PageProvider>
  );
}
