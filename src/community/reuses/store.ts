// What reuses keep in the store: each reuse (title, links, Markdown description, who submitted it
// and when, its moderation) and the datasets it uses, by dataset uid, in the submitter's order.
// Plain storage with bound parameters; a reuse and its datasets are written in one transaction.
import type { Backend, Row } from '../../storage/backend.ts';

const T = { reuses: 'agora_reuses', datasets: 'agora_reuse_datasets' } as const;

export type ReuseStatus = 'pending' | 'approved' | 'rejected';
export const REUSE_STATUSES: readonly ReuseStatus[] = ['pending', 'approved', 'rejected'];

export interface Reuse {
  uid: string; title: string; url: string; imageUrl: string | null;
  /** Markdown as submitted; rendered and sanitised only when shown. */
  description: string;
  /** Dataset uids, in the submitter's order (a dataset deleted since is skipped when read). */
  datasetUids: string[];
  submittedBy: string; submittedAt: string;
  status: ReuseStatus; rejectReason: string | null; moderatedBy: string | null; moderatedAt: string | null;
}

const str = (v: unknown) => (v === null || v === undefined ? null : String(v));

const reuseOf = (r: Row, datasetUids: string[]): Reuse => ({
  uid: String(r.uid), title: String(r.title), url: String(r.url), imageUrl: str(r.image_url), description: String(r.description),
  datasetUids, submittedBy: String(r.submitted_by), submittedAt: String(r.submitted_at), status: String(r.status) as ReuseStatus,
  rejectReason: str(r.reject_reason), moderatedBy: str(r.moderated_by), moderatedAt: str(r.moderated_at),
});

export class ReuseStore {
  constructor(private readonly backend: Backend) {}

  async open(): Promise<void> {
    await this.backend.write(async (tx) => {
      await tx.exec(`CREATE TABLE IF NOT EXISTS ${T.reuses} (uid VARCHAR NOT NULL, title VARCHAR NOT NULL, url VARCHAR NOT NULL, image_url VARCHAR,
        description VARCHAR NOT NULL, submitted_by VARCHAR NOT NULL, submitted_at VARCHAR NOT NULL, status VARCHAR NOT NULL, reject_reason VARCHAR,
        moderated_by VARCHAR, moderated_at VARCHAR)`);
      await tx.exec(`CREATE TABLE IF NOT EXISTS ${T.datasets} (reuse_uid VARCHAR NOT NULL, dataset_uid VARCHAR NOT NULL, position INTEGER NOT NULL)`);
    });
  }

  /** Every reuse with its datasets, oldest submission first. */
  async all(): Promise<Reuse[]> {
    const links = await this.backend.query(`SELECT reuse_uid, dataset_uid FROM ${T.datasets} ORDER BY reuse_uid, position`);
    const byReuse = new Map<string, string[]>();
    for (const l of links) byReuse.set(String(l.reuse_uid), [...(byReuse.get(String(l.reuse_uid)) ?? []), String(l.dataset_uid)]);
    return (await this.backend.query(`SELECT * FROM ${T.reuses} ORDER BY submitted_at, uid`)).map((r) => reuseOf(r, byReuse.get(String(r.uid)) ?? []));
  }

  async get(uid: string): Promise<Reuse | undefined> {
    const [r] = await this.backend.query(`SELECT * FROM ${T.reuses} WHERE uid = ?`, [uid]);
    if (!r) return undefined;
    const links = await this.backend.query(`SELECT dataset_uid FROM ${T.datasets} WHERE reuse_uid = ? ORDER BY position`, [uid]);
    return reuseOf(r, links.map((l) => String(l.dataset_uid)));
  }

  /** Inserts or replaces the reuse and its dataset list, all or nothing. */
  async put(x: Reuse): Promise<void> {
    await this.backend.write(async (tx) => {
      await tx.exec(`DELETE FROM ${T.reuses} WHERE uid = ?`, [x.uid]);
      await tx.exec(`DELETE FROM ${T.datasets} WHERE reuse_uid = ?`, [x.uid]);
      await tx.exec(`INSERT INTO ${T.reuses} VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
        x.uid, x.title, x.url, x.imageUrl, x.description, x.submittedBy, x.submittedAt, x.status, x.rejectReason, x.moderatedBy, x.moderatedAt,
      ]);
      for (const [i, d] of x.datasetUids.entries()) await tx.exec(`INSERT INTO ${T.datasets} VALUES (?, ?, ?)`, [x.uid, d, i]);
    });
  }

  async delete(uid: string): Promise<void> {
    await this.backend.write(async (tx) => {
      await tx.exec(`DELETE FROM ${T.datasets} WHERE reuse_uid = ?`, [uid]);
      await tx.exec(`DELETE FROM ${T.reuses} WHERE uid = ?`, [uid]);
    });
  }

  /** How many reuses the user submitted at or after `since` (ISO time), and the earliest of them. */
  async submittedSince(username: string, since: string): Promise<{ count: number; first: string | null }> {
    const [r] = await this.backend.query(`SELECT COUNT(*) AS n, MIN(submitted_at) AS first FROM ${T.reuses} WHERE submitted_by = ? AND submitted_at >= ?`, [username, since]);
    return { count: Number(r?.n ?? 0), first: str(r?.first) };
  }

  /** Reuses of this URL still pending or approved (a rejected one may be submitted again). */
  async liveWithUrl(url: string): Promise<string[]> {
    return (await this.backend.query(`SELECT uid FROM ${T.reuses} WHERE url = ? AND status <> 'rejected'`, [url])).map((r) => String(r.uid));
  }
}
