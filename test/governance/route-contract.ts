// The route contract: every route the server registers (method + URL pattern, HEAD folded into its
// GET), and how its security is tested — by a section of the security matrix (matrix.test.ts, every
// caller × the route, the expected answers computed from the fixture), or, for a route that carries no
// dataset data, a one-line reason. route-contract.test.ts fails on a route missing here or gone from
// the server; matrix.test.ts fails when a route classed under a section was not asked by every caller
// there. Adding a route is one line.
import type { RouteOptions } from 'fastify';

/** The matrix sections (top-level describe titles of matrix.test.ts). */
export const SECTION = {
  dataset: 'dataset routes (records, single records, facets, aggregates, exports, datastore_search)',
  catalog: 'the catalog and the interop feeds',
  reads: 'more dataset reads (export lists, attachments, API docs, embeds, views, CKAN actions)',
  branding: 'the portal branding routes',
  manage: 'managing datasets (Automation API: datasets, metadata, fields, resources, rulesets)',
  ckanWrites: 'CKAN writes (package, resource and datastore actions, as ckanapi sends them)',
  processors: 'dataset processors (Automation API)',
  push: 'the push API and real-time resources',
  schedules: 'scheduled refreshes (schedules, run history, refresh now)',
  harvesters: 'harvesters (Automation API: sources, runs, previews, schedules)',
  directory: 'users, groups, API keys and the audit log',
  pages: 'pages (dashboards and stories)',
  reuses: 'reuses (submitting, moderating, the public list and its datasets)',
  streams: 'live record streams (SSE) under the access rules',
  /** Not a class of its own: every route of the inventory, asked with an unknown API key. */
  badKey: 'a bad API key is refused on every route',
} as const;
export type Section = (typeof SECTION)[keyof typeof SECTION];

export type RouteClass = { matrix: Section } | { open: string };
const m = (s: Section): RouteClass => ({ matrix: s });
const open = (reason: string): RouteClass => ({ open: reason });

const A = '/api/automation/v1.0';
const E = '/api/explore/v2.1';
const DS = `${A}/datasets/:uid`;

/** The pages API answers under both names ODS uses (pages, studio_pages): every route twice. */
function pagesRoutes(prefix: string): Record<string, RouteClass> {
  const p = `${A}/${prefix}`;
  return Object.fromEntries([
    `GET ${p}`, `POST ${p}`, `POST ${p}/import`, `GET ${p}/:uid`, `PUT ${p}/:uid`, `DELETE ${p}/:uid`, `POST ${p}/:uid/publish`,
    `POST ${p}/:uid/unpublish`, `GET ${p}/:uid/versions`, `GET ${p}/:uid/versions/:n`, `POST ${p}/:uid/versions/:n/restore`, `GET ${p}/:uid/export`,
    ...['users', 'groups'].flatMap((k) => [`GET ${p}/:uid/security/${k}`, `POST ${p}/:uid/security/${k}`, `GET ${p}/:uid/security/${k}/:name`,
      `PUT ${p}/:uid/security/${k}/:name`, `DELETE ${p}/:uid/security/${k}/:name`]),
  ].map((r) => [r, m(SECTION.pages)]));
}

export const ROUTE_CONTRACT: Record<string, RouteClass> = {
  // ---- Explore API v2.1 ----
  [`GET ${E}`]: open('links to the catalog and the API document, the same for everyone'),
  [`GET ${E}/catalog`]: open('links to the catalog routes, the same for everyone'),
  [`GET ${E}/catalog/datasets`]: m(SECTION.catalog),
  [`GET ${E}/catalog/datasets/:dataset_id`]: m(SECTION.catalog),
  [`GET ${E}/catalog/facets`]: m(SECTION.catalog),
  [`GET ${E}/catalog/exports`]: open('the list of catalog export formats, the same for everyone'),
  [`GET ${E}/catalog/exports/:format`]: m(SECTION.catalog),
  [`GET ${E}/catalog/datasets/:dataset_id/records`]: m(SECTION.dataset),
  [`GET ${E}/catalog/datasets/:dataset_id/records/:record_id`]: m(SECTION.dataset),
  [`GET ${E}/catalog/datasets/:dataset_id/records/stream`]: m(SECTION.streams),
  [`GET ${E}/catalog/datasets/:dataset_id/facets`]: m(SECTION.dataset),
  [`GET ${E}/catalog/datasets/:dataset_id/exports`]: m(SECTION.reads),
  [`GET ${E}/catalog/datasets/:dataset_id/exports/:format`]: m(SECTION.dataset),
  [`GET ${E}/catalog/datasets/:dataset_id/attachments`]: m(SECTION.reads),
  [`GET ${E}/catalog/datasets/:dataset_id/openapi.json`]: m(SECTION.catalog),
  [`GET ${E}/openapi.json`]: open('the whole API\'s OpenAPI document: built from the portal name and base URL, names no dataset'),
  [`GET ${E}/console`]: m(SECTION.reads),
  'GET /docs/api': m(SECTION.reads),
  'GET /docs/api/datasets/:dataset_id': m(SECTION.reads),
  // ---- feeds and CKAN ----
  'GET /data.json': m(SECTION.catalog),
  'GET /api/3': open('CKAN\'s API version, {"version": 3}'),
  'GET /api/3/action/:action': m(SECTION.catalog),
  'POST /api/3/action/:action': m(SECTION.reads),
  'GET /api/action/:action': m(SECTION.reads),
  'POST /api/action/:action': m(SECTION.ckanWrites),
  // ---- push ----
  'POST /api/push/1.0/:dataset_id/:resource_id/push': m(SECTION.push),
  'POST /api/push/1.0/:dataset_id/:resource_id/delete': m(SECTION.push),
  'GET /api/push/1.0/:dataset_id/:resource_id/:record_id/delete': m(SECTION.push),
  // ---- Automation API: datasets ----
  [`GET ${A}/datasets`]: m(SECTION.manage),
  [`POST ${A}/datasets`]: m(SECTION.manage),
  [`GET ${DS}`]: m(SECTION.manage),
  [`PUT ${DS}`]: m(SECTION.manage),
  [`DELETE ${DS}`]: m(SECTION.manage),
  [`POST ${DS}/publish`]: m(SECTION.manage),
  [`POST ${DS}/unpublish`]: m(SECTION.manage),
  [`GET ${DS}/status`]: m(SECTION.manage),
  [`GET ${DS}/metadata`]: m(SECTION.manage),
  [`PUT ${DS}/metadata`]: m(SECTION.manage),
  [`GET ${DS}/metadata/:template`]: m(SECTION.manage),
  [`PUT ${DS}/metadata/:template`]: m(SECTION.manage),
  [`GET ${DS}/metadata/:template/:key`]: m(SECTION.manage),
  [`PUT ${DS}/metadata/:template/:key`]: m(SECTION.manage),
  [`DELETE ${DS}/metadata/:template/:key`]: m(SECTION.manage),
  [`GET ${DS}/fields`]: m(SECTION.manage),
  [`POST ${DS}/fields`]: m(SECTION.manage),
  [`GET ${DS}/fields/:item`]: m(SECTION.manage),
  [`PUT ${DS}/fields/:item`]: m(SECTION.manage),
  [`DELETE ${DS}/fields/:item`]: m(SECTION.manage),
  [`GET ${DS}/resources`]: m(SECTION.push),
  [`POST ${DS}/resources`]: m(SECTION.manage),
  [`POST ${DS}/resources/preview`]: m(SECTION.manage),
  [`POST ${DS}/resources/files`]: m(SECTION.manage),
  [`GET ${DS}/resources/files/:item`]: m(SECTION.manage),
  [`GET ${DS}/resources/:item`]: m(SECTION.manage),
  [`PUT ${DS}/resources/:item`]: m(SECTION.manage),
  [`DELETE ${DS}/resources/:item`]: m(SECTION.manage),
  [`GET ${DS}/resources/:item/preview`]: m(SECTION.manage),
  [`POST ${DS}/resources/:item/enable`]: m(SECTION.manage),
  [`POST ${DS}/resources/:item/disable`]: m(SECTION.push),
  [`GET ${DS}/resources/:item/dead_letters`]: m(SECTION.push),
  [`POST ${DS}/resources/:item/renew_api_key`]: m(SECTION.push),
  [`GET ${DS}/realtime_settings`]: m(SECTION.manage),
  [`PUT ${DS}/realtime_settings`]: m(SECTION.push),
  [`POST ${DS}/realtime_settings/apply_retention`]: m(SECTION.push),
  [`GET ${DS}/security/preview`]: m(SECTION.manage),
  ...Object.fromEntries(['users', 'groups'].flatMap((k) => [
    `GET ${DS}/security/${k}`, `POST ${DS}/security/${k}`, `GET ${DS}/security/${k}/:name`, `PUT ${DS}/security/${k}/:name`, `DELETE ${DS}/security/${k}/:name`,
  ]).map((r) => [r, m(SECTION.manage)])),
  [`GET ${A}/processors`]: open('the catalogue of processor types and their parameters, the same for everyone'),
  [`GET ${DS}/processors`]: m(SECTION.processors),
  [`POST ${DS}/processors`]: m(SECTION.processors),
  [`PUT ${DS}/processors`]: m(SECTION.processors),
  [`GET ${DS}/processors/export`]: m(SECTION.processors),
  [`POST ${DS}/processors/preview`]: m(SECTION.processors),
  [`GET ${DS}/processors/:puid`]: m(SECTION.processors),
  [`PUT ${DS}/processors/:puid`]: m(SECTION.processors),
  [`DELETE ${DS}/processors/:puid`]: m(SECTION.processors),
  [`POST ${DS}/processors/:puid/move`]: m(SECTION.processors),
  [`GET ${DS}/schedules`]: m(SECTION.schedules),
  [`POST ${DS}/schedules`]: m(SECTION.schedules),
  [`GET ${DS}/schedules/:sid`]: m(SECTION.schedules),
  [`PUT ${DS}/schedules/:sid`]: m(SECTION.schedules),
  [`DELETE ${DS}/schedules/:sid`]: m(SECTION.schedules),
  [`GET ${DS}/refresh_runs`]: m(SECTION.schedules),
  [`POST ${DS}/refresh`]: m(SECTION.schedules),
  ...Object.fromEntries([
    `GET ${A}/harvester_types`, `POST ${A}/harvesters/unsaved_preview`,
    `GET ${A}/harvesters`, `POST ${A}/harvesters`, `GET ${A}/harvesters/:uid`, `PUT ${A}/harvesters/:uid`, `DELETE ${A}/harvesters/:uid`,
    ...['start', 'abort', 'publish', 'unpublish', 'unsaved_preview', 'schedules'].map((x) => `POST ${A}/harvesters/:uid/${x}`),
    ...['errors', 'runs', 'preview', 'schedules', 'schedules/:sid'].map((x) => `GET ${A}/harvesters/:uid/${x}`),
    `PUT ${A}/harvesters/:uid/schedules/:sid`, `DELETE ${A}/harvesters/:uid/schedules/:sid`,
  ].map((r) => [r, m(SECTION.harvesters)])),
  // ---- Automation API: pages, users and groups ----
  ...pagesRoutes('pages'),
  ...pagesRoutes('studio_pages'),
  [`GET ${A}/users`]: m(SECTION.directory),
  [`POST ${A}/users/provision`]: m(SECTION.directory),
  [`GET ${A}/users/:username`]: m(SECTION.directory),
  [`PUT ${A}/users/:username`]: m(SECTION.directory),
  [`DELETE ${A}/users/:username`]: m(SECTION.directory),
  [`GET ${A}/groups`]: m(SECTION.directory),
  [`POST ${A}/groups`]: m(SECTION.directory),
  [`GET ${A}/groups/:uid`]: m(SECTION.directory),
  [`PUT ${A}/groups/:uid`]: m(SECTION.directory),
  [`DELETE ${A}/groups/:uid`]: m(SECTION.directory),
  [`GET ${A}/groups/:uid/users`]: m(SECTION.directory),
  [`POST ${A}/groups/:uid/users`]: m(SECTION.directory),
  [`DELETE ${A}/groups/:uid/users/:username`]: m(SECTION.directory),
  // ---- accounts ----
  'GET /api/auth/audit': m(SECTION.directory),
  'GET /api/auth/audit.csv': m(SECTION.directory),
  'GET /api/auth/apikeys': m(SECTION.directory),
  'POST /api/auth/apikeys': m(SECTION.directory),
  'DELETE /api/auth/apikeys/:key_id': m(SECTION.directory),
  'POST /api/auth/login': open('sign-in: answers about the credentials sent, no dataset data (sessions.test.ts, auth.test.ts)'),
  'POST /api/auth/logout': open('ends the caller\'s own session (sessions.test.ts)'),
  'GET /api/auth/session': open('the caller\'s own identity and permissions, no dataset data (sessions.test.ts)'),
  'POST /api/auth/password-reset/request': open('the same 202 whoever is named; no dataset data (reset-mail.test.ts)'),
  'POST /api/auth/password-reset/confirm': open('sets a password from a one-time token; no dataset data (auth.test.ts)'),
  'GET /api/auth/oidc': open('whether single sign-on is on and the issuer\'s address (oidc.test.ts)'),
  'GET /api/auth/oidc/login': open('a redirect to the single sign-on issuer (oidc.test.ts)'),
  'GET /api/auth/oidc/callback': open('completes a single sign-on, no dataset data (oidc.test.ts)'),
  // ---- the portal's own API ----
  'GET /api/agora/v1/portal': m(SECTION.branding),
  'GET /api/agora/v1/portal/logo': m(SECTION.branding),
  'GET /api/agora/v1/portal/branding': m(SECTION.branding),
  'PUT /api/agora/v1/portal/branding': m(SECTION.branding),
  'PUT /api/agora/v1/portal/branding/logo': m(SECTION.branding),
  'DELETE /api/agora/v1/portal/branding/logo': m(SECTION.branding),
  'GET /api/agora/v1/pages': m(SECTION.pages),
  'GET /api/agora/v1/pages/:slug': m(SECTION.pages),
  'GET /api/agora/v1/page-head': m(SECTION.pages),
  'GET /api/agora/v1/views': m(SECTION.reads),
  'POST /api/agora/v1/views/:dataset_id': m(SECTION.reads),
  'GET /api/agora/v1/reuses': m(SECTION.reuses),
  'GET /api/agora/v1/reuses/moderation': m(SECTION.reuses),
  'GET /api/agora/v1/reuses/:uid': m(SECTION.reuses),
  'POST /api/agora/v1/reuses': m(SECTION.reuses),
  'POST /api/agora/v1/reuses/:uid/approve': m(SECTION.reuses),
  'POST /api/agora/v1/reuses/:uid/reject': m(SECTION.reuses),
  'DELETE /api/agora/v1/reuses/:uid': m(SECTION.reuses),
  // ---- web pages ----
  'GET /assets/*': open('the web app\'s built script, style and font files'),
  'GET /': open('the web app\'s home shell: the portal name only; the app asks the API for the rest'),
  'GET /datasets': open('the web app\'s catalog shell: the portal name only; the app asks the API for the rest'),
  'GET /datasets/:dataset_id': m(SECTION.catalog),
  'GET /reuses': open('the web app\'s reuses gallery shell: the portal name only; the app asks the API for the reuses'),
  'GET /embed/datasets/:dataset_id/:view': m(SECTION.reads),
  'GET /pages/:slug': m(SECTION.pages),
  'GET /embed/pages/:slug': m(SECTION.pages),
  'GET /embed/pages/:slug/blocks/:block': m(SECTION.pages),
  'GET /signin': open('the back office\'s sign-in shell, the same for everyone'),
  'GET /admin': open('the back office shell; everything behind it comes from the API'),
  'GET /admin/*': open('the back office shell; everything behind it comes from the API'),
  'GET /robots.txt': m(SECTION.catalog),
  'GET /sitemap.xml': m(SECTION.catalog),
  'GET /dataset/:id': m(SECTION.catalog),
  'GET /dataset': open('a redirect to /datasets built from the query string alone'),
  'GET /dataset/:id/*': open('a redirect to /datasets/{id} built from the path alone, the same for a hidden dataset as a missing one'),
  'GET /explore': open('a redirect to /datasets built from the query string alone'),
  'GET /explore/dataset/:id': open('a redirect to /datasets/{id} built from the path alone, the same for a hidden dataset as a missing one'),
  'GET /explore/dataset/:id/:tab': open('a redirect to /datasets/{id} built from the path alone, the same for a hidden dataset as a missing one'),
};

/** Collects "METHOD /url" of every route as it is registered: pass `onRoute` to buildApp. HEAD routes
 *  Fastify adds for a GET are folded into it. */
export function routeRecorder(): { onRoute: (r: RouteOptions) => void; routes: () => string[] } {
  const seen = new Set<string>();
  return {
    onRoute: (r) => { for (const method of [r.method].flat()) seen.add(`${method} ${r.url}`); },
    routes: () => [...seen].filter((k) => !(k.startsWith('HEAD ') && seen.has(`GET ${k.slice(5)}`))).sort(),
  };
}

export const matrixRoutes = (): string[] => Object.keys(ROUTE_CONTRACT).filter((k) => 'matrix' in ROUTE_CONTRACT[k]);
