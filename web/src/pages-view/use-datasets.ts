// Loads the descriptions of a block's datasets with the reader's cookies (the public catalog API):
// a dataset the reader may not see answers 401/403/404, and the block then shows none of its data.
import { useEffect, useState } from 'react';
import { ApiError, prefetchJson } from '../api/client.ts';
import { datasetUrl } from '../api/catalog.ts';
import type { ApiDataset } from '../api/types.ts';

export type DatasetsState =
  | { status: 'loading' }
  | { status: 'ready'; datasets: ApiDataset[] }
  | { status: 'denied' }
  | { status: 'error'; error: Error };

/** 401, 403 and 404 all mean "not for this reader": an unknown and a hidden dataset look alike. */
export function isDenied(e: unknown): boolean {
  return e instanceof ApiError && (e.status === 401 || e.status === 403 || e.status === 404);
}

export function useDatasets(ids: string[], enabled: boolean): DatasetsState {
  const key = ids.join('\n');
  const [state, setState] = useState<{ key: string; value: DatasetsState }>({ key: '', value: { status: 'loading' } });
  useEffect(() => {
    if (!enabled) return;
    if (!ids.length) { setState({ key, value: { status: 'ready', datasets: [] } }); return; }
    const ctrl = new AbortController();
    // One request per dataset for the whole page: the blocks over it share the load and its cached answer.
    Promise.all(ids.map((id) => prefetchJson<ApiDataset>(datasetUrl(id)))).then(
      (datasets) => { if (!ctrl.signal.aborted) setState({ key, value: { status: 'ready', datasets } }); },
      (error: Error) => {
        if (ctrl.signal.aborted) return;
        setState({ key, value: isDenied(error) ? { status: 'denied' } : { status: 'error', error } });
      },
    );
    return () => ctrl.abort();
  }, [key, enabled]);
  return state.key === key ? state.value : { status: 'loading' };
}
