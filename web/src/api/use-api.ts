// React hook that loads one API URL, cancelling stale requests; null URL means "nothing to load".
import { useEffect, useState, useSyncExternalStore } from 'react';
import { cached, datasetOfUrl, epochOf, getJson, onEpoch } from './client.ts';

export interface Loadable<T> { data: T | undefined; error: Error | undefined; loading: boolean }

/** The data epoch of a dataset: it moves when a live dataset's records change (see client.ts). */
export function useDataEpoch(datasetId: string | null): number {
  return useSyncExternalStore(onEpoch, () => epochOf(datasetId));
}

export function useApi<T>(url: string | null): Loadable<T> {
  const initial = url ? cached<T>(url) : undefined;
  const [state, setState] = useState<Loadable<T> & { url: string | null }>(
    { url, data: initial, error: undefined, loading: !!url && initial === undefined });

  // A live dataset's new records move its epoch: its URLs load again (the old data stays shown meanwhile).
  const epoch = useDataEpoch(datasetOfUrl(url));
  useEffect(() => {
    if (!url) { setState({ url, data: undefined, error: undefined, loading: false }); return; }
    const hit = cached<T>(url);
    if (hit !== undefined) { setState({ url, data: hit, error: undefined, loading: false }); return; }
    const ctrl = new AbortController();
    setState((s) => ({ url, data: s.data, error: undefined, loading: true }));
    getJson<T>(url, ctrl.signal).then(
      (data) => { if (!ctrl.signal.aborted) setState({ url, data, error: undefined, loading: false }); },
      (error: Error) => { if (!ctrl.signal.aborted) setState({ url, data: undefined, error, loading: false }); },
    );
    return () => ctrl.abort();
  }, [url, epoch]);

  // While a new URL loads, keep the previous data (no flash of empty content).
  return { data: state.data, error: state.error, loading: state.loading || state.url !== url };
}
