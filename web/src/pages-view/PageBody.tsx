// What a page and its embed share: the filter state read from the URL and the context every block
// reads, the title and description, the filter bar and the 12-column grid of blocks.
import { useMemo, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { useSearchParams } from '../app/url-state.ts';
import { ApiError } from '../api/client.ts';
import type { PageContent } from '../api/page-model.ts';
import { PageCtx, type PageViewCtx } from './context.ts';
import { filterSearch, readPageFilters } from './page-filters.ts';
import { markdownHtml } from './blocks/TextBlock.tsx';
import { PageFilterBar } from './FilterBar.tsx';
import { BlockFrame } from './BlockFrame.tsx';
import './page-view.css';

export function usePageFilterCtx(slug: string, content: PageContent | undefined, embedded: boolean): PageViewCtx {
  const [sp] = useSearchParams();
  const filters = content?.filters ?? [];
  const key = [...sp].filter(([k]) => k.startsWith('pf.')).map(([k, v]) => `${k}=${v}`).join('&');
  return useMemo(() => ({ slug, filters, state: readPageFilters(filters, sp), filterSearch: filterSearch(sp), embedded }), [slug, content, key, embedded]);
}

export function PageProvider({ value, children }: { value: PageViewCtx; children: ReactNode }) {
  return <PageCtx.Provider value={value}>{children}</PageCtx.Provider>;
}

export function DraftBanner() {
  const { t } = useI18n();
  return <p className="draft-banner" role="status"><strong>{t('page.draft')}</strong> {t('page.draftHelp')}</p>;
}

export function PageHead({ content, children }: { content: PageContent; children?: ReactNode }) {
  const html = useMemo(() => markdownHtml(content.description ?? ''), [content.description]);
  return (
    <header className="page-view-head">
      <h1>{content.title}</h1>
      {html && <div className="page-view-desc prose" dangerouslySetInnerHTML={{ __html: html }} />}
      {children}
    </header>
  );
}

export function PageGrid({ content, ctx }: { content: PageContent; ctx: PageViewCtx }) {
  return (
    <>
      {content.filters.length > 0 && <PageFilterBar filters={content.filters} state={ctx.state} />}
      <div className="page-grid">
        {content.blocks.map((b) => <BlockFrame key={b.id} block={b} headingLevel={2} />)}
      </div>
    </>
  );
}

/** 401, 403 and 404 read alike: the page is not there for this reader. */
export function isMissing(e: Error): boolean {
  return e instanceof ApiError && [401, 403, 404].includes(e.status);
}
