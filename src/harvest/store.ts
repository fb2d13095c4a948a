// What harvesting keeps in the store: the sources (ODS "harvesters": type, URL, options, schedule and
// the user whose permissions a run uses), the link of each harvested dataset to its remote id, and the
// history of runs with their counts and per-dataset errors. Plain storage with bound parameters.
import type { Backend, Row } from '../storage/backend.ts';

const T = { sources: 'agora_harvest_sources', links: 'agora_harvest_links', runs: 'agora_harvest_runs' } as const;
/** Runs kept per source (older ones are dropped as new ones are recorded). */
export const RUNS_KEPT = 100;

export interface HarvestSource {
  uid: string; type: string; name: string; url: string;
  /** The harvester's own options, checked against its declared ones. */
  options: Record<string, string>;
  /** Put before every new dataset id. */
  prefix: string;
  /** true: only metadata and links to the source's files; false: the data is imported too. */
  metadataOnly: boolean;
  /** Datasets the source no longer offers are deleted (true) or kept as they are (false). */
  deleteMissing: boolean;
  /** New datasets are created restricted. */
  restrict: boolean;
  /** Metadata set on every harvested dataset over the source's values: {default: {publisher: "…"}}. */
  forcedMetas: Record<string, Record<string, unknown>>;
  /** The remote portal's API key, sealed (core/secrets.ts): never stored, shown or logged in clear. */
  apiKey: string | null;
  /** ODS allows one schedule per harvester. */
  schedule: { uid: string; cron: string; timezone: string; created: string } | null;
  /** Who created or last changed the source: runs (scheduled ones too) use this user's permissions. */
  owner: string;
  created: string; updated: string;
}

export interface HarvestLink { sourceUid: string; remoteId: string; datasetUid: string; remoteModified: string | null }

/** done: the run went through (some datasets may have failed: see errors); failed: it could not list the
 *  source (nothing changed); aborted: cancelled or timed out (what it did before stays done). */
export type HarvestOutcome = 'running' | 'done' | 'failed' | 'aborted';

export interface HarvestRun {
  uid: string; sourceUid: string;
  /** "manual", or the schedule's uid. */
  trigger: string;
  started: string; finished: string | null; outcome: HarvestOutcome;
  /** The run's own error (listing the source failed, it timed out, …). */
  message: string | null;
  remote: number; created: number; updated: number; unchanged: number; removed: number;
  /** Remote id → what went wrong with that dataset (it was skipped or imported without its data). */
  errors: Record<string, string>;
}

const json = <T>(v: unknown, dflt: T): T => { try { return v === null || v === undefined ? dflt : JSON.parse(String(v)) as T; } catch { return dflt; } };
const strOrNull = (v: unknown) => (v === null || v === undefined ? null : String(v));

const sourceOf = (r: Row): HarvestSource => ({
  uid: String(r.uid), type: String(r.type), name: String(r.name), url: String(r.url), options: json(r.options, {}), prefix: String(r.prefix),
  metadataOnly: r.metadata_only === true, deleteMissing: r.delete_missing === true, restrict: r.restrict_datasets === true,
  forcedMetas: json(r.forced_metas, {}), apiKey: strOrNull(r.api_key), schedule: json(r.schedule, null), owner: String(r.owner), created: String(r.created), updated: String(r.updated),
});

const SOURCE_COLUMNS = 'uid, type, name, url, options, prefix, metadata_only, delete_missing, restrict_datasets, forced_metas, api_key, schedule, owner, created, updated';

const runOf = (r: Row): HarvestRun => ({
  uid: String(r.uid), sourceUid: String(r.source_uid), trigger: String(r.trigger), started: String(r.started), finished: strOrNull(r.finished),
  outcome: String(r.outcome) as HarvestOutcome, message: strOrNull(r.message), remote: Number(r.remote), created: Number(r.created),
  updated: Number(r.updated), unchanged: Number(r.unchanged), removed: Number(r.removed), errors: json(r.errors, {}),
});

export class HarvestStore {
  private sources = new Map<string, HarvestSource>();
  constructor(private readonly backend: Backend) {}

  async open(): Promise<void> {
    await this.backend.write(async (tx) => {
      await tx.exec(`CREATE TABLE IF NOT EXISTS ${T.sources} (uid VARCHAR NOT NULL, type VARCHAR NOT NULL, name VARCHAR NOT NULL, url VARCHAR NOT NULL,
        options VARCHAR NOT NULL, prefix VARCHAR NOT NULL, metadata_only BOOLEAN NOT NULL, delete_missing BOOLEAN NOT NULL, restrict_datasets BOOLEAN NOT NULL,
        forced_metas VARCHAR NOT NULL, schedule VARCHAR, owner VARCHAR NOT NULL, created VARCHAR NOT NULL, updated VARCHAR NOT NULL, api_key VARCHAR)`);
      await tx.exec(`ALTER TABLE ${T.sources} ADD COLUMN IF NOT EXISTS api_key VARCHAR`);
      await tx.exec(`CREATE TABLE IF NOT EXISTS ${T.links} (source_uid VARCHAR NOT NULL, remote_id VARCHAR NOT NULL, dataset_uid VARCHAR NOT NULL, remote_modified VARCHAR)`);
      await tx.exec(`CREATE TABLE IF NOT EXISTS ${T.runs} (uid VARCHAR NOT NULL, source_uid VARCHAR NOT NULL, trigger VARCHAR NOT NULL, started VARCHAR NOT NULL,
        finished VARCHAR, outcome VARCHAR NOT NULL, message VARCHAR, remote INTEGER NOT NULL, created INTEGER NOT NULL, updated INTEGER NOT NULL,
        unchanged INTEGER NOT NULL, removed INTEGER NOT NULL, errors VARCHAR NOT NULL)`);
      // A run still "running" when the process stopped did not finish: it is recorded as aborted.
      await tx.exec(`UPDATE ${T.runs} SET outcome = 'aborted', finished = started, message = 'the server stopped during the run' WHERE outcome = 'running'`);
    });
    for (const r of await this.backend.query(`SELECT * FROM ${T.sources} ORDER BY created, uid`)) this.sources.set(String(r.uid), sourceOf(r));
  }

  all(): HarvestSource[] { return [...this.sources.values()]; }
  get(uid: string): HarvestSource | undefined { return this.sources.get(uid); }

  async put(s: HarvestSource): Promise<void> {
    await this.backend.write(async (tx) => {
      await tx.exec(`DELETE FROM ${T.sources} WHERE uid = ?`, [s.uid]);
      await tx.exec(`INSERT INTO ${T.sources} (${SOURCE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
        s.uid, s.type, s.name, s.url, JSON.stringify(s.options), s.prefix, s.metadataOnly, s.deleteMissing, s.restrict,
        JSON.stringify(s.forcedMetas), s.apiKey, s.schedule ? JSON.stringify(s.schedule) : null, s.owner, s.created, s.updated,
      ]);
    });
    this.sources.set(s.uid, structuredClone(s));
  }

  /** The source, its links and its runs go; the datasets stay unless the caller deleted them first. */
  async delete(uid: string): Promise<void> {
    await this.backend.write(async (tx) => {
      for (const t of Object.values(T)) await tx.exec(`DELETE FROM ${t} WHERE ${t === T.sources ? 'uid' : 'source_uid'} = ?`, [uid]);
    });
    this.sources.delete(uid);
  }

  async links(sourceUid: string): Promise<HarvestLink[]> {
    return (await this.backend.query(`SELECT * FROM ${T.links} WHERE source_uid = ? ORDER BY remote_id`, [sourceUid])).map((r) => ({
      sourceUid: String(r.source_uid), remoteId: String(r.remote_id), datasetUid: String(r.dataset_uid), remoteModified: strOrNull(r.remote_modified),
    }));
  }

  /** The link that made a dataset, if a harvest made it. */
  async linkOf(datasetUid: string): Promise<HarvestLink | null> {
    const [r] = await this.backend.query(`SELECT * FROM ${T.links} WHERE dataset_uid = ?`, [datasetUid]);
    return r ? { sourceUid: String(r.source_uid), remoteId: String(r.remote_id), datasetUid: String(r.dataset_uid), remoteModified: strOrNull(r.remote_modified) } : null;
  }

  async putLink(l: HarvestLink): Promise<void> {
    await this.backend.write(async (tx) => {
      await tx.exec(`DELETE FROM ${T.links} WHERE source_uid = ? AND remote_id = ?`, [l.sourceUid, l.remoteId]);
      await tx.exec(`INSERT INTO ${T.links} VALUES (?, ?, ?, ?)`, [l.sourceUid, l.remoteId, l.datasetUid, l.remoteModified]);
    });
  }

  async deleteLink(sourceUid: string, remoteId: string): Promise<void> {
    await this.backend.write((tx) => tx.exec(`DELETE FROM ${T.links} WHERE source_uid = ? AND remote_id = ?`, [sourceUid, remoteId]));
  }

  /** Links to datasets deleted since (by anyone) go: a later run creates them again. */
  async forget(liveUids: ReadonlySet<string>): Promise<void> {
    const gone = (await this.backend.query(`SELECT DISTINCT dataset_uid FROM ${T.links}`)).map((r) => String(r.dataset_uid)).filter((u) => !liveUids.has(u));
    if (!gone.length) return;
    await this.backend.write(async (tx) => { for (const u of gone) await tx.exec(`DELETE FROM ${T.links} WHERE dataset_uid = ?`, [u]); });
  }

  async putRun(r: HarvestRun): Promise<void> {
    await this.backend.write(async (tx) => {
      await tx.exec(`DELETE FROM ${T.runs} WHERE uid = ?`, [r.uid]);
      await tx.exec(`INSERT INTO ${T.runs} VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
        r.uid, r.sourceUid, r.trigger, r.started, r.finished, r.outcome, r.message, r.remote, r.created, r.updated, r.unchanged, r.removed, JSON.stringify(r.errors),
      ]);
      await tx.exec(`DELETE FROM ${T.runs} WHERE source_uid = ? AND uid NOT IN (SELECT uid FROM ${T.runs} WHERE source_uid = ? ORDER BY started DESC, uid DESC LIMIT ${RUNS_KEPT})`,
        [r.sourceUid, r.sourceUid]);
    });
  }

  /** A source's runs, newest first. */
  async runsOf(sourceUid: string): Promise<HarvestRun[]> {
    return (await this.backend.query(`SELECT * FROM ${T.runs} WHERE source_uid = ? ORDER BY started DESC, uid DESC`, [sourceUid])).map(runOf);
  }

  /** When a schedule last started a run of the source (null: never; manual runs do not count). */
  async lastScheduledStart(sourceUid: string): Promise<string | null> {
    const [r] = await this.backend.query(`SELECT max(started) AS s FROM ${T.runs} WHERE source_uid = ? AND trigger <> 'manual'`, [sourceUid]);
    return r && r.s !== null && r.s !== undefined ? String(r.s) : null;
  }
}
