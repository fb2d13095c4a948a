// API keys over HTTP for the signed-in caller: GET/POST /api/auth/apikeys, DELETE
// /api/auth/apikeys/{key_id}. The new key is in the POST answer only (stored hashed). A key can only
// mint keys with a subset of its own scopes; edit_domain holders may manage other users' keys.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AgoraError } from '../core/errors.ts';
import { hasPermission, type AuditLog, type Caller, type GovernanceStore } from '../governance/index.ts';
import { callerOf } from './auth.ts';

function whose(store: GovernanceStore, c: Caller, username: string | undefined): string {
  if (!c.user) throw new AgoraError('UNAUTHORIZED', 'Authentication required to manage API keys.');
  const target = username ?? c.user.username;
  if (target !== c.user.username && !hasPermission(store, c, 'edit_domain')) {
    throw new AgoraError('FORBIDDEN', 'Permission denied: edit_domain is required to manage the API keys of another user.');
  }
  store.getUser(target);
  return target;
}

export async function registerKeyRoutes(app: FastifyInstance, store: GovernanceStore, audit: AuditLog): Promise<void> {
  type Req = FastifyRequest<{ Querystring: Record<string, string | undefined>; Params: { key_id?: string } }>;
  const view = (k: ReturnType<GovernanceStore['apiKeys']>[number]) => ({ key_id: k.keyId, username: k.username, scopes: k.scopes, created: k.created, revoked: k.revoked });

  app.get('/api/auth/apikeys', async (req: Req) => {
    const username = whose(store, callerOf(req), req.query.username);
    return { results: store.apiKeys(username).map(view) };
  });

  app.post('/api/auth/apikeys', async (req: Req, reply) => {
    const c = callerOf(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const username = whose(store, c, typeof body.username === 'string' ? body.username : undefined);
    const scopes = body.scopes === undefined ? [] : body.scopes;
    if (!Array.isArray(scopes) || scopes.some((s) => typeof s !== 'string')) throw new AgoraError('PARAMETER_INVALID', 'Invalid scopes: expected a list of scope names.');
    if (c.key) {
      const beyond = (scopes as string[]).filter((s) => !c.key!.scopes.includes(s as never) && !c.key!.scopes.includes('admin'));
      if (beyond.length) throw new AgoraError('FORBIDDEN', `Permission denied: this API key cannot create a key with the scope(s) ${beyond.join(', ')} it does not have.`);
    }
    const k = await store.createApiKey(username, scopes as string[]);
    await audit.record({ actor: `user:${c.user!.username}`, action: 'apikey.create', target: username, detail: { key_id: k.keyId, scopes: k.scopes }, ip: req.ip });
    return reply.status(201).send({ key_id: k.keyId, username, scopes: k.scopes, key: k.key });
  });

  app.delete('/api/auth/apikeys/:key_id', async (req: Req, reply) => {
    const c = callerOf(req);
    if (!c.user) throw new AgoraError('UNAUTHORIZED', 'Authentication required to manage API keys.');
    const k = store.apiKeys().find((x) => x.keyId === req.params.key_id);
    // Another user's key id is as unknown as a missing one to whoever may not manage it.
    if (!k || (k.username !== c.user.username && !hasPermission(store, c, 'edit_domain'))) {
      throw new AgoraError('ACCOUNT_NOT_FOUND', `Unknown API key id: ${req.params.key_id}`);
    }
    await store.revokeApiKey(k.keyId);
    await audit.record({ actor: `user:${c.user!.username}`, action: 'apikey.revoke', target: k.username, detail: { key_id: k.keyId }, ip: req.ip });
    return reply.status(204).send();
  });
}
