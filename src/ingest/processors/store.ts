// Each dataset's pipeline (its processors in order) and the sample that previews start from (the
// first 20 records that entered the pipeline at the last publish, with their fields), in tables of
// the embedded store beside the catalog, with an in-memory copy. One store per catalog, opened on
// first use; a deleted dataset's rows go with it. Every write is one transaction, bound parameters.
import type { Catalog } from '../../catalog/index.ts';
import type { Backend } from '../../storage/backend.ts';
import type { PField, ProcessorConfig, Rec } from './types.ts';

const T = { pipes: 'agora_dataset_processors', samples: 'agora_processor_samples' } as const;
export const SAMPLE_SIZE = 20;

export interface Sample { fields: PField[]; records: Rec[] }

export class ProcessorStore {
  private pipes = new Map<string, ProcessorConfig[]>();
  private samples = new Map<string, Sample>();
  constructor(private readonly backend: Backend) {}

  async open(): Promise<void> {
    await this.backend.write(async (tx) => {
      await tx.exec(`CREATE TABLE IF NOT EXISTS ${T.pipes} (dataset_uid VARCHAR NOT NULL, pipeline VARCHAR NOT NULL)`);
      await tx.exec(`CREATE TABLE IF NOT EXISTS ${T.samples} (dataset_uid VARCHAR NOT NULL, sample VARCHAR NOT NULL)`);
    });
    for (const r of await this.backend.query(`SELECT * FROM ${T.pipes}`)) this.pipes.set(String(r.dataset_uid), JSON.parse(String(r.pipeline)) as ProcessorConfig[]);
    for (const r of await this.backend.query(`SELECT * FROM ${T.samples}`)) this.samples.set(String(r.dataset_uid), JSON.parse(String(r.sample)) as Sample);
  }

  uids(): string[] { return [...new Set([...this.pipes.keys(), ...this.samples.keys()])]; }
  pipeline(datasetUid: string): ProcessorConfig[] { return structuredClone(this.pipes.get(datasetUid) ?? []); }
  sample(datasetUid: string): Sample | null { return this.samples.get(datasetUid) ?? null; }

  /** Replaces the whole pipeline (add, update, remove and reorder all go through here). */
  async putPipeline(datasetUid: string, pipeline: ProcessorConfig[]): Promise<void> {
    await this.replace(T.pipes, datasetUid, pipeline.length ? JSON.stringify(pipeline) : null);
    if (pipeline.length) this.pipes.set(datasetUid, structuredClone(pipeline));
    else this.pipes.delete(datasetUid);
  }

  async putSample(datasetUid: string, sample: Sample | null): Promise<void> {
    if (sample === null && !this.samples.has(datasetUid)) return;
    await this.replace(T.samples, datasetUid, sample ? JSON.stringify(sample) : null);
    if (sample) this.samples.set(datasetUid, sample);
    else this.samples.delete(datasetUid);
  }

  async forget(datasetUid: string): Promise<void> {
    await this.putPipeline(datasetUid, []);
    await this.putSample(datasetUid, null);
  }

  private async replace(table: string, uid: string, json: string | null): Promise<void> {
    await this.backend.write(async (tx) => {
      await tx.exec(`DELETE FROM ${table} WHERE dataset_uid = ?`, [uid]);
      if (json !== null) await tx.exec(`INSERT INTO ${table} VALUES (?, ?)`, [uid, json]);
    });
  }
}

const stores = new WeakMap<Catalog, Promise<ProcessorStore>>();

/** The catalog's processor store, opened once; it forgets the pipelines of deleted datasets. */
export function processorStore(catalog: Catalog): Promise<ProcessorStore> {
  let s = stores.get(catalog);
  if (!s) {
    s = (async () => {
      const store = new ProcessorStore(catalog.backend);
      await store.open();
      const uids = new Map(catalog.list().map((d) => [d.dataset_id, d.dataset_uid]));
      // A dataset deleted while no store was open (e.g. by another process) leaves its rows: they go now.
      const live = new Set(uids.values());
      for (const uid of store.uids()) if (!live.has(uid)) await store.forget(uid);
      catalog.onChange(async (ds, id) => {
        if (ds) { uids.set(id, ds.dataset_uid); return; }
        const uid = uids.get(id);
        uids.delete(id);
        if (uid) await store.forget(uid);
      });
      return store;
    })();
    stores.set(catalog, s);
  }
  return s;
}
