// Fixed-window call counters for rate limits and dataset quotas (ODS `api_calls_quota`): windows are
// aligned on the unit (UTC), so `reset_time` is the start of the next window. In memory, plus what the
// other nodes of a shared store counted (shared-counts.ts) when there are any.
import { AgoraError } from '../core/errors.ts';
import { QUOTA_UNITS, UNIT_SECONDS, type QuotaUnit } from '../governance/index.ts';
import type { SharedCounts } from './shared-counts.ts';

export interface Limit { limit: number; unit: QuotaUnit }

/** Reads "LIMIT/UNIT" (e.g. "5000/day"); "off" or "0" disables; anything else is a clear error. */
export function parseLimit(text: string | undefined, fallback: Limit | null, name: string): Limit | null {
  if (text === undefined || text.trim() === '') return fallback;
  const t = text.trim().toLowerCase();
  if (t === 'off' || t === '0') return null;
  const m = /^(\d+)\s*\/\s*([a-z]+)$/.exec(t);
  if (!m || !QUOTA_UNITS.includes(m[2] as QuotaUnit)) {
    throw new AgoraError('CONFIG_INVALID', `Invalid ${name}: "${text}"; expected LIMIT/UNIT with UNIT one of ${QUOTA_UNITS.join(', ')} (e.g. 5000/day), or "off".`);
  }
  return { limit: Number(m[1]), unit: m[2] as QuotaUnit };
}

/** Start of the window holding `now` and of the next one, in ms (months are calendar months). */
export function windowOf(unit: QuotaUnit, now: number): { start: number; end: number } {
  const d = new Date(now);
  if (unit === 'month') {
    return { start: Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1), end: Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) };
  }
  const size = UNIT_SECONDS[unit] * 1000;
  const start = Math.floor(now / size) * size;
  return { start, end: start + size };
}

export interface Usage { limit: number; remaining: number; reset: number }

export class CallCounter {
  private readonly counts = new Map<string, { start: number; n: number }>();
  constructor(private readonly clock: () => number = Date.now, private readonly shared: SharedCounts | null = null) {}

  /** Counts one call against `key`; throws QUOTA_EXCEEDED (the ODS 429 body) past the limit. */
  hit(key: string, l: Limit, message: string): Usage {
    const now = this.clock();
    const w = windowOf(l.unit, now);
    // No NUL in the id: it is stored in PostgreSQL when counts are shared (units hold no '|').
    const id = `${l.unit}|${key}`;
    let c = this.counts.get(id);
    if (!c || c.start !== w.start) {
      if (this.counts.size > 100_000) this.prune(now);
      c = { start: w.start, n: 0 };
      this.counts.set(id, c);
    }
    const elsewhere = this.shared?.elsewhere(id, w.start) ?? 0;
    if (c.n + elsewhere >= l.limit) {
      throw new AgoraError('QUOTA_EXCEEDED', message, {
        reset_time: new Date(w.end).toISOString().replace('.000Z', 'Z'), limit_time_unit: l.unit, call_limit: l.limit,
      });
    }
    c.n += 1;
    this.shared?.counted(id, w.start, w.end);
    return { limit: l.limit, remaining: Math.max(0, l.limit - c.n - elsewhere), reset: w.end };
  }

  private prune(now: number): void {
    for (const [id, c] of this.counts) {
      const unit = id.slice(0, id.indexOf('|')) as QuotaUnit;
      if (windowOf(unit, c.start).end <= now) this.counts.delete(id);
    }
  }
}
