// The Automation API's pages (ODS studio_pages, also at /pages/): list, create, retrieve, update,
// delete, publish, unpublish, security/users|groups (readers of a restricted page); versions and
// restore, export and import (Agora). HTTP wiring and
// audit only; the checks and operations live in pages/operations.ts.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { callerOf } from '../auth.ts';
import { ensurePages } from '../pages-store.ts';
import {
  automationBody, createPage, deletePage, exportBody, importPage, may, restoreVersion, setPagePublished, updatePage,
  readRuleset, rulesetBodies, rulesetBody, setReaders, withReader, type RulesetKind,
} from '../../pages/index.ts';
import { AgoraError } from '../../core/errors.ts';
import type { Done } from './automation-authoring.ts';

type Q = Record<string, string | undefined>;
type PageReq = FastifyRequest<{ Params: { uid: string; n?: string }; Querystring: Q }>;
type Paginate = (req: FastifyRequest, all: unknown[], q: Q) => Record<string, unknown>;

export async function registerPageRoutes(api: FastifyInstance, ctx: AppContext, done: Done, paginated: Paginate): Promise<void> {
  const d = await ensurePages(ctx);
  const editor = (req: FastifyRequest) => {
    const c = callerOf(req);
    if (!c.user) throw new AgoraError('UNAUTHORIZED', 'Authentication required: send an API key ("Authorization: Apikey KEY").');
    if (!may(d.store, c, 'edit_page') && !may(d.store, c, 'create_page')) throw new AgoraError('FORBIDDEN', 'Permission denied: edit_page is required.');
    return c;
  };
  /** Changing readers needs manage_page: checked before the body is read, so refusals say nothing of accounts. */
  const manager = (req: FastifyRequest) => {
    const c = editor(req);
    if (!may(d.store, c, 'manage_page')) throw new AgoraError('FORBIDDEN', 'Permission denied: manage_page is required.');
  };
  for (const base of ['/pages', '/studio_pages']) {
    api.get(base, async (req: FastifyRequest<{ Querystring: Q }>) => {
      editor(req);
      const all = d.pages.list().filter((p) => !req.query.slug || p.slug === req.query.slug);
      return paginated(req, all.map((p) => automationBody(p, d.env)), req.query);
    });
    api.post(base, async (req, reply) => {
      const p = await createPage(d, callerOf(req), req.body);
      await done(req, 'page.create', p.uid, { slug: p.slug });
      return reply.status(201).send(automationBody(p, d.env));
    });
    api.post(`${base}/import`, async (req: FastifyRequest<{ Querystring: Q }>, reply) => {
      const { page, created } = await importPage(d, callerOf(req), req.body, req.query.replace === 'true');
      await done(req, 'page.import', page.uid, { slug: page.slug, created });
      return reply.status(created ? 201 : 200).send(automationBody(page, d.env));
    });
    api.get(`${base}/:uid`, async (req: PageReq) => { editor(req); return automationBody(d.pages.get(req.params.uid), d.env); });
    api.put(`${base}/:uid`, async (req: PageReq) => {
      const p = await updatePage(d, callerOf(req), req.params.uid, req.body);
      await done(req, 'page.update', p.uid, { slug: p.slug });
      return automationBody(p, d.env);
    });
    api.delete(`${base}/:uid`, async (req: PageReq, reply) => {
      const p = await deletePage(d, callerOf(req), req.params.uid);
      await done(req, 'page.delete', p.uid, { slug: p.slug });
      return reply.status(204).send();
    });
    for (const publish of [true, false]) {
      api.post(`${base}/:uid/${publish ? 'publish' : 'unpublish'}`, async (req: PageReq) => {
        const p = await setPagePublished(d, callerOf(req), req.params.uid, publish);
        await done(req, publish ? 'page.publish' : 'page.unpublish', p.uid, { slug: p.slug });
        return { detail: 'ok' };
      });
    }
    api.get(`${base}/:uid/versions`, async (req: PageReq) => {
      editor(req);
      return paginated(req, await d.pages.versions(d.pages.get(req.params.uid).uid), req.query);
    });
    api.get(`${base}/:uid/versions/:n`, async (req: PageReq) => {
      editor(req);
      return d.pages.version(d.pages.get(req.params.uid).uid, versionNumber(req.params.n));
    });
    api.post(`${base}/:uid/versions/:n/restore`, async (req: PageReq) => {
      const p = await restoreVersion(d, callerOf(req), req.params.uid, versionNumber(req.params.n));
      await done(req, 'page.restore', p.uid, { slug: p.slug, version: Number(req.params.n) });
      return automationBody(p, d.env);
    });
    for (const kind of ['user', 'group'] as RulesetKind[]) {
      type RuleReq = FastifyRequest<{ Params: { uid: string; name: string }; Querystring: Q }>;
      const path = `${base}/:uid/security/${kind}s`;
      const change = async (req: FastifyRequest<{ Params: { uid: string } }>, name: string, present: boolean) => {
        const p = await setReaders(d, callerOf(req), req.params.uid, withReader(d.pages.get(req.params.uid), kind, name, present));
        await done(req, present ? `page.security.${kind}.create` : `page.security.${kind}.delete`, p.uid, { slug: p.slug, [kind]: name });
        return p;
      };
      api.get(path, async (req: PageReq) => { editor(req); return paginated(req, rulesetBodies(d.pages.get(req.params.uid), kind), req.query); });
      api.post(path, async (req: PageReq, reply) => {
        manager(req);
        const name = readRuleset(req.body, kind, d.store);
        return reply.status(201).send(rulesetBody(await change(req, name, true), kind, name));
      });
      api.get(`${path}/:name`, async (req: RuleReq) => { editor(req); return rulesetBody(d.pages.get(req.params.uid), kind, req.params.name); });
      api.put(`${path}/:name`, async (req: RuleReq) => {
        manager(req);
        const name = readRuleset(req.body, kind, d.store);
        if (name !== req.params.name) throw new AgoraError('PARAMETER_INVALID', `Invalid ${kind}: the body names "${name}", the address "${req.params.name}"`, { detail: { [kind]: ['differs from the address'] } });
        return rulesetBody(await change(req, name, true), kind, name);
      });
      api.delete(`${path}/:name`, async (req: RuleReq, reply) => {
        manager(req);
        rulesetBody(d.pages.get(req.params.uid), kind, req.params.name);
        await change(req, req.params.name, false);
        return reply.status(204).send();
      });
    }
    api.get(`${base}/:uid/export`, async (req: PageReq, reply) => {
      editor(req);
      const p = d.pages.get(req.params.uid);
      reply.header('Content-Disposition', `attachment; filename="page-${p.slug}.json"`);
      return exportBody(p);
    });
  }
}

function versionNumber(raw: string | undefined): number {
  if (!raw || !/^[1-9]\d{0,8}$/.test(raw)) throw new AgoraError('PARAMETER_INVALID', `Invalid version: "${raw}" (a positive integer)`, { detail: { version: ['a positive integer'] } });
  return Number(raw);
}
