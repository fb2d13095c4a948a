// Where pages live: one row per page (its settings, draft and published content as JSON) and one
// row per saved version, in the portal's store. A save writes the page and its new version in one
// transaction; the in-memory copy changes only once that has committed.
import { randomBytes } from 'node:crypto';
import type { Backend } from '../storage/backend.ts';
import { shareChanges, type SharedCopy } from '../storage/changes.ts';
import { AgoraError } from '../core/errors.ts';
import type { Page, PageContent, PageVersionInfo } from './types.ts';

const PAGES = 'agora_pages';
const VERSIONS = 'agora_page_versions';
/** Versions kept per page (the oldest go first). */
export const KEPT_VERSIONS = 100;

export function newPageUid(): string {
  let s = '';
  for (const b of randomBytes(8)) s += (b % 36).toString(36);
  return `sp_${s.slice(0, 6)}`;
}

export interface SavedVersion extends PageVersionInfo { content: PageContent }

export class PageStore {
  private byUid = new Map<string, Page>();
  private peers: SharedCopy | null = null;
  constructor(private readonly backend: Backend) {}

  async open(): Promise<void> {
    await this.backend.write(async (tx) => {
      await tx.exec(`CREATE TABLE IF NOT EXISTS ${PAGES} (uid VARCHAR PRIMARY KEY, slug VARCHAR NOT NULL UNIQUE, doc VARCHAR NOT NULL)`);
      await tx.exec(`CREATE TABLE IF NOT EXISTS ${VERSIONS} (uid VARCHAR NOT NULL, version INTEGER NOT NULL, saved_at VARCHAR NOT NULL,
        saved_by VARCHAR, note VARCHAR, published BOOLEAN NOT NULL, content VARCHAR NOT NULL, PRIMARY KEY (uid, version))`);
    });
    await this.load();
    this.peers = await shareChanges(this.backend, 'agora_pages', () => this.load());
  }

  private async load(): Promise<void> {
    const byUid = new Map<string, Page>();
    for (const r of await this.backend.query(`SELECT doc FROM ${PAGES}`)) {
      const p = JSON.parse(String(r.doc)) as Page;
      byUid.set(p.uid, p);
    }
    this.byUid = byUid;
  }

  list(): Page[] { return [...this.byUid.values()].sort((a, b) => a.slug.localeCompare(b.slug)); }
  find(uid: string): Page | undefined { return this.byUid.get(uid); }
  findBySlug(slug: string): Page | undefined { return this.list().find((p) => p.slug === slug); }
  get(uidOrSlug: string): Page {
    const p = this.find(uidOrSlug) ?? this.findBySlug(uidOrSlug);
    if (!p) throw new AgoraError('PAGE_NOT_FOUND', `Unknown page: ${uidOrSlug}`, { detail: { page: ['no such page'] } });
    return p;
  }

  /** Writes the page; with `version`, also a new saved version of `version.content`. */
  async save(page: Page, version?: Omit<SavedVersion, 'version'>): Promise<number | null> {
    const other = this.findBySlug(page.slug);
    if (other && other.uid !== page.uid) throw new AgoraError('PAGE_SLUG_TAKEN', `The slug "${page.slug}" is already the address of another page.`, { detail: { slug: ['already used'] } });
    let n: number | null = null;
    await this.backend.write(async (tx) => {
      await tx.exec(`DELETE FROM ${PAGES} WHERE uid = ?`, [page.uid]);
      await tx.exec(`INSERT INTO ${PAGES} VALUES (?, ?, ?)`, [page.uid, page.slug, JSON.stringify(page)]);
      if (!version) return;
      const last = await tx.query(`SELECT coalesce(max(version), 0) AS n FROM ${VERSIONS} WHERE uid = ?`, [page.uid]);
      n = Number(last[0].n) + 1;
      await tx.exec(`INSERT INTO ${VERSIONS} VALUES (?, ?, ?, ?, ?, ?, ?)`,
        [page.uid, n, version.saved_at, version.saved_by, version.note, version.published, JSON.stringify(version.content)]);
      await tx.exec(`DELETE FROM ${VERSIONS} WHERE uid = ? AND version <= ?`, [page.uid, n - KEPT_VERSIONS]);
    });
    this.byUid.set(page.uid, page);
    await this.peers?.changed(page.uid);
    return n;
  }

  async delete(uid: string): Promise<void> {
    await this.backend.write(async (tx) => {
      await tx.exec(`DELETE FROM ${VERSIONS} WHERE uid = ?`, [uid]);
      await tx.exec(`DELETE FROM ${PAGES} WHERE uid = ?`, [uid]);
    });
    this.byUid.delete(uid);
    await this.peers?.changed(uid);
  }

  async versions(uid: string): Promise<PageVersionInfo[]> {
    const rows = await this.backend.query(`SELECT version, saved_at, saved_by, note, published FROM ${VERSIONS} WHERE uid = ? ORDER BY version DESC`, [uid]);
    return rows.map((r) => ({ version: Number(r.version), saved_at: String(r.saved_at), saved_by: r.saved_by === null ? null : String(r.saved_by), note: r.note === null ? null : String(r.note), published: r.published === true }));
  }

  async version(uid: string, n: number): Promise<SavedVersion> {
    const rows = await this.backend.query(`SELECT * FROM ${VERSIONS} WHERE uid = ? AND version = ?`, [uid, n]);
    if (!rows.length) throw new AgoraError('PAGE_NOT_FOUND', `Page ${uid} has no version ${n} (kept: the last ${KEPT_VERSIONS}).`, { detail: { version: ['no such version'] } });
    const r = rows[0];
    return { version: n, saved_at: String(r.saved_at), saved_by: r.saved_by === null ? null : String(r.saved_by), note: r.note === null ? null : String(r.note), published: r.published === true, content: JSON.parse(String(r.content)) as PageContent };
  }
}
