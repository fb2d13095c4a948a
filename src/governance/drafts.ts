// What a publisher prepares before publishing: uploaded files (kept under the data dir's staging
// folder by generated names), resources (an uploaded file or a URL) and field configurations, in
// tables of the embedded store. Plain storage with bound parameters; permissions live in authoring.ts.
import { randomBytes } from 'node:crypto';
import type { Backend, Row, SqlParam } from '../storage/backend.ts';

const T = { files: 'agora_upload_files', resources: 'agora_dataset_resources', fields: 'agora_field_configs' } as const;

export interface StoredFile { uid: string; datasetUid: string; filename: string; mimetype: string | null; size: number; created: string; path: string }
export interface StoredResource { uid: string; datasetUid: string; body: Record<string, unknown>; updated: string; position: number }
export interface StoredFieldConfig { uid: string; datasetUid: string; body: Record<string, unknown>; position: number }

/** A new identifier with ODS's prefixes (fi_, re_, fc_): letters and digits only, safe in a path. */
export function newUid(prefix: string): string {
  return `${prefix}_${randomBytes(9).toString('base64url').replace(/[^A-Za-z0-9]/g, 'x').toLowerCase()}`;
}

export class DraftStore {
  constructor(private readonly backend: Backend) {}

  async open(): Promise<void> {
    await this.backend.write(async (tx) => {
      await tx.exec(`CREATE TABLE IF NOT EXISTS ${T.files} (uid VARCHAR NOT NULL, dataset_uid VARCHAR NOT NULL, filename VARCHAR NOT NULL,
        mimetype VARCHAR, size BIGINT NOT NULL, created VARCHAR NOT NULL, path VARCHAR NOT NULL)`);
      await tx.exec(`CREATE TABLE IF NOT EXISTS ${T.resources} (uid VARCHAR NOT NULL, dataset_uid VARCHAR NOT NULL, body VARCHAR NOT NULL,
        updated VARCHAR NOT NULL, position BIGINT NOT NULL)`);
      await tx.exec(`CREATE TABLE IF NOT EXISTS ${T.fields} (uid VARCHAR NOT NULL, dataset_uid VARCHAR NOT NULL, body VARCHAR NOT NULL, position BIGINT NOT NULL)`);
    });
  }

  async addFile(f: StoredFile): Promise<void> {
    await this.backend.write((tx) => tx.exec(`INSERT INTO ${T.files} VALUES (?, ?, ?, ?, ?, ?, ?)`,
      [f.uid, f.datasetUid, f.filename, f.mimetype, f.size, f.created, f.path]));
  }

  async file(datasetUid: string, uid: string): Promise<StoredFile | null> {
    const [r] = await this.backend.query(`SELECT * FROM ${T.files} WHERE dataset_uid = ? AND uid = ?`, [datasetUid, uid]);
    return r ? { uid: String(r.uid), datasetUid: String(r.dataset_uid), filename: String(r.filename), mimetype: r.mimetype === null ? null : String(r.mimetype),
      size: Number(r.size), created: String(r.created), path: String(r.path) } : null;
  }

  /** Forgets an uploaded file (a call that staged it failed); returns its path for the caller to remove. */
  async deleteFile(datasetUid: string, uid: string): Promise<string | null> {
    const f = await this.file(datasetUid, uid);
    if (f) await this.backend.write((tx) => tx.exec(`DELETE FROM ${T.files} WHERE dataset_uid = ? AND uid = ?`, [datasetUid, uid]));
    return f?.path ?? null;
  }

  async files(datasetUid: string): Promise<StoredFile[]> {
    const rows = await this.backend.query(`SELECT uid FROM ${T.files} WHERE dataset_uid = ?`, [datasetUid]);
    return (await Promise.all(rows.map((r) => this.file(datasetUid, String(r.uid))))).filter((f): f is StoredFile => f !== null);
  }

  async putResource(r: Omit<StoredResource, 'position'>): Promise<StoredResource> {
    const position = await this.putInPlace(T.resources, r.datasetUid, r.uid, (p) => [r.uid, r.datasetUid, JSON.stringify(r.body), r.updated, p]);
    return { ...r, position };
  }

  /** Writes a resource or field configuration row: an existing uid keeps its place in the dataset's
   *  list, a new one goes last. `values(position)` is the row in the table's column order. */
  private putInPlace(table: typeof T.resources | typeof T.fields, datasetUid: string, uid: string, values: (position: number) => SqlParam[]): Promise<number> {
    return this.backend.write(async (tx) => {
      const [old] = await tx.query(`SELECT position FROM ${table} WHERE dataset_uid = ? AND uid = ?`, [datasetUid, uid]);
      const [{ n }] = await tx.query(`SELECT COALESCE(MAX(position), 0) + 1 AS n FROM ${table} WHERE dataset_uid = ?`, [datasetUid]);
      const position = old ? Number(old.position) : Number(n);
      const row = values(position);
      await tx.exec(`DELETE FROM ${table} WHERE dataset_uid = ? AND uid = ?`, [datasetUid, uid]);
      await tx.exec(`INSERT INTO ${table} VALUES (${row.map(() => '?').join(', ')})`, row);
      return position;
    });
  }

  async resources(datasetUid: string): Promise<StoredResource[]> {
    const rows = await this.backend.query(`SELECT * FROM ${T.resources} WHERE dataset_uid = ? ORDER BY position`, [datasetUid]);
    return rows.map((r: Row) => ({ uid: String(r.uid), datasetUid: String(r.dataset_uid), body: JSON.parse(String(r.body)) as Record<string, unknown>,
      updated: String(r.updated), position: Number(r.position) }));
  }

  async deleteResource(datasetUid: string, uid: string): Promise<void> {
    await this.backend.write((tx) => tx.exec(`DELETE FROM ${T.resources} WHERE dataset_uid = ? AND uid = ?`, [datasetUid, uid]));
  }

  async putFieldConfig(c: Omit<StoredFieldConfig, 'position'>): Promise<StoredFieldConfig> {
    const position = await this.putInPlace(T.fields, c.datasetUid, c.uid, (p) => [c.uid, c.datasetUid, JSON.stringify(c.body), p]);
    return { ...c, position };
  }

  async fieldConfigs(datasetUid: string): Promise<StoredFieldConfig[]> {
    const rows = await this.backend.query(`SELECT * FROM ${T.fields} WHERE dataset_uid = ? ORDER BY position`, [datasetUid]);
    return rows.map((r: Row) => ({ uid: String(r.uid), datasetUid: String(r.dataset_uid), body: JSON.parse(String(r.body)) as Record<string, unknown>, position: Number(r.position) }));
  }

  async deleteFieldConfig(datasetUid: string, uid: string): Promise<void> {
    await this.backend.write((tx) => tx.exec(`DELETE FROM ${T.fields} WHERE dataset_uid = ? AND uid = ?`, [datasetUid, uid]));
  }

  /** Forgets everything prepared for a deleted dataset; returns the stored files' paths to remove. */
  async forgetDataset(datasetUid: string): Promise<string[]> {
    const paths = (await this.files(datasetUid)).map((f) => f.path);
    await this.backend.write(async (tx) => {
      for (const t of Object.values(T)) await tx.exec(`DELETE FROM ${t} WHERE dataset_uid = ?`, [datasetUid]);
    });
    return paths;
  }
}
