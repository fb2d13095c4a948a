// A live dataset (feature "realtime"): listens to its record stream with the page's filters and, at
// most once a second, tells every view of the dataset to load again. Pausing closes the stream.
import { useEffect, useRef, useState } from 'react';
import type { ApiDataset } from '../../api/types.ts';
import { invalidateDataset } from '../../api/client.ts';
import { streamUrl } from '../../api/dataset.ts';
import type { Filters } from '../../state/filters.ts';

/** Views refresh at most this often, however fast records arrive. */
export const REFRESH_MS = 1000;

export interface LiveState {
  live: boolean;
  paused: boolean;
  setPaused: (p: boolean) => void;
  /** Records received since the page opened (or the last resume). */
  received: number;
  /** When the last record arrived. */
  lastAt: Date | null;
  connected: boolean;
}

export function isLive(ds: ApiDataset): boolean {
  return (ds.features ?? []).includes('realtime');
}

export function useLive(ds: ApiDataset, filters: Filters): LiveState {
  const live = isLive(ds);
  const [paused, setPaused] = useState(false);
  const [received, setReceived] = useState(0);
  const [lastAt, setLastAt] = useState<Date | null>(null);
  const [connected, setConnected] = useState(false);
  const url = live && !paused ? streamUrl(ds.dataset_id, filters) : null;
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    if (!url || typeof EventSource === 'undefined') return;
    const id = ds.dataset_id;
    const es = new EventSource(url);
    es.onopen = () => setConnected(true);
    es.onerror = () => setConnected(false);
    es.addEventListener('record', () => {
      setReceived((n) => n + 1);
      setLastAt(new Date());
      timer.current ??= setTimeout(() => { timer.current = null; invalidateDataset(id); }, REFRESH_MS);
    });
    return () => {
      es.close();
      setConnected(false);
      if (timer.current) { clearTimeout(timer.current); timer.current = null; invalidateDataset(id); }
    };
  }, [url, ds.dataset_id]);
  const pause = (p: boolean) => {
    setPaused(p);
    // Resuming shows what arrived meanwhile at once.
    if (!p) { setReceived(0); invalidateDataset(ds.dataset_id); }
  };
  return { live, paused, setPaused: pause, received, lastAt, connected };
}
