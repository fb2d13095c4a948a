// Loads a page from the readers' API (GET /api/agora/v1/pages/{slug}, with the reader's cookies);
// `?preview=draft` in the URL asks for the draft (`?version=draft`: editors only), never cached.
import { useEffect, useState } from 'react';
import { buildUrl, getJson } from '../api/client.ts';
import type { PageBody } from '../api/page-model.ts';

export const PAGES_API = '/api/agora/v1/pages';

export function pageApiUrl(slug: string, draft: boolean): string {
  return buildUrl(`${PAGES_API}/${encodeURIComponent(slug)}`, draft ? [['version', 'draft']] : []);
}

export function usePage(slug: string, draft: boolean): { page?: PageBody; error?: Error } {
  const url = pageApiUrl(slug, draft);
  const [state, setState] = useState<{ url: string; page?: PageBody; error?: Error }>({ url: '' });
  useEffect(() => {
    const ctrl = new AbortController();
    getJson<PageBody>(url, ctrl.signal, !draft).then(
      (page) => { if (!ctrl.signal.aborted) setState({ url, page }); },
      (error: Error) => { if (!ctrl.signal.aborted) setState({ url, error }); },
    );
    return () => ctrl.abort();
  }, [url]);
  return state.url === url ? state : {};
}
