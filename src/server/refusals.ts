// Folded audit entries for events too frequent to log one by one: refused access (a caller asking by
// name for a restricted dataset they may not see, answered 404 so existence does not leak, and every
// 401/403 answer) and pushed records. Written after the answer, never slowing or failing it; one entry
// per caller, address, target, kind and minute, with what the previous minute's entry folded.
import type { FastifyRequest } from 'fastify';
import type { AuditLog } from '../governance/index.ts';

export const FOLD_MS = 60_000;

interface Fold { until: number; repeats: number; records: number }

export class FoldedAudit {
  private folds = new Map<string, Fold>();
  private pending = new Set<Promise<void>>();
  constructor(private readonly audit: AuditLog, private readonly clock: () => number = Date.now) {}

  /** Writes an entry unless one of the same kind went out less than a minute ago (then folds into it).
   *  The detail carries the route, the method, `repeats` (how many more the previous entry folded) and,
   *  when `records` is given, `records` and `folded_records` (the records those folded events carried). */
  note(req: FastifyRequest, e: { actor: string; action: string; target: string; kind: string; detail: Record<string, unknown>; records?: number }): void {
    const now = this.clock();
    const key = `${e.action}\u0000${e.actor}\u0000${req.ip}\u0000${e.target}\u0000${e.kind}`;
    const fold = this.folds.get(key);
    if (fold && now < fold.until) { fold.repeats += 1; fold.records += e.records ?? 0; return; }
    this.folds.set(key, { until: now + FOLD_MS, repeats: 0, records: 0 });
    if (this.folds.size > 10_000) for (const [k, f] of this.folds) if (f.until <= now) this.folds.delete(k);
    const route = req.routeOptions?.url ?? req.url.split('?')[0];
    const counted = e.records === undefined ? {} : { records: e.records, folded_records: fold?.records ?? 0 };
    const job = this.audit.record({
      actor: e.actor, action: e.action, target: e.target, ip: req.ip,
      detail: { ...e.detail, method: req.method, route, repeats: fold?.repeats ?? 0, ...counted },
    }).catch((err: Error) => console.error(`[agora] The audit log could not record ${e.action} (${err.message}).`));
    this.pending.add(job);
    void job.finally(() => this.pending.delete(job));
  }

  /** Waits for the entries still being written (server close, tests). */
  async settled(): Promise<void> { await Promise.allSettled([...this.pending]); }
}

export class Refusals {
  private readonly folds: FoldedAudit;
  constructor(audit: AuditLog, clock: () => number = Date.now) { this.folds = new FoldedAudit(audit, clock); }

  /** `actor` as the audit writes it; `detail.status` is the answer's. */
  note(req: FastifyRequest, actor: string, target: string, detail: Record<string, unknown>): void {
    this.folds.note(req, { actor, action: 'access.refused', target, kind: String(detail.status), detail });
  }

  settled(): Promise<void> { return this.folds.settled(); }
}
