// What a harvest run would do (its preview, and the run's own to-do list): the remote datasets set
// against those an earlier run of the same source created. Pure: no I/O, the caller brings both lists.
import { validateDatasetId } from '../catalog/ids.ts';
import type { RemoteDataset } from './types.ts';

/** A dataset an earlier run of this source created, by the remote id it came from. */
export interface HarvestedLink { remoteId: string; datasetId: string; remoteModified: string | null }

export interface HarvestPlan {
  /** New remote datasets, each with the local id it will get (unique in the portal and the plan). */
  create: Array<{ remote: RemoteDataset; datasetId: string }>;
  /** Known remote datasets modified since the last run, or without a modification date to compare. */
  update: Array<{ remote: RemoteDataset; datasetId: string }>;
  unchanged: Array<{ remote: RemoteDataset; datasetId: string }>;
  /** Datasets of this source the remote no longer offers. */
  remove: HarvestedLink[];
  /** Remote datasets listed twice by the source (the first kept), by remote id. */
  duplicates: string[];
}

/** A dataset id from a remote title or id: lower-case ASCII, `-` between words, within 128 characters. */
export function slugOf(text: string): string {
  const slug = text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/[^a-z0-9_]+/g, '-').replace(/^[-_]+|-+$/g, '').slice(0, 100).replace(/-+$/, '');
  return slug || 'dataset';
}

/**
 * `taken` says whether a dataset id is already used in the portal (by anything: harvested from another
 * source or not). An id in use gets `-2`, `-3`, … so a harvest never overwrites a dataset it did not create.
 */
export function planHarvest(remote: RemoteDataset[], known: HarvestedLink[], taken: (datasetId: string) => boolean, prefix = ''): HarvestPlan {
  const byRemote = new Map(known.map((k) => [k.remoteId, k]));
  const plan: HarvestPlan = { create: [], update: [], unchanged: [], remove: [], duplicates: [] };
  const seen = new Set<string>();
  const planned = new Set<string>();
  for (const r of remote) {
    if (seen.has(r.remoteId)) { plan.duplicates.push(r.remoteId); continue; }
    seen.add(r.remoteId);
    const link = byRemote.get(r.remoteId);
    if (!link) {
      const datasetId = freeId(prefix + slugOf(r.title || r.remoteId), (id) => taken(id) || planned.has(id));
      planned.add(datasetId);
      plan.create.push({ remote: r, datasetId });
    } else if (!r.modified || !link.remoteModified || r.modified !== link.remoteModified) {
      plan.update.push({ remote: r, datasetId: link.datasetId });
    } else {
      plan.unchanged.push({ remote: r, datasetId: link.datasetId });
    }
  }
  plan.remove = known.filter((k) => !seen.has(k.remoteId));
  return plan;
}

function freeId(base: string, used: (id: string) => boolean): string {
  const stem = base.slice(0, 120).replace(/-+$/, '') || 'dataset';
  for (let n = 1; ; n++) {
    const id = n === 1 ? stem : `${stem}-${n}`;
    if (!used(id)) return validateDatasetId(id);
  }
}
