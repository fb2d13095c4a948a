// The reuses API (/api/agora/v1/reuses): types after its bodies, URLs for useApi (public reads), and
// the signed-in calls (submit, moderate) through adminFetch, which sends the session's CSRF token.
import { adminFetch } from '../admin/session.ts';

export const REUSES_API = '/api/agora/v1/reuses';

export interface ReuseDataset { dataset_id: string; title: string }
export interface ApiReuse {
  uid: string; title: string; url: string; image_url: string | null; description: string; description_html: string;
  datasets: ReuseDataset[]; submitted_at: string; status: 'pending' | 'approved' | 'rejected';
  /** Only for the submitter and moderators. */
  submitted_by?: string; reject_reason?: string | null; moderated_by?: string | null; moderated_at?: string | null;
}
export interface ReuseList { total_count: number; results: ApiReuse[] }
export interface ReuseInput { title: string; url: string; image_url?: string; description?: string; dataset_ids: string[] }

export function reusesUrl(opts: { datasetId?: string; limit?: number; offset?: number } = {}): string {
  const q = new URLSearchParams();
  if (opts.datasetId) q.set('dataset_id', opts.datasetId);
  q.set('limit', String(opts.limit ?? 20));
  if (opts.offset) q.set('offset', String(opts.offset));
  return `${REUSES_API}?${q}`;
}

export const submitReuse = (body: ReuseInput) => adminFetch<ApiReuse>('POST', REUSES_API, body);
export const myReuses = () => adminFetch<ReuseList>('GET', `${REUSES_API}?mine=true&limit=100`);
export const moderationQueue = (status: 'pending' | 'approved' | 'rejected' | 'all') => adminFetch<ReuseList>('GET', `${REUSES_API}/moderation?status=${status}&limit=100`);
export const approveReuse = (uid: string) => adminFetch<ApiReuse>('POST', `${REUSES_API}/${encodeURIComponent(uid)}/approve`);
export const rejectReuse = (uid: string, reason: string) => adminFetch<ApiReuse>('POST', `${REUSES_API}/${encodeURIComponent(uid)}/reject`, { reason });
export const deleteReuse = (uid: string) => adminFetch<void>('DELETE', `${REUSES_API}/${encodeURIComponent(uid)}`);

/** Only https images are shown: the portal's CSP (and mixed content rules) block plain http ones. */
export const shownImage = (r: ApiReuse): string | null => (r.image_url && r.image_url.startsWith('https://') ? r.image_url : null);
