// The URL as the single store of page state: read the query string, write a modified copy.
import { useCallback, useMemo } from 'react';
import { currentSearch, setSearch, useLocationKey } from './router.ts';

export function useSearchParams(): [URLSearchParams, (edit: (sp: URLSearchParams) => URLSearchParams | void, push?: boolean) => void] {
  const location = useLocationKey();
  const search = location.includes('?') ? location.slice(location.indexOf('?')) : '';
  const params = useMemo(() => new URLSearchParams(search), [search]);
  const update = useCallback((edit: (sp: URLSearchParams) => URLSearchParams | void, push = false) => {
    const sp = currentSearch();
    const next = edit(sp) ?? sp;
    setSearch(next, { replace: !push });
  }, []);
  return [params, update];
}
