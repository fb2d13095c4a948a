// The audit log over HTTP, for admins (and holders of edit_domain): GET /api/auth/audit (newest
// first, PaginatedResults) and GET /api/auth/audit.csv (the whole log as CSV).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AgoraError } from '../core/errors.ts';
import { hasPermission, type AuditLog } from '../governance/index.ts';
import { callerOf, governanceOf } from './auth.ts';

function requireAuditor(req: FastifyRequest): void {
  const c = callerOf(req);
  if (!c.user) throw new AgoraError('UNAUTHORIZED', 'Authentication required to read the audit log.');
  const store = governanceOf(req);
  if (!store || !hasPermission(store, c, 'edit_domain')) throw new AgoraError('FORBIDDEN', 'Permission denied: the audit log is for administrators (edit_domain).');
}

function csvCell(v: unknown): string {
  const s = v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export async function registerAuditRoutes(app: FastifyInstance, audit: AuditLog): Promise<void> {
  app.get('/api/auth/audit', async (req: FastifyRequest<{ Querystring: Record<string, string | undefined> }>) => {
    requireAuditor(req);
    const limit = Number(req.query.limit ?? 100);
    const offset = Number(req.query.offset ?? 0);
    if (!Number.isInteger(limit) || limit < 0 || limit > 1000) throw new AgoraError('PARAMETER_INVALID', `Invalid limit: "${req.query.limit}" (an integer from 0 to 1000).`);
    if (!Number.isInteger(offset) || offset < 0) throw new AgoraError('PARAMETER_INVALID', `Invalid offset: "${req.query.offset}" (a non-negative integer).`);
    const { total, entries } = await audit.list(limit, offset);
    return { total_count: total, results: entries };
  });

  app.get('/api/auth/audit.csv', async (req, reply) => {
    requireAuditor(req);
    const lines = ['at,actor,action,target,ip,detail'];
    for (let offset = 0; ; offset += 1000) {
      const { entries } = await audit.list(1000, offset);
      for (const e of entries) lines.push([e.at, e.actor, e.action, e.target, e.ip, e.detail].map(csvCell).join(','));
      if (entries.length < 1000) break;
    }
    reply.header('Content-Type', 'text/csv; charset=utf-8').header('Content-Disposition', 'attachment; filename="audit-log.csv"');
    return reply.send(lines.join('\r\n') + '\r\n');
  });
}
