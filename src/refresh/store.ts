// What scheduled refreshes keep in the embedded store: each dataset's schedules (cron text and the
// user whose permissions a run uses), the history of runs with their outcome, and the validators
// (ETag, Last-Modified) each source URL last answered. Plain storage with bound parameters.
import type { Backend, Row } from '../storage/backend.ts';

const T = { schedules: 'agora_refresh_schedules', runs: 'agora_refresh_runs', validators: 'agora_refresh_validators' } as const;
/** Runs kept per dataset (older ones are dropped as new ones are recorded). */
export const RUNS_KEPT = 200;

export interface Schedule { uid: string; datasetUid: string; cron: string; owner: string; created: string }

/** updated: new data published; unchanged: every source answered 304 (or the same validators); failed: the published data is untouched. */
export type Outcome = 'running' | 'updated' | 'unchanged' | 'failed';

export interface Run {
  uid: string; datasetUid: string;
  /** The schedule's uid, or "manual" for a refresh asked for through the API. */
  trigger: string;
  started: string; finished: string | null; outcome: Outcome; message: string | null;
  rows: number | null; attempts: number;
}

export interface Validators { etag: string | null; lastModified: string | null }

const runOf = (r: Row): Run => ({
  uid: String(r.uid), datasetUid: String(r.dataset_uid), trigger: String(r.trigger), started: String(r.started),
  finished: r.finished === null ? null : String(r.finished), outcome: String(r.outcome) as Outcome,
  message: r.message === null ? null : String(r.message), rows: r.rows === null ? null : Number(r.rows), attempts: Number(r.attempts),
});

export class RefreshStore {
  private schedules = new Map<string, Schedule>();
  constructor(private readonly backend: Backend) {}

  async open(): Promise<void> {
    await this.backend.write(async (tx) => {
      await tx.exec(`CREATE TABLE IF NOT EXISTS ${T.schedules} (uid VARCHAR NOT NULL, dataset_uid VARCHAR NOT NULL, cron VARCHAR NOT NULL, owner VARCHAR NOT NULL, created VARCHAR NOT NULL)`);
      await tx.exec(`CREATE TABLE IF NOT EXISTS ${T.runs} (uid VARCHAR NOT NULL, dataset_uid VARCHAR NOT NULL, trigger VARCHAR NOT NULL, started VARCHAR NOT NULL,
        finished VARCHAR, outcome VARCHAR NOT NULL, message VARCHAR, rows BIGINT, attempts INTEGER NOT NULL)`);
      await tx.exec(`CREATE TABLE IF NOT EXISTS ${T.validators} (dataset_uid VARCHAR NOT NULL, url VARCHAR NOT NULL, etag VARCHAR, last_modified VARCHAR)`);
      // A run still "running" when the process stopped did not finish: it is recorded as failed.
      await tx.exec(`UPDATE ${T.runs} SET outcome = 'failed', finished = started, message = 'the server stopped during the run' WHERE outcome = 'running'`);
    });
    for (const r of await this.backend.query(`SELECT * FROM ${T.schedules} ORDER BY created, uid`)) {
      this.schedules.set(String(r.uid), { uid: String(r.uid), datasetUid: String(r.dataset_uid), cron: String(r.cron), owner: String(r.owner), created: String(r.created) });
    }
  }

  allSchedules(): Schedule[] { return [...this.schedules.values()]; }
  schedulesOf(datasetUid: string): Schedule[] { return this.allSchedules().filter((s) => s.datasetUid === datasetUid); }

  async putSchedule(s: Schedule): Promise<void> {
    await this.backend.write(async (tx) => {
      await tx.exec(`DELETE FROM ${T.schedules} WHERE uid = ?`, [s.uid]);
      await tx.exec(`INSERT INTO ${T.schedules} VALUES (?, ?, ?, ?, ?)`, [s.uid, s.datasetUid, s.cron, s.owner, s.created]);
    });
    this.schedules.set(s.uid, s);
  }

  async deleteSchedule(uid: string): Promise<void> {
    await this.backend.write((tx) => tx.exec(`DELETE FROM ${T.schedules} WHERE uid = ?`, [uid]));
    this.schedules.delete(uid);
  }

  async putRun(r: Run): Promise<void> {
    await this.backend.write(async (tx) => {
      await tx.exec(`DELETE FROM ${T.runs} WHERE uid = ?`, [r.uid]);
      await tx.exec(`INSERT INTO ${T.runs} VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [r.uid, r.datasetUid, r.trigger, r.started, r.finished, r.outcome, r.message, r.rows, r.attempts]);
      await tx.exec(`DELETE FROM ${T.runs} WHERE dataset_uid = ? AND uid NOT IN (SELECT uid FROM ${T.runs} WHERE dataset_uid = ? ORDER BY started DESC, uid DESC LIMIT ${RUNS_KEPT})`,
        [r.datasetUid, r.datasetUid]);
    });
  }

  /** A dataset's runs, newest first. */
  async runsOf(datasetUid: string): Promise<Run[]> {
    return (await this.backend.query(`SELECT * FROM ${T.runs} WHERE dataset_uid = ? ORDER BY started DESC, uid DESC`, [datasetUid])).map(runOf);
  }

  /** When a schedule of the dataset last started a run (null: never; manual runs do not count). */
  async lastScheduledStart(datasetUid: string): Promise<string | null> {
    const [r] = await this.backend.query(`SELECT max(started) AS s FROM ${T.runs} WHERE dataset_uid = ? AND trigger <> 'manual'`, [datasetUid]);
    return r && r.s !== null ? String(r.s) : null;
  }

  async validators(datasetUid: string, url: string): Promise<Validators> {
    const [r] = await this.backend.query(`SELECT etag, last_modified FROM ${T.validators} WHERE dataset_uid = ? AND url = ?`, [datasetUid, url]);
    return { etag: r?.etag == null ? null : String(r.etag), lastModified: r?.last_modified == null ? null : String(r.last_modified) };
  }

  async putValidators(datasetUid: string, url: string, v: Validators): Promise<void> {
    await this.backend.write(async (tx) => {
      await tx.exec(`DELETE FROM ${T.validators} WHERE dataset_uid = ? AND url = ?`, [datasetUid, url]);
      await tx.exec(`INSERT INTO ${T.validators} VALUES (?, ?, ?, ?)`, [datasetUid, url, v.etag, v.lastModified]);
    });
  }

  /** Deleted datasets take their schedules, runs and validators with them. */
  async forget(liveUids: ReadonlySet<string>): Promise<void> {
    const known = await this.backend.query(Object.values(T).map((t) => `SELECT DISTINCT dataset_uid FROM ${t}`).join(' UNION '));
    const gone = known.map((r) => String(r.dataset_uid)).filter((u) => !liveUids.has(u));
    if (!gone.length) return;
    await this.backend.write(async (tx) => {
      for (const u of gone) for (const t of Object.values(T)) await tx.exec(`DELETE FROM ${t} WHERE dataset_uid = ?`, [u]);
    });
    for (const u of gone) for (const s of this.schedulesOf(u)) this.schedules.delete(s.uid);
  }
}
