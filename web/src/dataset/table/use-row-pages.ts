// Server paging for the virtual table: fetches 100-record pages on demand for one query,
// remembering loaded pages; a new query (filters, sort) starts afresh. A page's URL answers
// either a records list ({results}) or an export (a JSON array of the same records). On a live
// dataset, new records move its epoch: the pages in view load again while the old ones stay shown.
import { useCallback, useRef, useState, useSyncExternalStore } from 'react';
import { epochOf, getJson, onEpoch } from '../../api/client.ts';
import type { ApiRecord, RecordList } from '../../api/types.ts';

export const PAGE = 100;

type PageState = ApiRecord[] | Error;
/** `loadedAt`: the dataset epoch each page was loaded at. */
interface Pages { key: string; pages: Map<number, PageState>; loadedAt: Map<number, number> }

export function useRowPages(urlForPage: (offset: number) => string, queryKey: string, datasetId: string | null = null) {
  const epoch = useSyncExternalStore(onEpoch, () => epochOf(datasetId));
  const [state, setState] = useState<Pages>({ key: queryKey, pages: new Map(), loadedAt: new Map() });
  const flyingKey = `${queryKey}\u0000${epoch}`;
  const inFlight = useRef<{ key: string; pages: Set<number> }>({ key: flyingKey, pages: new Set() });
  const build = useRef(urlForPage);
  const currentKey = useRef(queryKey);
  build.current = urlForPage;
  currentKey.current = queryKey;
  if (inFlight.current.key !== flyingKey) inFlight.current = { key: flyingKey, pages: new Set() };
  const same = state.key === queryKey;
  const pages = same ? state.pages : new Map<number, PageState>();
  const loadedAt = same ? state.loadedAt : new Map<number, number>();

  const ensure = useCallback((first: number, last: number) => {
    const forKey = currentKey.current;
    const flying = inFlight.current;
    for (let p = Math.floor(first / PAGE); p <= Math.floor(last / PAGE); p++) {
      if (loadedAt.get(p) === epoch || flying.pages.has(p)) continue;
      flying.pages.add(p);
      const save = (v: PageState) => {
        if (currentKey.current !== forKey) return;
        setState((s) => {
          const keep = s.key === forKey;
          return { key: forKey, pages: new Map(keep ? s.pages : []).set(p, v), loadedAt: new Map(keep ? s.loadedAt : []).set(p, epoch) };
        });
      };
      getJson<RecordList | ApiRecord[]>(build.current(p * PAGE)).then((body) => save(Array.isArray(body) ? body : body.results), (err: Error) => save(err))
        .finally(() => flying.pages.delete(p));
    }
  }, [pages, loadedAt, epoch]);

  const row = (i: number): ApiRecord | Error | undefined => {
    const page = pages.get(Math.floor(i / PAGE));
    if (!page || page instanceof Error) return page;
    return page[i % PAGE];
  };
  const error = [...pages.values()].find((p): p is Error => p instanceof Error);
  return { ensure, row, error };
}
