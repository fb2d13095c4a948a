// The catalog: datasets, their fields and metadata, kept in the store beside the records, with an
// in-memory copy the analyzer and routes read. Publishing a new data version is one transaction.
import type { Backend, WriteTx } from '../storage/backend.ts';
import { shareChanges, type SharedCopy } from '../storage/changes.ts';
import type { Dataset, DatasetMetas, Field } from '../core/types.ts';
import { AgoraError } from '../core/errors.ts';
import { quoteIdent } from '../sql/quote.ts';
import { emptyMetas, sameMetas } from './metas.ts';
import { newDatasetUid, validateDatasetId } from './ids.ts';
import { computeCoverage, temporalFields } from './coverage.ts';

const TABLE = 'agora_datasets';

export type ChangeListener = (ds: Dataset | null, id: string, origin: 'local' | 'remote') => void | Promise<void>;

export interface NewVersion {
  datasetId: string;
  title?: string;
  table: string;
  fields: Field[];
  recordsCount: number;
  /** 'create' fails if the dataset exists; 'replace' and 'append' need it unless create is allowed. */
  mode: 'create' | 'replace' | 'append';
  /** Extra statements run inside the publishing transaction (e.g. an append's INSERT). */
  beforeCommit?: (tx: WriteTx) => Promise<void>;
  /** Flags of a dataset created by this version (default: published, not restricted); e.g. a draft. */
  initialFlags?: Partial<Pick<Dataset, 'is_published' | 'is_restricted'>>;
}

export class Catalog {
  private byId = new Map<string, Dataset>();
  private listeners: Array<ChangeListener> = [];
  private peers: SharedCopy | null = null;
  constructor(readonly backend: Backend) {}

  async open(): Promise<void> {
    await this.backend.write(async (tx) => {
      await tx.exec(`CREATE TABLE IF NOT EXISTS ${TABLE} (
        dataset_uid VARCHAR NOT NULL, dataset_id VARCHAR NOT NULL, table_name VARCHAR NOT NULL,
        fields VARCHAR NOT NULL, metas VARCHAR NOT NULL, is_restricted BOOLEAN NOT NULL DEFAULT false,
        is_published BOOLEAN NOT NULL DEFAULT true, created VARCHAR NOT NULL, data_version INTEGER NOT NULL)`);
      await tx.exec(`ALTER TABLE ${TABLE} ADD COLUMN IF NOT EXISTS is_live BOOLEAN DEFAULT false`);
    });
    await this.reload();
    await this.dropOrphans();
    await this.backfillCoverage();
    this.peers = await shareChanges(this.backend, 'agora_catalog', (id) => this.changedElsewhere(id));
  }

  /** Another process on this store changed a dataset (or, with null, may have changed any): read it
   *  again and tell the listeners, marked 'remote' (the store itself is already up to date). */
  private async changedElsewhere(id: string | null): Promise<void> {
    const before = new Set(this.byId.keys());
    if (id === null) await this.reload();
    else {
      const [row] = await this.backend.query(`SELECT * FROM ${TABLE} WHERE dataset_id = ?`, [id]);
      if (row) this.byId.set(id, rowToDataset(row));
      else this.byId.delete(id);
    }
    const ids = id === null ? new Set([...before, ...this.byId.keys()]) : [id];
    for (const x of ids) for (const l of this.listeners) await l(this.byId.get(x) ?? null, x, 'remote');
  }

  /** Datasets stored before temporal coverage was computed get it once (then at each data change). */
  private async backfillCoverage(): Promise<void> {
    const missing = this.list().filter((d) => d.metas.default.temporal_coverage === undefined);
    if (missing.length === 0) return;
    for (const d of missing) {
      // A table that cannot be read leaves the coverage unknown (null) rather than the catalog closed.
      d.metas.default.temporal_coverage = temporalFields(d.fields).length ? await computeCoverage(this.backend, d.table, d.fields).catch(() => null) : null;
    }
    await this.backend.write(async (tx) => { for (const d of missing) await upsert(tx, d); });
  }

  /** Drops record and staging tables that no dataset points to (left by a killed import). */
  private async dropOrphans(): Promise<void> {
    const live = new Set(this.list().map((d) => d.table));
    const tables = await this.backend.query(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND (table_name LIKE 'rec\\_%' ESCAPE '\\' OR table_name LIKE 'stg\\_%' ESCAPE '\\')");
    const orphans = tables.map((t) => String(t.table_name)).filter((t) => !live.has(t));
    if (orphans.length === 0) return;
    await this.backend.write(async (tx) => {
      for (const t of orphans) await tx.exec(`DROP TABLE IF EXISTS ${quoteIdent(t)}`);
    });
  }

  /** Called with the dataset (or null when deleted) after every change, made here ('local') or by
   *  another process on the same store ('remote'): caches subscribe here. */
  onChange(fn: ChangeListener): void { this.listeners.push(fn); }

  private async reload(): Promise<void> {
    const rows = await this.backend.query(`SELECT * FROM ${TABLE} ORDER BY dataset_id`);
    const map = new Map<string, Dataset>();
    for (const r of rows) map.set(String(r.dataset_id), rowToDataset(r));
    this.byId = map;
  }

  list(): Dataset[] { return [...this.byId.values()]; }
  find(datasetId: string): Dataset | undefined { return this.byId.get(datasetId); }
  findByUid(uid: string): Dataset | undefined { return this.list().find((d) => d.dataset_uid === uid); }
  get(datasetId: string): Dataset {
    const ds = this.byId.get(datasetId);
    if (!ds) throw new AgoraError('DATASET_NOT_FOUND', `Unknown dataset: ${datasetId}`, { dataset_id: datasetId });
    return ds;
  }

  /** Makes `v.table` the published data of the dataset in one transaction, then drops the old table. */
  async publishVersion(v: NewVersion): Promise<Dataset> {
    validateDatasetId(v.datasetId);
    const existing = this.byId.get(v.datasetId);
    if (existing && v.mode === 'create') {
      throw new AgoraError('DATASET_EXISTS', `Dataset "${v.datasetId}" already exists: use --replace to swap its data or --append to add rows.`);
    }
    const now = new Date().toISOString();
    let ds: Dataset;
    if (existing) {
      const metas = structuredClone(existing.metas);
      metas.default.records_count = v.recordsCount;
      if (metas.default.modified_updates_on_data_change !== false) metas.default.modified = now;
      metas.default.data_processed = now;
      if (v.title) metas.default.title = v.title;
      ds = { ...existing, table: v.table, fields: mergeFieldInfo(existing.fields, v.fields), metas, has_records: v.recordsCount > 0, data_version: existing.data_version + 1 };
    } else {
      const metas = emptyMetas(v.title ?? v.datasetId, now);
      metas.default.records_count = v.recordsCount;
      metas.default.data_processed = now;
      metas.dcat.issued = now;
      ds = {
        dataset_uid: newDatasetUid(), dataset_id: v.datasetId, table: v.table, fields: v.fields, metas,
        has_records: v.recordsCount > 0, is_restricted: v.initialFlags?.is_restricted ?? false,
        is_published: v.initialFlags?.is_published ?? true, created: now, data_version: 1,
      };
    }
    await this.backend.swap(async (tx) => {
      if (v.beforeCommit) await v.beforeCommit(tx);
      ds.metas.default.temporal_coverage = await computeCoverage(tx, ds.table, ds.fields);
      await upsert(tx, ds);
    }, existing && existing.table !== ds.table ? existing.table : null);
    this.byId.set(ds.dataset_id, ds);
    await this.emit(ds, ds.dataset_id);
    return ds;
  }

  /** Changes the records of published tables in place (real-time intake): `work` runs its statements
   *  and names the datasets it touched; in the same transaction each gets its new records_count, a
   *  new data_version (so caches drop their answers) and data_processed. All of it commits or none. */
  async writeLive(work: (tx: WriteTx) => Promise<Iterable<string>>): Promise<Dataset[]> {
    const changed = await this.backend.write(async (tx) => {
      const out: Dataset[] = [];
      const now = new Date().toISOString();
      for (const id of new Set(await work(tx))) {
        const ds = this.byId.get(id);
        if (!ds) continue;
        const [{ n }] = await tx.query(`SELECT count(*) AS n FROM ${quoteIdent(ds.table)}`);
        const metas = structuredClone(ds.metas);
        metas.default.records_count = Number(n);
        metas.default.data_processed = now;
        if (metas.default.modified_updates_on_data_change !== false) metas.default.modified = now;
        const next: Dataset = { ...ds, metas, has_records: Number(n) > 0, data_version: ds.data_version + 1 };
        await upsert(tx, next);
        out.push(next);
      }
      return out;
    });
    for (const ds of changed) {
      this.byId.set(ds.dataset_id, ds);
      await this.emit(ds, ds.dataset_id);
    }
    return changed;
  }

  /** Stores new metadata; one that changes nothing writes nothing. metadata_processed is the time of the
   *  change; `modified` follows it unless turned off (setting `modified` turns it off: catalog/metas.ts). */
  async updateMetas(datasetId: string, metas: DatasetMetas): Promise<Dataset> {
    const ds = this.get(datasetId);
    if (sameMetas(ds.metas, metas)) return ds;
    const next: Dataset = { ...ds, metas: structuredClone(metas) };
    next.metas.default.metadata_processed = new Date().toISOString();
    if (next.metas.default.modified_updates_on_metadata_change !== false) next.metas.default.modified = next.metas.default.metadata_processed;
    await this.backend.write((tx) => upsert(tx, next));
    this.byId.set(datasetId, next);
    await this.emit(next, datasetId);
    return next;
  }

  async updateFields(datasetId: string, fields: Field[]): Promise<Dataset> {
    const ds = this.get(datasetId);
    const next: Dataset = { ...ds, fields };
    await this.backend.write((tx) => upsert(tx, next));
    this.byId.set(datasetId, next);
    await this.emit(next, datasetId);
    return next;
  }

  async updateFlags(datasetId: string, flags: Partial<Pick<Dataset, 'is_restricted' | 'is_published' | 'is_live'>>): Promise<Dataset> {
    const next: Dataset = { ...this.get(datasetId), ...flags };
    await this.backend.write((tx) => upsert(tx, next));
    this.byId.set(datasetId, next);
    await this.emit(next, datasetId);
    return next;
  }

  async delete(datasetId: string): Promise<void> {
    const ds = this.get(datasetId);
    await this.backend.write(async (tx) => {
      await tx.exec(`DELETE FROM ${TABLE} WHERE dataset_uid = ?`, [ds.dataset_uid]);
      await tx.exec(`DROP TABLE IF EXISTS ${quoteIdent(ds.table)}`);
    });
    this.byId.delete(datasetId);
    await this.emit(null, datasetId);
  }

  private async emit(ds: Dataset | null, id: string): Promise<void> {
    for (const l of this.listeners) await l(ds, id, 'local');
    await this.peers?.changed(id);
  }
}

/** Keeps labels, descriptions and annotations a publisher set when the data is replaced. */
function mergeFieldInfo(old: Field[], fresh: Field[]): Field[] {
  const byName = new Map(old.map((f) => [f.name, f]));
  return fresh.map((f) => {
    const o = byName.get(f.name);
    return o && o.type === f.type ? { ...f, label: o.label, description: o.description, annotations: o.annotations } : f;
  });
}

async function upsert(tx: WriteTx, ds: Dataset): Promise<void> {
  await tx.exec(`DELETE FROM ${TABLE} WHERE dataset_uid = ?`, [ds.dataset_uid]);
  await tx.exec(`INSERT INTO ${TABLE} VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
    ds.dataset_uid, ds.dataset_id, ds.table, JSON.stringify(ds.fields), JSON.stringify(ds.metas),
    ds.is_restricted, ds.is_published, ds.created, ds.data_version, ds.is_live === true,
  ]);
}

function rowToDataset(r: Record<string, unknown>): Dataset {
  const metas = JSON.parse(String(r.metas)) as DatasetMetas;
  return {
    dataset_uid: String(r.dataset_uid), dataset_id: String(r.dataset_id), table: String(r.table_name),
    fields: JSON.parse(String(r.fields)) as Field[], metas, has_records: metas.default.records_count > 0,
    is_restricted: Boolean(r.is_restricted), is_published: Boolean(r.is_published), is_live: r.is_live === true, created: String(r.created),
    data_version: Number(r.data_version),
  };
}
