// Pushed records through the dataset's processors before they are checked against its fields: the
// pipeline starts from the fields its last publish started from (the dataset's own when it had none).
// A processor error names the record by its index in the push; nothing of the push is stored.
import type { Catalog } from '../catalog/index.ts';
import type { Dataset } from '../core/types.ts';
import { isPlainObject } from '../core/types.ts';
import { pfield, planPipeline, portalContext, processorStore, runPipeline, type Rec } from '../ingest/processors/index.ts';
import { toPhysical } from './records.ts';

export async function processPushed(catalog: Catalog, ds: Dataset, records: unknown[]): Promise<unknown[]> {
  const store = await processorStore(catalog);
  const configs = store.pipeline(ds.dataset_uid);
  if (configs.length === 0) return records;
  records.forEach((r, i) => { if (!isPlainObject(r)) toPhysical(ds.fields, r, i); }); // names the record that is not an object
  const input = store.sample(ds.dataset_uid)?.fields ?? ds.fields.map(pfield);
  const planned = await planPipeline(configs, input, portalContext(catalog));
  return runPipeline(planned, records as Rec[], 0, 'the record at index').records;
}
