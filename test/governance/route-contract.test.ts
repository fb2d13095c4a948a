// The route contract: the routes the server registers (listed through Fastify's onRoute hook, every
// optional route on: the web app, OpenID Connect) against ROUTE_CONTRACT in route-contract.ts. A new
// route fails here until it has its line there (a matrix section, or a reason it carries no data).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { closePortal, openPortal } from '../../src/server/portal.ts';
import { buildApp } from '../../src/server/app.ts';
import type { AppContext } from '../../src/server/context.ts';
import { ROUTE_CONTRACT, SECTION, routeRecorder } from './route-contract.ts';

let ctx: AppContext;
let app: FastifyInstance;
let dir: string;
let routes: string[];
const ENV = { AGORA_OIDC_ISSUER: 'https://sso.city.example', AGORA_OIDC_CLIENT_ID: 'agora' } as Record<string, string>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'agora-routes-'));
  mkdirSync(join(dir, 'dist'));
  writeFileSync(join(dir, 'dist', 'index.html'), '<!doctype html><html><head><title>x</title><!--agora:head--></head><body></body></html>');
  Object.assign(process.env, ENV, { AGORA_WEB_DIST: join(dir, 'dist') });
  ctx = await openPortal({ inMemory: true, baseUrl: 'http://portal.test' });
  const rec = routeRecorder();
  app = await buildApp(ctx, { onRoute: rec.onRoute });
  await app.ready();
  routes = rec.routes();
});
afterAll(async () => {
  for (const k of [...Object.keys(ENV), 'AGORA_WEB_DIST']) delete process.env[k];
  await app?.close(); if (ctx) await closePortal(ctx); rmSync(dir, { recursive: true, force: true });
});

describe('the route contract', () => {
  it('every route the server registers is in the table', () => {
    expect(routes.length).toBeGreaterThan(100); // the hook saw the routes at all
    const missing = routes.filter((r) => !Object.hasOwn(ROUTE_CONTRACT, r));
    expect(missing.map((r) => `${r} is not in the route contract: add it to the security matrix (a case in matrix.test.ts and its line in test/governance/route-contract.ts), or class it there as open with the reason it carries no data`)).toEqual([]);
  });
  it('every route the table names is still registered', () => {
    const gone = Object.keys(ROUTE_CONTRACT).filter((r) => !routes.includes(r));
    expect(gone.map((r) => `${r} is in the route contract but the server no longer has it: remove its line`)).toEqual([]);
  });
  it('every open route gives its reason; every section is a describe of matrix.test.ts', () => {
    const source = readFileSync(new URL('./matrix.test.ts', import.meta.url), 'utf8');
    for (const [route, c] of Object.entries(ROUTE_CONTRACT)) {
      if ('open' in c) expect(c.open.length, route).toBeGreaterThan(20);
      else {
        const name = Object.entries(SECTION).find(([, v]) => v === c.matrix)![0];
        expect(source.includes(`describe(SECTION.${name},`), `${route}: section ${name} is not a describe of matrix.test.ts`).toBe(true);
      }
    }
    expect(source.includes('describe(SECTION.badKey,'), 'the bad-key sweep').toBe(true);
  });
});
