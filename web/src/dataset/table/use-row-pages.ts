// Server paging for the virtual table: fetches 100-record pages on demand for one query,
// remembering loaded pages; a new query (filters, sort) starts afresh. A page's URL answers
// either a records list ({results}) or an export (a JSON array of the same records).
import { useCallback, useRef, useState } from 'react';
import { getJson } from '../../api/client.ts';
import type { ApiRecord, RecordList } from '../../api/types.ts';

export const PAGE = 100;

type PageState = ApiRecord[] | Error;
interface Pages { key: string; pages: Map<number, PageState> }

export function useRowPages(urlForPage: (offset: number) => string, queryKey: string) {
  const [state, setState] = useState<Pages>({ key: queryKey, pages: new Map() });
  const inFlight = useRef<{ key: string; pages: Set<number> }>({ key: queryKey, pages: new Set() });
  const build = useRef(urlForPage);
  const currentKey = useRef(queryKey);
  build.current = urlForPage;
  currentKey.current = queryKey;
  if (inFlight.current.key !== queryKey) inFlight.current = { key: queryKey, pages: new Set() };
  const pages = state.key === queryKey ? state.pages : new Map<number, PageState>();

  const ensure = useCallback((first: number, last: number) => {
    const forKey = currentKey.current;
    const flying = inFlight.current;
    for (let p = Math.floor(first / PAGE); p <= Math.floor(last / PAGE); p++) {
      if (pages.has(p) || flying.pages.has(p)) continue;
      flying.pages.add(p);
      const save = (v: PageState) => {
        if (currentKey.current !== forKey) return;
        setState((s) => ({ key: forKey, pages: new Map(s.key === forKey ? s.pages : []).set(p, v) }));
      };
      getJson<RecordList | ApiRecord[]>(build.current(p * PAGE)).then((body) => save(Array.isArray(body) ? body : body.results), (err: Error) => save(err))
        .finally(() => flying.pages.delete(p));
    }
  }, [pages]);

  const row = (i: number): ApiRecord | Error | undefined => {
    const page = pages.get(Math.floor(i / PAGE));
    if (!page || page instanceof Error) return page;
    return page[i % PAGE];
  };
  const error = [...pages.values()].find((p): p is Error => p instanceof Error);
  return { ensure, row, error };
}
