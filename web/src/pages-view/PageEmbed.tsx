// /embed/pages/{slug} and /embed/pages/{slug}/blocks/{blockId}: a page, or one of its blocks, with
// the URL's filter picks and no portal chrome, to live in another site's iframe.
import { useI18n } from '../i18n/i18n.tsx';
import { useSearchParams } from '../app/url-state.ts';
import { useDocumentTitle } from '../app/title.ts';
import { pageHref } from '../app/routes.ts';
import { ErrorBox, Loading } from '../components/States.tsx';
import { usePage } from './use-page.ts';
import { BlockFrame } from './BlockFrame.tsx';
import { DraftBanner, isMissing, PageGrid, PageHead, PageProvider, usePageFilterCtx } from './PageBody.tsx';

export default function PageEmbed({ slug, blockId }: { slug: string; blockId?: string }) {
  const { t } = useI18n();
  const [sp] = useSearchParams();
  const draft = sp.get('preview') === 'draft';
  const { page, error } = usePage(slug, draft);
  const ctx = usePageFilterCtx(slug, page?.content, true);
  const block = blockId ? page?.content.blocks.find((b) => b.id === blockId) : undefined;
  useDocumentTitle(block?.title || page?.content.title);
  if (error) return <main className="embed" id="content"><h1>{isMissing(error) ? t('page.notFound') : t('common.error')}</h1>{!isMissing(error) && <ErrorBox error={error} />}</main>;
  if (!page) return <main className="embed" id="content"><Loading /></main>;
  const full = <a href={pageHref(slug, ctx.filterSearch)} target="_blank" rel="noopener">{t('page.openFull', { title: page.content.title })}</a>;
  return (
    <PageProvider value={ctx}>
      <main className="embed page-embed" id="content" data-page={page.slug}>
        {draft && <DraftBanner />}
        {blockId ? (
          block ? (
            <>
              <div className="page-grid page-grid-single"><BlockFrame block={block} headingLevel={1} single /></div>
              <p className="embed-source small">{full}</p>
            </>
          ) : <><h1>{t('page.blockNotFound')}</h1><p>{full}</p></>
        ) : (
          <>
            <PageHead content={page.content}><p className="small">{full}</p></PageHead>
            <PageGrid content={page.content} ctx={ctx} />
          </>
        )}
      </main>
    </PageProvider>
  );
}
