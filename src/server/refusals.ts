// Refused access in the audit log: a caller asking by name for a restricted dataset they may not see
// (answered 404 so existence does not leak) and every 401/403 answer. Written after the answer, never
// slowing or failing it; one entry per caller, address, target and minute, the repeats folded into it.
import type { FastifyRequest } from 'fastify';
import type { AuditLog } from '../governance/index.ts';

export const FOLD_MS = 60_000;

interface Fold { until: number; repeats: number }

export class Refusals {
  private folds = new Map<string, Fold>();
  private pending = new Set<Promise<void>>();
  constructor(private readonly audit: AuditLog, private readonly clock: () => number = Date.now) {}

  /** `actor` as the audit writes it; the entry's detail carries the route, the method, the answer and
   *  `repeats`: how many more refusals of the same kind the previous minute's entry folded. */
  note(req: FastifyRequest, actor: string, target: string, detail: Record<string, unknown>): void {
    const now = this.clock();
    const key = `${actor}\u0000${req.ip}\u0000${target}\u0000${String(detail.status)}`;
    const fold = this.folds.get(key);
    if (fold && now < fold.until) { fold.repeats += 1; return; }
    this.folds.set(key, { until: now + FOLD_MS, repeats: 0 });
    if (this.folds.size > 10_000) for (const [k, f] of this.folds) if (f.until <= now) this.folds.delete(k);
    const route = req.routeOptions?.url ?? req.url.split('?')[0];
    const job = this.audit.record({
      actor, action: 'access.refused', target, ip: req.ip,
      detail: { ...detail, method: req.method, route, repeats: fold?.repeats ?? 0 },
    }).catch((e: Error) => console.error(`[agora] The audit log could not record a refused access (${e.message}).`));
    this.pending.add(job);
    void job.finally(() => this.pending.delete(job));
  }

  /** Waits for the entries still being written (server close, tests). */
  async settled(): Promise<void> { await Promise.allSettled([...this.pending]); }
}
