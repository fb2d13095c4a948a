// Loads a dataset page's default chart data ahead of the page's own code (a small chunk the entry
// starts at boot): the dataset, its facts query, then the chart's queries, into the API client's
// cache, so the Information tab finds them answered. Only a head start: every failure is left to the page.
import { datasetUrl } from '../../api/catalog.ts';
import { prefetchJson } from '../../api/client.ts';
import type { ApiDataset, RecordList } from '../../api/types.ts';
import { NO_FILTERS } from '../../state/filters.ts';
import { defaultSpec } from './defaults.ts';
import { readFacts } from './facts.ts';
import { loadChartData } from './query.ts';
import { factsUrl } from './use-spec.ts';

export async function prefetchDefaultChart(datasetId: string): Promise<void> {
  const ds = await prefetchJson<ApiDataset>(datasetUrl(datasetId));
  const spec = defaultSpec(ds.fields, readFacts(ds, await prefetchJson<RecordList>(factsUrl(ds))));
  // The page's own filters are none (the caller checks the URL): the chart's URLs are the page's.
  if (spec) await loadChartData(ds, spec, { ...NO_FILTERS, ranges: [] });
}
