// Hierarchical facets (issue 16), as the Explore v2.1 reference describes refine for "date, and other
// hierarchical facets": a text field annotated `hierarchical` with its separator (or asked as
// facet(name=…, hierarchical=true, separator="/")) facets by its first part, a refined path shows the
// next level below it, and refine=zone:"Europe" keeps every Europe/* record. Expected counts are
// counted by hand from the CSV below; runs on both stores (vitest.postgres.config.ts takes test/http).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { closePortal, openPortal } from '../../src/server/portal.ts';
import type { AppContext } from '../../src/server/context.ts';
import { importDataset } from '../../src/ingest/index.ts';

const API = '/api/explore/v2.1/catalog/datasets';
const CSV = [
  'station,zone,theme',
  'a,Europe/Paris,Transport/Bike',
  'b,Europe/Paris,Transport/Bus',
  'c,Europe/Berlin,Transport/Bike',
  'd,America/New_York,Environment',
  'e,America/Argentina/Buenos_Aires,Environment/Air',
  'f,Asia/Tokyo,Transport/Bike',
  'g,Europe,Transport',
  'h,,Transport/Bike',
].join('\n');

let ctx: AppContext; let app: FastifyInstance; let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'agora-hier-'));
  writeFileSync(join(dir, 's.csv'), CSV);
  ctx = await openPortal({ inMemory: true, baseUrl: 'http://portal.test' });
  await importDataset(ctx.catalog, { source: join(dir, 's.csv'), datasetId: 'stations', mode: 'create' });
  const fields = ctx.catalog.get('stations').fields.map((f) => (f.name === 'zone' ? { ...f, annotations: { ...f.annotations, facet: true, hierarchical: '/' } } : f));
  await ctx.catalog.updateFields('stations', fields);
  app = await buildApp(ctx, { web: false });
});
afterAll(async () => { await app?.close(); if (ctx) await closePortal(ctx); rmSync(dir, { recursive: true, force: true }); });

type Node = { name: string; value: string; count: number; state: string; facets?: Node[] };
const facet = async (qs: string, name: string): Promise<Node[]> => {
  const res = await app.inject({ url: `${API}/stations/facets?${qs}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().facets.find((f: { name: string }) => f.name === name)?.facets;
};
const brief = (ns: Node[] | undefined): unknown => ns?.map((n) => [n.value, n.name, n.count, n.state, ...(n.facets ? [brief(n.facets)] : [])]);

describe('a field annotated hierarchical ("/")', () => {
  it('facets by the first part, most records first', async () => {
    expect(brief(await facet('facet=zone', 'zone'))).toEqual([
      ['Europe', 'Europe', 4, 'displayed'], ['America', 'America', 2, 'displayed'], ['Asia', 'Asia', 1, 'displayed'],
    ]);
  });

  it('shows the level below a refined path, named by its own part, and keeps every Europe/* record', async () => {
    expect(brief(await facet('facet=zone&refine=zone:"Europe"', 'zone'))).toEqual([
      ['Europe', 'Europe', 4, 'refined', [['Europe/Paris', 'Paris', 2, 'displayed'], ['Europe/Berlin', 'Berlin', 1, 'displayed']]],
    ]);
    const records = await app.inject({ url: `${API}/stations/records?refine=zone:"Europe"&order_by=station&select=station` });
    expect(records.json().results.map((r: { station: string }) => r.station)).toEqual(['a', 'b', 'c', 'g']);
  });

  it('refines a deeper path with its ancestors marked refined', async () => {
    expect(brief(await facet('facet=zone&refine=zone:"America/Argentina"', 'zone'))).toEqual([
      ['America', 'America', 1, 'refined', [['America/Argentina', 'Argentina', 1, 'refined', [['America/Argentina/Buenos_Aires', 'Buenos_Aires', 1, 'displayed']]]]],
    ]);
  });

  it('does not take a value that merely starts with the same letters', async () => {
    const records = await app.inject({ url: `${API}/stations/records?refine=zone:"Europe/Par"&select=station` });
    expect(records.json().total_count).toBe(0);
  });

  it('excludes a whole branch', async () => {
    const records = await app.inject({ url: `${API}/stations/records?exclude=zone:"Europe"&order_by=station&select=station` });
    expect(records.json().results.map((r: { station: string }) => r.station)).toEqual(['d', 'e', 'f', 'h']);
  });
});

describe('facet(hierarchical=true, separator=…) on a field without the annotation', () => {
  it('facets level by level too', async () => {
    expect(brief(await facet('facet=facet(name="theme", hierarchical=true, separator="/", sort="alphanum")', 'theme'))).toEqual([
      ['Environment', 'Environment', 2, 'displayed'], ['Transport', 'Transport', 6, 'displayed'],
    ]);
  });

  it('names what is wrong with its arguments', async () => {
    const res = await app.inject({ url: `${API}/stations/facets?facet=facet(name="theme", hierarchical=true)` });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(/separator/);
    const num = await app.inject({ url: `${API}/stations/facets?facet=facet(name="station", hierarchical=true, separator="/")` });
    expect(num.statusCode).toBe(200); // station is text: allowed
  });
});
