// The ODS-compatible Automation API v1.0 at /api/automation/v1.0/: datasets (list, create, retrieve,
// update, delete, publish, unpublish, status; resources, files, previews and fields in automation-authoring.ts), their metadata and their user/group security rulesets, and
// users and groups (edit_domain). HTTP wiring and the
// Automation error bodies only; the operations and permission checks live in governance/automation.ts.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { isAgoraError, AgoraError } from '../../core/errors.ts';
import { actorOf, ensureAudit, ensureDrafts, ensureGovernance } from '../../governance/index.ts';
import {
  createRuleset, datasetBody, datasetFor, deleteDataset, deleteRuleset, editableDatasets, getRuleset, listRulesets,
  readMetadata, setPublished, updateDataset, updateRuleset, writeMetadata, type TargetKind,
} from '../../governance/automation.ts';
import {
  createGroupFromBody, groupBody, provisionUsers, requireDomainEditor, updateGroupFromBody, updateUserFromBody, userBody,
} from '../../governance/directory.ts';
import { callerOf } from '../auth.ts';
import { forgetDrafts, type AuthoringDeps } from '../../governance/authoring.ts';
import { registerAuthoringRoutes } from './automation-authoring.ts';
import { registerPreviewRoute } from './automation-preview.ts';
import { registerRealtimeRoutes } from './automation-realtime.ts';
import { registerPageRoutes } from './automation-pages.ts';
import { registerRefreshRoutes } from './automation-refresh.ts';
import { registerHarvestRoutes } from './automation-harvest.ts';
import { registerProcessorRoutes } from './automation-processors.ts';
import { wireSilenceAlerts, type RealtimeDeps } from '../../governance/realtime.ts';

/** Contexts whose silence alerts already go to the audit log (tests build several apps on one). */
const wired = new WeakSet<AppContext>();
import { handleError } from '../errors.ts';

export const AUTOMATION = '/api/automation/v1.0';

const CODES: Record<number, string> = { 400: 'validation_error', 401: 'authentication_required', 403: 'permission_denied', 404: 'not_found', 409: 'conflict' };

/** Automation error bodies: {"error_code", "message"} (+ "detail" for validation errors). */
function automationError(err: FastifyError | Error, req: FastifyRequest, reply: FastifyReply): void {
  if (isAgoraError(err)) {
    if (err.status === 429 || err.status >= 500) return handleError(err, req, reply);
    // ODS answers a harvester in the wrong status with its own code (InvalidHarvesterStatus).
    const code = err.code === 'HARVEST_STATUS' ? err.odsCode : CODES[err.status] ?? 'bad_request';
    const body: Record<string, unknown> = { error_code: code, message: err.message };
    if (code === 'validation_error') body.detail = (err.details.detail as object | undefined) ?? {};
    reply.status(err.status).send(body);
    return;
  }
  const fe = err as FastifyError;
  if (fe.statusCode && fe.statusCode < 500) {
    reply.status(fe.statusCode).send({ error_code: fe.statusCode === 413 ? 'payload_too_large' : 'bad_request', message: fe.message });
    return;
  }
  req.log.error({ err }, 'unhandled error');
  reply.status(500).send({ error_code: 'internal_error', message: 'A server error occurred.' });
}

function page(q: Record<string, string | undefined>): { limit: number; offset: number } {
  const num = (name: string, dflt: number, max: number) => {
    const v = q[name];
    if (v === undefined || v === '') return dflt;
    if (!/^\d+$/.test(v) || Number(v) > max) {
      throw new AgoraError('PARAMETER_INVALID', `Invalid ${name}: "${v}" (an integer from 0 to ${max})`, { detail: { [name]: [`an integer from 0 to ${max}`] } });
    }
    return Number(v);
  };
  return { limit: num('limit', 20, 1000), offset: num('offset', 0, Number.MAX_SAFE_INTEGER) };
}

function paginated(req: FastifyRequest, all: unknown[], q: Record<string, string | undefined>, base: string): Record<string, unknown> {
  const { limit, offset } = page(q);
  const at = (off: number) => {
    const u = new URL(req.url, base);
    u.searchParams.set('offset', String(off));
    u.searchParams.set('limit', String(limit));
    u.searchParams.delete('apikey');
    return `${base}${u.pathname}?${u.searchParams}`;
  };
  return {
    total_count: all.length,
    next: limit > 0 && offset + limit < all.length ? at(offset + limit) : null,
    previous: offset > 0 ? at(Math.max(0, offset - limit)) : null,
    results: all.slice(offset, offset + limit),
  };
}

type Q = Record<string, string | undefined>;
type DsReq = FastifyRequest<{ Params: { uid: string }; Querystring: Q }>;
type RuleReq = FastifyRequest<{ Params: { uid: string; name: string }; Querystring: Q }>;

export async function registerAutomationRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const store = await ensureGovernance(ctx);
  const base = ctx.config.baseUrl;
  const d: AuthoringDeps & RealtimeDeps = { catalog: ctx.catalog, store, drafts: await ensureDrafts(ctx), realtime: ctx.realtime, baseUrl: base };
  const audit = await ensureAudit(ctx);
  /** Records a successful change: who (user, and key id when a key was used), what, from where. */
  const done = async (req: FastifyRequest, action: string, target: string, detail: Record<string, unknown> = {}) => {
    const c = callerOf(req);
    await audit.record({ actor: actorOf(c.user), action, target, detail: c.key ? { ...detail, key_id: c.key.keyId } : detail, ip: req.ip });
  };
  await app.register(async (api) => {
    api.setErrorHandler(automationError);
    api.setNotFoundHandler((req, reply) => { reply.status(404).send({ error_code: 'not_found', message: `No route for ${req.method} ${req.url.split('?')[0]}` }); });

    await registerAuthoringRoutes(api, d, ctx.config.dataDir, done, (req, all, q) => paginated(req, all, q, base));
    registerPreviewRoute(api, ctx, d);
    registerRealtimeRoutes(api, d, done);
    registerProcessorRoutes(api, d, done);
    await registerPageRoutes(api, ctx, done, (req, all, q) => paginated(req, all, q, base));
    await registerRefreshRoutes(api, ctx, done, (req, all, q) => paginated(req, all, q, base));
    await registerHarvestRoutes(api, ctx, done, (req, all, q) => paginated(req, all, q, base));
    if (!wired.has(ctx)) { wired.add(ctx); wireSilenceAlerts(d, audit, process.env, () => ctx.config.portalName); }

    api.get('/datasets', async (req: FastifyRequest<{ Querystring: Q }>) => {
      let list = editableDatasets(d, callerOf(req));
      if (req.query.dataset_id) list = list.filter((ds) => ds.dataset_id === req.query.dataset_id);
      return paginated(req, list.map((ds) => datasetBody(d, ds)), req.query, base);
    });
    api.get('/datasets/:uid', async (req: DsReq) => datasetBody(d, datasetFor(d, callerOf(req), req.params.uid, 'any')));
    api.put('/datasets/:uid', async (req: DsReq) => {
      const ds = await updateDataset(d, callerOf(req), req.params.uid, req.body);
      await done(req, 'dataset.update', ds.dataset_uid, { dataset_id: ds.dataset_id, changes: req.body as Record<string, unknown> });
      return datasetBody(d, ds);
    });
    api.delete('/datasets/:uid', async (req: DsReq, reply) => {
      const id = d.catalog.findByUid(req.params.uid)?.dataset_id;
      await deleteDataset(d, callerOf(req), req.params.uid);
      await forgetDrafts(d, req.params.uid);
      await done(req, 'dataset.delete', req.params.uid, { dataset_id: id });
      return reply.status(204).send();
    });
    // publish/ (which loads the resources) is in automation-authoring.ts.
    api.post('/datasets/:uid/unpublish', async (req: DsReq) => {
      const ds = await setPublished(d, callerOf(req), req.params.uid, false);
      await done(req, 'dataset.unpublish', ds.dataset_uid, { dataset_id: ds.dataset_id });
      return { detail: 'ok' };
    });
    api.get('/datasets/:uid/status', async (req: DsReq) => {
      const ds = datasetFor(d, callerOf(req), req.params.uid, 'any');
      return { status: 'idle', previous: null, next: null, since: ds.metas.default.data_processed ?? ds.created, is_published: ds.is_published, message: null, records_errors: [] };
    });

    type MetaReq = FastifyRequest<{ Params: { uid: string; template?: string; key?: string } }>;
    for (const path of ['/datasets/:uid/metadata', '/datasets/:uid/metadata/:template', '/datasets/:uid/metadata/:template/:key']) {
      api.get(path, async (req: MetaReq) => readMetadata(d, callerOf(req), req.params.uid, req.params.template, req.params.key));
      api.put(path, async (req: MetaReq) => {
        const out = await writeMetadata(d, callerOf(req), req.params.uid, req.body, req.params.template, req.params.key);
        await done(req, 'dataset.metadata.update', req.params.uid, { template: req.params.template ?? null, key: req.params.key ?? null, body: req.body as unknown });
        return out;
      });
    }
    api.delete('/datasets/:uid/metadata/:template/:key', async (req: MetaReq, reply) => {
      await writeMetadata(d, callerOf(req), req.params.uid, null, req.params.template, req.params.key);
      await done(req, 'dataset.metadata.delete', req.params.uid, { template: req.params.template, key: req.params.key });
      return reply.status(204).send();
    });

    // ---- users and groups ----
    type UserReq = FastifyRequest<{ Params: { username: string }; Querystring: Q }>;
    type GroupReq = FastifyRequest<{ Params: { uid: string; username?: string }; Querystring: Q }>;
    const editor = (req: FastifyRequest) => { requireDomainEditor(store, callerOf(req)); return callerOf(req); };
    api.get('/users', async (req: FastifyRequest<{ Querystring: Q }>) => {
      editor(req);
      const search = req.query.search?.toLowerCase();
      const users = store.users().filter((u) => !search || u.username.toLowerCase().includes(search) || (u.email ?? '').toLowerCase().includes(search));
      return paginated(req, users.map((u) => userBody(store, u)), req.query, base);
    });
    api.post('/users/provision', async (req) => {
      const out = await provisionUsers(store, callerOf(req), req.body);
      for (const r of Object.values(out) as Array<{ status_code: string; data?: { username: string } }>) {
        if (r.status_code === 'success') await done(req, 'user.add', r.data!.username);
      }
      return out;
    });
    api.get('/users/:username', async (req: UserReq) => { editor(req); return userBody(store, store.getUser(req.params.username)); });
    api.put('/users/:username', async (req: UserReq) => {
      const u = await updateUserFromBody(store, callerOf(req), req.params.username, req.body);
      await done(req, 'user.update', u.username, { changes: req.body as Record<string, unknown> });
      return userBody(store, u);
    });
    api.delete('/users/:username', async (req: UserReq, reply) => {
      const c = editor(req);
      if (c.user?.username === req.params.username) throw new AgoraError('PARAMETER_INVALID', 'You cannot delete your own account.', { detail: { username: ['is the caller'] } });
      if (store.getUser(req.params.username).isAdmin && !c.user?.isAdmin) throw new AgoraError('FORBIDDEN', 'Permission denied: only an admin may delete an admin.');
      await store.deleteUser(req.params.username);
      await done(req, 'user.delete', req.params.username);
      return reply.status(204).send();
    });
    api.get('/groups', async (req: FastifyRequest<{ Querystring: Q }>) => {
      editor(req);
      return paginated(req, store.groups().map((g) => groupBody(store, g)), req.query, base);
    });
    api.post('/groups', async (req, reply) => {
      const g = await createGroupFromBody(store, callerOf(req), req.body);
      await done(req, 'group.add', g.name, { permissions: g.permissions });
      return reply.status(201).send(groupBody(store, g));
    });
    api.get('/groups/:uid', async (req: GroupReq) => { editor(req); return groupBody(store, store.getGroup(req.params.uid)); });
    api.put('/groups/:uid', async (req: GroupReq) => {
      const g = await updateGroupFromBody(store, callerOf(req), req.params.uid, req.body);
      await done(req, 'group.update', g.name, { changes: req.body as Record<string, unknown> });
      return groupBody(store, g);
    });
    api.delete('/groups/:uid', async (req: GroupReq, reply) => {
      editor(req);
      await store.deleteGroup(req.params.uid);
      await done(req, 'group.delete', req.params.uid);
      return reply.status(204).send();
    });
    api.get('/groups/:uid/users', async (req: GroupReq) => {
      editor(req);
      store.getGroup(req.params.uid);
      return paginated(req, store.members(req.params.uid).map((u) => userBody(store, store.getUser(u))), req.query, base);
    });
    api.post('/groups/:uid/users', async (req: GroupReq, reply) => {
      editor(req);
      const b = req.body as Record<string, unknown> | null;
      if (!b || typeof b.username !== 'string') throw new AgoraError('PARAMETER_INVALID', 'Invalid username: expected {"username"}.', { detail: { username: ['is required'] } });
      if (!store.findUser(b.username)) throw new AgoraError('PARAMETER_INVALID', `Invalid username: unknown user "${b.username}".`, { detail: { username: ['unknown user'] } });
      await store.addMember(req.params.uid, b.username);
      await done(req, 'group.member.add', req.params.uid, { username: b.username });
      return reply.status(201).send(userBody(store, store.getUser(b.username)));
    });
    api.delete('/groups/:uid/users/:username', async (req: GroupReq, reply) => {
      editor(req);
      store.getGroup(req.params.uid);
      if (!store.groupsOf(req.params.username!).includes(req.params.uid)) throw new AgoraError('ACCOUNT_NOT_FOUND', `User ${req.params.username} is not in group ${req.params.uid}.`);
      await store.removeMember(req.params.uid, req.params.username!);
      await done(req, 'group.member.remove', req.params.uid, { username: req.params.username });
      return reply.status(204).send();
    });

    for (const kind of ['user', 'group'] as TargetKind[]) {
      const path = `/datasets/:uid/security/${kind}s`;
      api.get(path, async (req: DsReq) => paginated(req, listRulesets(d, callerOf(req), req.params.uid, kind), req.query, base));
      api.post(path, async (req: DsReq, reply) => {
        const body = await createRuleset(d, callerOf(req), req.params.uid, kind, req.body);
        await done(req, `security.${kind}.create`, req.params.uid, body);
        return reply.status(201).send(body);
      });
      api.get(`${path}/:name`, async (req: RuleReq) => getRuleset(d, callerOf(req), req.params.uid, kind, req.params.name));
      api.put(`${path}/:name`, async (req: RuleReq) => {
        const body = await updateRuleset(d, callerOf(req), req.params.uid, kind, req.params.name, req.body);
        await done(req, `security.${kind}.update`, req.params.uid, body);
        return body;
      });
      api.delete(`${path}/:name`, async (req: RuleReq, reply) => {
        await deleteRuleset(d, callerOf(req), req.params.uid, kind, req.params.name);
        await done(req, `security.${kind}.delete`, req.params.uid, { [kind]: req.params.name });
        return reply.status(204).send();
      });
    }
  }, { prefix: AUTOMATION });
}
