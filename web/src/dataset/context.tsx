// The dataset being viewed and its shared filter state (kept in the URL), for every tab.
import { createContext, useContext } from 'react';
import type { ApiDataset } from '../api/types.ts';
import type { Filters } from '../state/filters.ts';
import type { LiveState } from './live/use-live.ts';

export interface DatasetView {
  ds: ApiDataset;
  filters: Filters;
  setFilters: (f: Filters) => void;
  labelOf: (field: string) => string;
  /** Record count with the current filters (undefined while loading). */
  count: number | undefined;
  /** Record count of the whole dataset. */
  total: number | undefined;
  /** The API's error when the current filters cannot run (e.g. a bad where). */
  countError: Error | undefined;
  /** True inside /embed/ pages (no chrome, links open the full page). */
  embedded: boolean;
  /** A real-time dataset's live updates (live false otherwise). */
  live: LiveState;
}

export const DatasetCtx = createContext<DatasetView | null>(null);

export function useDataset(): DatasetView {
  const v = useContext(DatasetCtx);
  if (!v) throw new Error('useDataset outside a dataset page');
  return v;
}
