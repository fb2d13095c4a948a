// Paging rules of the Explore API: records default to 10 rows, at most 100 per page and
// offset+limit ≤ 10,000 (20,000 rows per page and in total with group_by); exports are unbounded.
import { AgoraError } from '../core/errors.ts';

export const RECORDS_DEFAULT_LIMIT = 10;
export const RECORDS_MAX_LIMIT = 100;
export const RECORDS_MAX_WINDOW = 10_000;
export const GROUPED_MAX_WINDOW = 20_000;

export function resolvePage(mode: 'records' | 'export', grouped: boolean, limit: number | undefined, offset: number | undefined): { limit: number | null; offset: number } {
  const off = offset ?? 0;
  if (!Number.isInteger(off) || off < 0) throw new AgoraError('LIMIT_INVALID', `Invalid value for offset: ${off}. It must be a positive integer.`, { offset: off });
  if (limit !== undefined && (!Number.isInteger(limit) || limit < -1)) {
    throw new AgoraError('LIMIT_INVALID', `Invalid value for limit: ${limit}. It must be an integer greater than or equal to -1.`, { limit });
  }
  if (mode === 'export') return { limit: limit === undefined || limit === -1 ? null : limit, offset: off };
  const maxLimit = grouped ? GROUPED_MAX_WINDOW : RECORDS_MAX_LIMIT;
  const window = grouped ? GROUPED_MAX_WINDOW : RECORDS_MAX_WINDOW;
  const lim = limit === undefined ? RECORDS_DEFAULT_LIMIT : limit === -1 ? Math.max(0, Math.min(maxLimit, window - off)) : limit;
  if (lim > maxLimit) {
    throw new AgoraError('LIMIT_INVALID', `Invalid value for limit: ${lim}. It must be between -1 and ${maxLimit}${grouped ? ' with a group_by clause' : ''}; use the exports endpoint for more results.`, { limit: lim });
  }
  if (off + lim > window) {
    throw new AgoraError('LIMIT_INVALID', `Invalid values for offset (${off}) and limit (${lim}): offset + limit must not exceed ${window}${grouped ? ' with a group_by clause' : ''}; use the exports endpoint for more results.`, { limit: lim, offset: off });
  }
  return { limit: lim, offset: off };
}
