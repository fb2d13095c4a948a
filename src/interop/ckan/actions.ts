// The CKAN Action API: one handler per action. Catalog actions read the in-memory catalog over the
// visible datasets; datastore actions run records through the ODSQL pipeline; the write actions
// (write-package.ts, write-resource.ts, write-datastore.ts) go through the Automation API's checks.
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../server/context.ts';
import { describedDatasets, visibleDatasets } from '../visibility.ts';
import { CKAN_ACTIONS } from './actions-list.ts';
import { CkanError, notFound } from './envelope.ts';
import { ckanTime, datastoreResourceId, orgDict, packageDict, resources, type CkanContext } from './package.ts';
import type { Dataset } from '../../core/types.ts';
import { flag, integer, required, text, type CkanData } from './params.ts';
import { collections, packageSearch } from './search.ts';

export type CkanHandler = (ctx: AppContext, req: FastifyRequest, data: CkanData) => Promise<unknown>;

const ckanContext = (ctx: AppContext): CkanContext => ({ baseUrl: ctx.config.baseUrl, portalName: ctx.config.portalName });

function findPackage(ctx: AppContext, req: FastifyRequest, id: string) {
  const ds = visibleDatasets(ctx, req).find((d) => d.dataset_id === id || d.dataset_uid === id);
  if (!ds) throw notFound('package');
  return ds;
}

/** What CKAN's group dictionaries count: datasets, followers (none: Agora has no followers yet) and
 *  when the collection began (its oldest dataset's creation, as CKAN's `created`). */
function counts(o: { datasets: Dataset[] }): Record<string, unknown> {
  const first = o.datasets.map((ds) => ds.created).sort()[0];
  return { package_count: o.datasets.length, num_followers: 0, created: ckanTime(first) };
}

function listOf(kind: 'organization' | 'group'): CkanHandler {
  return async (ctx, req, d) => {
    const c = ckanContext(ctx);
    const all = [...collections(visibleDatasets(ctx, req), c, kind).values()];
    const sort = (text(d, 'sort') ?? 'name asc').toLowerCase().trim();
    const [key, dir = 'asc'] = sort.split(/\s+/);
    const val = (o: (typeof all)[number]): string | number => (key === 'package_count' ? o.datasets.length : key === 'title' ? o.title.toLowerCase() : o.name);
    if (!['name', 'title', 'package_count'].includes(key!)) throw new CkanError('Validation Error', `sort: cannot sort by ${key}`, { sort: [`Cannot sort by field \`${key}\``] });
    all.sort((a, b) => { const x = val(a), y = val(b); return (x < y ? -1 : x > y ? 1 : 0) * (dir === 'desc' ? -1 : 1); });
    const offset = integer(d, 'offset', 0, 0, Number.MAX_SAFE_INTEGER);
    const limit = integer(d, 'limit', 1000, 0, 1000);
    const page = all.slice(offset, offset + limit);
    return flag(d, 'all_fields', false) ? page.map((o) => orgDict(o, c, kind, counts(o))) : page.map((o) => o.name);
  };
}

function showOf(kind: 'organization' | 'group'): CkanHandler {
  return async (ctx, req, d) => {
    const c = ckanContext(ctx);
    const id = required(d, 'id');
    const o = [...collections(visibleDatasets(ctx, req), c, kind).values()].find((x) => x.name === id || x.id === id);
    if (!o) throw notFound(kind);
    const extra: Record<string, unknown> = { ...counts(o), users: [], extras: [], tags: [], groups: [] };
    if (flag(d, 'include_datasets', false)) extra.packages = o.datasets.slice(0, 1000).map((ds) => packageDict(ds, c));
    return orgDict(o, c, kind, extra);
  };
}

export const CKAN_HANDLERS: Record<string, CkanHandler> = {
  status_show: async (ctx) => ({
    site_title: ctx.config.portalName, site_url: ctx.config.baseUrl, site_description: `${ctx.config.portalName} open data portal (Agora)`,
    ckan_version: '2.10.0', error_emails_to: null, locale_default: 'en', extensions: ['datastore', 'dcat', 'agora'],
  }),
  package_list: async (ctx, req, d) => {
    const offset = integer(d, 'offset', 0, 0, Number.MAX_SAFE_INTEGER);
    const names = visibleDatasets(ctx, req).map((ds) => ds.dataset_id);
    const limit = integer(d, 'limit', names.length, 0, Number.MAX_SAFE_INTEGER);
    return names.slice(offset, offset + limit);
  },
  package_show: async (ctx, req, d) => packageDict((await describedDatasets(ctx, req, [findPackage(ctx, req, required(d, 'id'))]))[0], ckanContext(ctx)),
  package_search: async (ctx, req, d) => packageSearch(await describedDatasets(ctx, req, visibleDatasets(ctx, req)), d, ckanContext(ctx)),
  organization_list: listOf('organization'),
  organization_show: showOf('organization'),
  group_list: listOf('group'),
  group_show: showOf('group'),
  tag_list: async (ctx, req, d) => {
    const query = text(d, 'query')?.toLowerCase();
    const tags = [...new Set(visibleDatasets(ctx, req).flatMap((ds) => ds.metas.default.keyword ?? []))]
      .filter((t) => !query || t.toLowerCase().includes(query)).sort();
    return flag(d, 'all_fields', false) ? tags.map((t) => ({ id: t, name: t, display_name: t, vocabulary_id: null })) : tags;
  },
  resource_show: async (ctx, req, d) => {
    const id = required(d, 'id');
    const datasetId = id.includes('.') ? id.slice(0, id.indexOf('.')) : id;
    const ds = visibleDatasets(ctx, req).find((x) => x.dataset_id === datasetId);
    const res = ds && resources(ds, ckanContext(ctx)).find((r) => r.id === id);
    if (!res) throw notFound('resource');
    return res;
  },
  datastore_search: async (ctx, req, d) => (await import('./datastore.ts')).datastoreSearch(ctx, req, d),
  datastore_info: async (ctx, req, d) => (await import('./datastore.ts')).datastoreInfo(ctx, req, d),
  help_show: async (_ctx, _req, d) => {
    const name = required(d, 'name');
    const info = CKAN_ACTIONS.find((a) => a.name === name);
    if (!info) throw new CkanError('Not Found Error', `Action function not found: ${name}`);
    const params = info.params.map((x) => `:param ${x.name}: ${x.description}${x.required ? ' (required)' : ''}`);
    return [`${info.summary}.`, ...(params.length ? ['', ...params] : [])].join('\n');
  },
  package_create: async (ctx, req, d) => (await import('./write-package.ts')).packageCreate(ctx, req, d),
  package_update: async (ctx, req, d) => (await import('./write-package.ts')).packageUpdate(ctx, req, d),
  package_patch: async (ctx, req, d) => (await import('./write-package.ts')).packagePatch(ctx, req, d),
  package_delete: async (ctx, req, d) => (await import('./write-package.ts')).packageDelete(ctx, req, d),
  dataset_purge: async (ctx, req, d) => (await import('./write-package.ts')).datasetPurge(ctx, req, d),
  resource_create: async (ctx, req, d) => (await import('./write-resource.ts')).resourceCreate(ctx, req, d),
  resource_update: async (ctx, req, d) => (await import('./write-resource.ts')).resourceUpdate(ctx, req, d),
  datastore_create: async (ctx, req, d) => (await import('./write-datastore.ts')).datastoreCreate(ctx, req, d),
  datastore_upsert: async (ctx, req, d) => (await import('./write-datastore.ts')).datastoreUpsert(ctx, req, d),
  datastore_delete: async (ctx, req, d) => (await import('./write-datastore.ts')).datastoreDelete(ctx, req, d),
  datastore_search_sql: async () => {
    throw new CkanError('Authorization Error', 'Access denied: datastore_search_sql is disabled on this portal; use datastore_search (filters, q, sort, fields) instead');
  },
};

for (const a of CKAN_ACTIONS) if (!CKAN_HANDLERS[a.name]) throw new Error(`CKAN action ${a.name} has no handler`);

export { datastoreResourceId };
