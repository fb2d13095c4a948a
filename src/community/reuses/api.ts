// The operations on reuses and who may do them. Anyone signed in (session or API key) submits; a
// reuse is moderated (approve, reject with a reason, delete) by a user holding publish_dataset on
// EVERY dataset it uses — through a ruleset of each dataset or the domain permission (admins hold
// it; an API key needs the publish_dataset or admin scope). A reuse whose datasets were all deleted
// is moderated by domain publish_dataset holders only. The submitter reads and deletes their own.
// A reader sees an approved reuse only when they may see at least one of its datasets, and its
// dataset list names only those. HTTP wiring in server/routes/reuses.ts; audit records there too.
import { AgoraError } from '../../core/errors.ts';
import type { Dataset } from '../../core/types.ts';
import type { Catalog } from '../../catalog/index.ts';
import type { GovernanceStore } from '../../governance/store.ts';
import { canSeeDataset, hasPermission, type Caller } from '../../governance/rules.ts';
import { requireUser } from '../../governance/automation.ts';
import { newUid } from '../../governance/drafts.ts';
import { readReason, readReuse } from './validate.ts';
import type { Reuse, ReuseStatus, ReuseStore } from './store.ts';

export interface ReuseDeps {
  catalog: Catalog; store: GovernanceStore; reuses: ReuseStore; clock: () => number;
  /** Submissions per user per hour (null: unlimited). */
  perHour: number | null;
}

const HOUR_MS = 3_600_000;

const notFound = (uid: string) => new AgoraError('REUSE_NOT_FOUND', `Unknown reuse: ${uid}`, { uid });

/** The datasets of a reuse that still exist. */
export function datasetsOf(d: ReuseDeps, r: Reuse): Dataset[] {
  return r.datasetUids.map((u) => d.catalog.findByUid(u)).filter((ds): ds is Dataset => ds !== undefined);
}

export function mayModerate(d: ReuseDeps, c: Caller, r: Reuse): boolean {
  if (!c.user) return false;
  const live = datasetsOf(d, r);
  if (live.length === 0) return hasPermission(d.store, c, 'publish_dataset');
  return live.every((ds) => hasPermission(d.store, c, 'publish_dataset', ds));
}

const isOwn = (c: Caller, r: Reuse) => !!c.user && c.user.username === r.submittedBy;

/** May the caller read this reuse at all: approved and one of its datasets visible, their own, or theirs to moderate. */
export function mayRead(d: ReuseDeps, c: Caller, r: Reuse): boolean {
  if (isOwn(c, r) || mayModerate(d, c, r)) return true;
  return r.status === 'approved' && datasetsOf(d, r).some((ds) => canSeeDataset(d.store, c, ds));
}

/** The Agora body of a reuse for this caller. Its datasets: those the caller may see in the Explore
 *  API or holds publish_dataset on (the Automation API shows those to them anyway); the moderation
 *  details only for the submitter and moderators. */
export function reuseBody(d: ReuseDeps, c: Caller, r: Reuse, html: (markdown: string) => string): Record<string, unknown> {
  const datasets = datasetsOf(d, r).filter((ds) => canSeeDataset(d.store, c, ds) || hasPermission(d.store, c, 'publish_dataset', ds))
    .map((ds) => ({ dataset_id: ds.dataset_id, title: ds.metas.default.title || ds.dataset_id }));
  const body: Record<string, unknown> = {
    uid: r.uid, title: r.title, url: r.url, image_url: r.imageUrl, description: r.description, description_html: html(r.description),
    datasets, submitted_at: r.submittedAt, status: r.status,
  };
  if (isOwn(c, r) || mayModerate(d, c, r)) {
    Object.assign(body, { submitted_by: r.submittedBy, reject_reason: r.rejectReason, moderated_by: r.moderatedBy, moderated_at: r.moderatedAt });
  }
  return body;
}

export interface ListQuery { datasetId?: string; mine?: boolean }

/** GET /reuses: approved reuses the caller may read (newest approval first), of one dataset when
 *  asked (404 for a dataset they may not see); `mine`: the caller's own, every status, newest first. */
export async function listReuses(d: ReuseDeps, c: Caller, q: ListQuery): Promise<Reuse[]> {
  let ds: Dataset | undefined;
  if (q.datasetId !== undefined) {
    ds = d.catalog.find(q.datasetId);
    if (!ds || !canSeeDataset(d.store, c, ds)) throw new AgoraError('DATASET_NOT_FOUND', `Unknown dataset: ${q.datasetId}`, { dataset_id: q.datasetId });
  }
  const all = await d.reuses.all();
  let out: Reuse[];
  if (q.mine) {
    requireUser(c);
    out = all.filter((r) => isOwn(c, r)).sort((a, b) => b.submittedAt.localeCompare(a.submittedAt));
  } else {
    // The gallery is the readers' view for everyone, moderators included.
    out = all.filter((r) => r.status === 'approved' && datasetsOf(d, r).some((x) => canSeeDataset(d.store, c, x))).sort((a, b) => (b.moderatedAt ?? '').localeCompare(a.moderatedAt ?? ''));
  }
  return ds ? out.filter((r) => r.datasetUids.includes(ds.dataset_uid)) : out;
}

/** GET /reuses/moderation: the reuses the caller may moderate, in a status (oldest submission first). */
export async function moderationQueue(d: ReuseDeps, c: Caller, status: ReuseStatus | 'all'): Promise<Reuse[]> {
  requireUser(c);
  return (await d.reuses.all()).filter((r) => (status === 'all' || r.status === status) && mayModerate(d, c, r));
}

export async function getReuse(d: ReuseDeps, c: Caller, uid: string): Promise<Reuse> {
  const r = await d.reuses.get(uid);
  if (!r || !mayRead(d, c, r)) throw notFound(uid);
  return r;
}

/** POST /reuses: a new pending reuse. Datasets must exist and be visible to the submitter; a URL
 *  already pending or approved is a 409; past the hourly limit a 429. Checked in full before anything is stored. */
export async function submitReuse(d: ReuseDeps, c: Caller, body: unknown): Promise<Reuse> {
  requireUser(c);
  const user = c.user!.username;
  const now = d.clock();
  if (d.perHour !== null) {
    const { count, first } = await d.reuses.submittedSince(user, new Date(now - HOUR_MS).toISOString());
    if (count >= d.perHour) {
      const reset = new Date(Date.parse(first ?? new Date(now).toISOString()) + HOUR_MS).toISOString();
      throw new AgoraError('QUOTA_EXCEEDED', `Too many reuses submitted: at most ${d.perHour} per hour per user; try again after ${reset}.`,
        { call_limit: d.perHour, limit_time_unit: 'hour', reset_time: reset });
    }
  }
  const input = readReuse(body, (id) => { const ds = d.catalog.find(id); return !!ds && canSeeDataset(d.store, c, ds); });
  if ((await d.reuses.liveWithUrl(input.url)).length) {
    throw new AgoraError('REUSE_EXISTS', `A reuse with this url is already submitted (${input.url}): it is waiting for moderation or already shown.`, { detail: { url: ['already submitted'] } });
  }
  const r: Reuse = {
    uid: newUid('ru'), title: input.title, url: input.url, imageUrl: input.imageUrl, description: input.description,
    datasetUids: input.datasetIds.map((id) => d.catalog.find(id)!.dataset_uid), submittedBy: user, submittedAt: new Date(now).toISOString(),
    status: 'pending', rejectReason: null, moderatedBy: null, moderatedAt: null,
  };
  await d.reuses.put(r);
  return r;
}

/** A reuse the caller may moderate: 404 when they may not even read it, 403 when they may read it only. */
async function forModeration(d: ReuseDeps, c: Caller, uid: string): Promise<Reuse> {
  requireUser(c);
  const r = await getReuse(d, c, uid);
  if (!mayModerate(d, c, r)) throw new AgoraError('FORBIDDEN', `Permission denied: moderating reuse ${uid} needs publish_dataset on every dataset it uses.`);
  return r;
}

export async function approveReuse(d: ReuseDeps, c: Caller, uid: string): Promise<Reuse> {
  const r = await forModeration(d, c, uid);
  const next: Reuse = { ...r, status: 'approved', rejectReason: null, moderatedBy: c.user!.username, moderatedAt: new Date(d.clock()).toISOString() };
  await d.reuses.put(next);
  return next;
}

export async function rejectReuse(d: ReuseDeps, c: Caller, uid: string, body: unknown): Promise<Reuse> {
  const r = await forModeration(d, c, uid);
  const reason = readReason(body);
  const next: Reuse = { ...r, status: 'rejected', rejectReason: reason, moderatedBy: c.user!.username, moderatedAt: new Date(d.clock()).toISOString() };
  await d.reuses.put(next);
  return next;
}

/** DELETE: the submitter withdraws their own, or a moderator removes it. */
export async function deleteReuse(d: ReuseDeps, c: Caller, uid: string): Promise<Reuse> {
  requireUser(c);
  const r = await getReuse(d, c, uid);
  if (!isOwn(c, r) && !mayModerate(d, c, r)) throw new AgoraError('FORBIDDEN', `Permission denied: only its submitter or a moderator (publish_dataset on every dataset it uses) may delete reuse ${uid}.`);
  await d.reuses.delete(uid);
  return r;
}
