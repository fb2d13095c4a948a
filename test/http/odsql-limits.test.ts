// Queries at the edges answer 400 with a message naming the problem, never 500: nesting past the
// depth limit, numbers past 2^53, values that overflow while computed (records), literals in order_by, nulls inside functions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.ts';
import { closePortal } from '../../src/server/portal.ts';
import type { AppContext } from '../../src/server/context.ts';
import { csvPortal } from '../governance/support.ts';

let ctx: AppContext;
let app: FastifyInstance;
let dir: string;
beforeAll(async () => {
  ({ ctx, dir } = await csvPortal('odsql-limits', [{ id: 'trees', csv: 'name;age\nPlatane;120\nChêne;80\n' }]));
  app = await buildApp(ctx);
});
afterAll(async () => { await app?.close(); if (ctx) await closePortal(ctx); rmSync(dir, { recursive: true, force: true }); });

const get = (route: string, params: Record<string, string>) =>
  app.inject({ method: 'GET', url: `/api/explore/v2.1/catalog/datasets/trees/${route}?${new URLSearchParams(params)}` });

describe('ODSQL limits over HTTP', () => {
  it('a few hundred nested parentheses, NOTs or calls are a 400 naming the depth limit', async () => {
    const nest = (n: number, inner: string) => '('.repeat(n) + inner + ')'.repeat(n);
    for (const [param, text] of [['where', nest(400, 'age > 1')], ['select', nest(400, 'age')], ['order_by', nest(400, 'age')],
      ['group_by', nest(400, 'name')], ['where', 'not '.repeat(300) + 'age > 1'], ['select', 'abs('.repeat(300) + 'age' + ')'.repeat(300)]]) {
      const r = await get('records', { [param]: text });
      expect(r.statusCode, `${param}: ${r.body}`).toBe(400);
      expect(r.json()).toMatchObject({ error_code: 'ODSQLError' });
      expect(r.json().message).toMatch(new RegExp(`${param} clause at position \\d+: expression nested too deeply: at most 100 levels`));
    }
    expect((await get('records', { where: nest(50, 'age > 1') })).json().total_count).toBe(2);
  });

  it('a long OR chain still runs (folded into a shallow tree)', async () => {
    const where = Array.from({ length: 3000 }, (_, k) => `age = ${k}`).join(' or ');
    expect((await get('records', { where })).json().total_count).toBe(2); // 80 and 120 are among 0..2999
  });

  it('numbers past 2^53 compare as doubles; overflow while computing is a 400 in records', async () => {
    expect((await get('records', { where: 'age < 1e300' })).json().total_count).toBe(2);
    expect((await get('records', { where: 'age > 99999999999999999999' })).json().total_count).toBe(0);
    for (const route of ['records']) {
      const r = await get(route, { select: 'age * 9007199254740991 * age AS x' });
      expect(r.statusCode, route).toBe(400);
      // Each engine's own words for it: DuckDB's, or PostgreSQL's on that store.
      expect(r.json().message).toMatch(/^The query cannot be evaluated: (Overflow in multiplication|bigint out of range)/);
    }
  });

  it('a literal in order_by orders nothing', async () => {
    const r = await get('records', { order_by: 'null desc, age' });
    expect(r.statusCode).toBe(200);
    expect(r.json().results.map((x: { age: number }) => x.age)).toEqual([80, 120]);
  });

  it('null inside functions stays null: date parts, text functions and negation of null', async () => {
    for (const select of ['year(null) AS v', 'quarter(null) AS v', "date_format(null, 'yyyy') AS v", 'length(-null) AS v', 'length(null) AS v']) {
      const r = await get('records', { select, limit: '1' });
      expect(r.statusCode, `${select}: ${r.body}`).toBe(200);
      expect(r.json().results[0].v, select).toBeNull();
    }
    expect((await get('records', { order_by: 'length((-null)), age' })).statusCode).toBe(200);
  });
});
