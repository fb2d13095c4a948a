// Agora extension to the Automation API: GET datasets/{uid}/security/preview/?username=&limit= — what a
// given user would get from the Explore API records endpoint, computed through plan/ with THAT user's rules.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { AgoraError } from '../../core/errors.ts';
import { RECORD_ID_COLUMN } from '../../core/physical.ts';
import { compileRecords, exactShapes } from '../../plan/index.ts';
import { datasetFor, type AutomationDeps } from '../../governance/automation.ts';
import { callerFor, canSeeDataset, effectiveSecurity, toAccessRules } from '../../governance/rules.ts';
import { toApiRecord } from '../respond/values.ts';
import { recordsQuery } from '../params.ts';
import { runCached, runCount, shapeReader } from '../run-query.ts';
import { callerOf } from '../auth.ts';

type PreviewReq = FastifyRequest<{ Params: { uid: string }; Querystring: Record<string, string | undefined> }>;

const MAX_LIMIT = 100;

/** Registers the preview inside the Automation plugin (its error bodies apply). Needs manage_dataset. */
export function registerPreviewRoute(api: FastifyInstance, ctx: AppContext, d: AutomationDeps): void {
  api.get('/datasets/:uid/security/preview', async (req: PreviewReq) => {
    const ds = datasetFor(d, callerOf(req), req.params.uid, 'manage_dataset');
    const username = req.query.username;
    if (!username) throw new AgoraError('PARAMETER_INVALID', 'Invalid username: the "username" parameter is required.', { detail: { username: ['is required'] } });
    const limitText = req.query.limit ?? '10';
    if (!/^\d+$/.test(limitText) || Number(limitText) > MAX_LIMIT) {
      throw new AgoraError('PARAMETER_INVALID', `Invalid limit: "${limitText}" (an integer from 0 to ${MAX_LIMIT}).`, { detail: { limit: [`an integer from 0 to ${MAX_LIMIT}`] } });
    }
    const user = d.store.findUser(username);
    if (!user) throw new AgoraError('ACCOUNT_NOT_FOUND', `Unknown user: "${username}".`, { username });
    // The user as they would call with an unscoped key of their own (scopes only bound management).
    const as = callerFor(d.store, user);
    const base = { username: user.username, is_active: user.isActive };
    if (!canSeeDataset(d.store, as, ds)) {
      return { ...base, dataset_visible: false, data_visible: false, fields: [], total_count: 0, results: [] };
    }
    const access = toAccessRules(effectiveSecurity(d.store, as, ds));
    const q = recordsQuery({ limit: limitText });
    const exact = await exactShapes(ds, q, { mode: 'records', access }, shapeReader(ctx, ds, { engine: ctx.backend, dialect: ctx.dialect }));
    const { records, count } = compileRecords(ds, q, { mode: 'records', access, dialect: ctx.dialect, exact });
    const [rows, total] = await Promise.all([runCached(ctx, ds, records), runCount(ctx, ds, count)]);
    const columns = records.columns.filter((c) => c.name !== RECORD_ID_COLUMN);
    return {
      ...base,
      dataset_visible: true,
      data_visible: access.isDataVisible !== false,
      fields: columns.map((c) => ({ name: c.name, label: c.label ?? c.name, type: c.type })),
      total_count: total,
      results: rows.map((r) => toApiRecord(r, columns, 'UTC')),
    };
  });
}
