// What every block of a page shares: the page's slug, its filters and their current values, and
// whether it is shown inside an embed. Provided by PageView / PageEmbed; read by BlockFrame.
import { createContext, useContext } from 'react';
import type { PageFilter } from '../api/page-model.ts';
import type { FilterState } from './page-filters.ts';

export interface PageViewCtx {
  slug: string;
  filters: PageFilter[];
  state: FilterState;
  /** The query that keeps the filter picks (pf.*) for links and embeds. */
  filterSearch: URLSearchParams;
  embedded: boolean;
}

export const PageCtx = createContext<PageViewCtx | null>(null);

export function usePageCtx(): PageViewCtx {
  const v = useContext(PageCtx);
  if (!v) throw new Error('usePageCtx outside a page');
  return v;
}
