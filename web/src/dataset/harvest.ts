// A harvested dataset's provenance as the page reads it (metas.harvest), whether the dataset has data
// here at all (a metadata-only one has no fields), and links from a remote kept to http(s) only.
import type { ApiDataset, HarvestMetas } from '../api/types.ts';

export const harvestOf = (ds: ApiDataset): HarvestMetas | null => ds.metas.harvest ?? null;

/** Records to show: a dataset without fields (metadata only, or not loaded yet) has no table, map, chart, API or export. */
export const hasData = (ds: ApiDataset): boolean => ds.fields.length > 0;

/** The source's files, shown in place of the data views when the data is not here. */
export const sourceFiles = (ds: ApiDataset): HarvestMetas['files'] => (hasData(ds) ? [] : harvestOf(ds)?.files.filter((f) => safeHref(f.url)) ?? []);

/** A remote's URL as a link target, only when it is http(s): never javascript: or data: from another portal. */
export function safeHref(url: string | null | undefined): string | undefined {
  return typeof url === 'string' && /^https?:\/\//i.test(url.trim()) ? url.trim() : undefined;
}
