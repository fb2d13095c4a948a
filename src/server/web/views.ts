// Page-view counting for "most viewed": POST /api/agora/v1/views/{dataset_id} and
// GET /api/agora/v1/views. Counts are buffered in memory and written to a small table through
// ctx.backend.write in batches; a visitor counts once per dataset per half hour.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { visibleDataset, visibleDatasets } from '../access.ts';
import { AgoraError } from '../../core/errors.ts';

export const VIEWS_TABLE = 'agora_page_views';
const REPEAT_WINDOW_MS = 30 * 60_000;
const FLUSH_MS = 2_000;
const MAX_VISITORS = 50_000;

export class ViewCounter {
  private pending = new Map<string, number>();
  private seen = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();

  constructor(private ctx: AppContext) {}

  async init(): Promise<void> {
    await this.ctx.backend.write((tx) => tx.exec(
      `CREATE TABLE IF NOT EXISTS ${VIEWS_TABLE} (dataset_id VARCHAR PRIMARY KEY, views BIGINT NOT NULL, last_viewed TIMESTAMPTZ)`));
  }

  /** Counts a view unless the same visitor viewed the same dataset recently. */
  hit(datasetId: string, visitor: string, now = Date.now()): boolean {
    const key = `${visitor}\u0000${datasetId}`;
    const last = this.seen.get(key);
    if (last !== undefined && now - last < REPEAT_WINDOW_MS) return false;
    if (this.seen.size >= MAX_VISITORS) this.seen.clear();
    this.seen.set(key, now);
    this.pending.set(datasetId, (this.pending.get(datasetId) ?? 0) + 1);
    if (!this.timer) this.timer = setTimeout(() => { this.timer = null; void this.flush(); }, FLUSH_MS);
    return true;
  }

  flush(): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      if (!this.pending.size) return;
      const batch = [...this.pending];
      this.pending.clear();
      await this.ctx.backend.write(async (tx) => {
        for (const [id, n] of batch) {
          await tx.exec(
            `INSERT INTO ${VIEWS_TABLE} (dataset_id, views, last_viewed) VALUES (?, ?, now())
             ON CONFLICT (dataset_id) DO UPDATE SET views = ${VIEWS_TABLE}.views + excluded.views, last_viewed = excluded.last_viewed`,
            [id, n]);
        }
      });
    }).catch(() => { /* a failed flush loses a few counts, never a request */ });
    return this.flushing;
  }

  async counts(): Promise<Map<string, number>> {
    const rows = await this.ctx.backend.query(`SELECT dataset_id, views FROM ${VIEWS_TABLE}`);
    const out = new Map(rows.map((r) => [String(r.dataset_id), Number(r.views)]));
    for (const [id, n] of this.pending) out.set(id, (out.get(id) ?? 0) + n);
    return out;
  }

  async close(): Promise<void> {
    if (this.timer) { clearTimeout(this.timer); this.timer = null; }
    await this.flush();
  }
}

function visitorOf(req: FastifyRequest): string {
  return `${req.ip}|${req.headers['user-agent'] ?? ''}`;
}

export async function registerViewRoutes(app: FastifyInstance, ctx: AppContext): Promise<ViewCounter> {
  const counter = new ViewCounter(ctx);
  await counter.init();
  app.addHook('onClose', async () => { await counter.close(); });

  app.post<{ Params: { dataset_id: string } }>('/api/agora/v1/views/:dataset_id', async (req) => {
    const ds = visibleDataset(ctx, req, req.params.dataset_id);
    return { dataset_id: ds.dataset_id, counted: counter.hit(ds.dataset_id, visitorOf(req)) };
  });

  app.get<{ Querystring: { limit?: string } }>('/api/agora/v1/views', async (req) => {
    const limit = req.query.limit === undefined ? 10 : Number(req.query.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
      throw new AgoraError('PARAMETER_INVALID', 'limit must be an integer between 1 and 100', { limit: req.query.limit });
    }
    const counts = await counter.counts();
    const results = visibleDatasets(ctx, req)
      .map((ds) => ({ dataset_id: ds.dataset_id, views: counts.get(ds.dataset_id) ?? 0 }))
      .filter((r) => r.views > 0)
      .sort((a, b) => b.views - a.views || (a.dataset_id < b.dataset_id ? -1 : 1))
      .slice(0, limit);
    return { total_count: results.length, results };
  });
  return counter;
}
