// What the CKAN write actions share: the Automation API's dependencies (catalog, accounts, drafts),
// the caller, the audit log (the same entries as the Automation API, marked "via": "ckan"), and the
// translation of Agora's errors into CKAN's error kinds. Permission checks are the Automation API's
// own (governance/automation.ts, authoring.ts): nothing here decides who may write.
import type { FastifyRequest } from 'fastify';
import { isAgoraError } from '../../core/errors.ts';
import type { Dataset } from '../../core/types.ts';
import { actorOf, ensureAudit, ensureDrafts, ensureGovernance } from '../../governance/index.ts';
import type { AuthoringDeps } from '../../governance/authoring.ts';
import type { Caller } from '../../governance/rules.ts';
import { datasetFor } from '../../governance/automation.ts';
import { callerOf } from '../../server/auth.ts';
import type { AppContext } from '../../server/context.ts';
import { CkanError } from './envelope.ts';
import type { CkanData } from './params.ts';

/** A file sent as a multipart part (the route stages it; the action that uses it claims it). */
export interface CkanUpload { path: string; filename: string; mimetype: string | null; size: number; claimed?: boolean }

export interface WriteContext {
  ctx: AppContext;
  req: FastifyRequest;
  deps: AuthoringDeps;
  caller: Caller;
  /** Records a change done by this call (the action names of the Automation API where they match). */
  audit(action: string, target: string, detail?: Record<string, unknown>): Promise<void>;
}

export async function writeContext(ctx: AppContext, req: FastifyRequest, ckanAction: string): Promise<WriteContext> {
  const store = await ensureGovernance(ctx);
  const deps: AuthoringDeps = { catalog: ctx.catalog, store, drafts: await ensureDrafts(ctx) };
  const log = await ensureAudit(ctx);
  const caller = callerOf(req);
  return {
    ctx, req, deps, caller,
    audit: async (action, target, detail = {}) => {
      const extra = { ...detail, via: 'ckan', ckan_action: ckanAction, ...(caller.key ? { key_id: caller.key.keyId } : {}) };
      await log.record({ actor: actorOf(caller.user), action, target, detail: extra, ip: req.ip });
    },
  };
}

/** Runs an Automation operation and gives its refusals CKAN's kinds: 401/403 → Authorization Error
 *  (CKAN answers 403 to an anonymous write too), 404 → Not Found Error, a bad value → Validation
 *  Error naming the parameter (`field` when Agora's error names none). */
export async function asCkan<T>(field: string, fn: () => Promise<T> | T): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw ckanErrorOf(e, field) ?? e;
  }
}

export function ckanErrorOf(e: unknown, field: string): CkanError | null {
  if (e instanceof CkanError) return e;
  if (!isAgoraError(e)) return null;
  if (e.status === 401 || e.status === 403) return new CkanError('Authorization Error', `Access denied: ${e.message}`);
  if (e.status === 404) return new CkanError('Not Found Error', `Not found: ${e.message}`);
  if (e.status === 400 || e.status === 409 || e.status === 413 || e.code === 'OUTBOUND_FAILED') {
    const detail = e.details.detail;
    const fields = detail && typeof detail === 'object' && !Array.isArray(detail) && Object.values(detail).every((v) => Array.isArray(v))
      ? detail as Record<string, string[]> : { [field]: [e.message] };
    return new CkanError('Validation Error', e.message, fields);
  }
  return null;
}

/** The dataset a package id or name names, if the caller may edit it (404 when they cannot even see
 *  it, 403 when they can but lack `perm`), as the Automation API decides. */
export function editablePackage(w: WriteContext, id: string, perm: Parameters<typeof datasetFor>[3], what = 'Package was not found.'): Dataset {
  // Without an identity nothing is looked up, and a dataset the caller cannot see answers as a
  // missing one, word for word: a write never tells whether a hidden dataset exists.
  requireIdentity(w);
  const ds = w.ctx.catalog.find(id) ?? w.ctx.catalog.findByUid(id);
  const missing = new CkanError('Not Found Error', `Not found: ${what}`);
  if (!ds) throw missing;
  try {
    return datasetFor(w.deps, w.caller, ds.dataset_uid, perm);
  } catch (e) {
    if (isAgoraError(e) && e.status === 404) throw missing;
    throw ckanErrorOf(e, 'id') ?? e;
  }
}

export function requireIdentity(w: WriteContext): void {
  if (!w.caller.user) throw new CkanError('Authorization Error', 'Access denied: this action needs an API key (Authorization: KEY, X-CKAN-API-Key: KEY or Authorization: Apikey KEY)');
}

export function asCkanSync<T>(field: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw ckanErrorOf(e, field) ?? e;
  }
}

/** Refuses keys an action does not know (CKAN's "The input field … was not expected"). */
export function onlyKeys(where: string, o: Record<string, unknown>, known: readonly string[]): void {
  for (const k of Object.keys(o)) {
    if (!known.includes(k)) throw new CkanError('Validation Error', `${where}: The input field ${k} was not expected.`, { [where]: [`The input field ${k} was not expected.`] });
  }
}

export function isDict(v: unknown): v is CkanData {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
