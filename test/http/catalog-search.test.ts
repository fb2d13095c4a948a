// Catalog search as a citizen types it: plurals, inflections, prefixes, accents, English and French,
// ranked title > keyword > description, and Enter finding at least what the suggestions proposed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.ts';
import { closePortal } from '../../src/server/portal.ts';
import type { AppContext } from '../../src/server/context.ts';
import { csvPortal } from '../governance/support.ts';

const API = '/api/explore/v2.1';
// Titles, keywords and descriptions as a city's publishers write them (the demo's among them).
const DATASETS: Array<{ id: string; title: string; keyword: string[]; description: string; language: string }> = [
  { id: 'earthquakes', title: 'Earthquakes of one week', keyword: ['seismology'], description: 'Magnitude and depth of every quake recorded by the USGS.', language: 'en' },
  { id: 'us-airports', title: 'US airports', keyword: ['aviation', 'transport'], description: 'Location and code of each airfield.', language: 'en' },
  { id: 'bike-counters', title: 'Bike counters', keyword: ['mobility', 'sensors'], description: "Hourly counts from the city's counting sensors.", language: 'en' },
  { id: 'london-boroughs', title: 'London boroughs', keyword: ['boundaries'], description: 'Outlines of the 33 local authorities.', language: 'en' },
  { id: 'arbres', title: 'Arbres remarquables', keyword: ['environnement'], description: 'Les arbres remarquables de la ville, avec leur essence.', language: 'fr' },
  { id: 'capteurs-air', title: "Capteurs de qualité de l'air", keyword: ['pollution'], description: 'Mesures horaires de chaque capteur.', language: 'fr' },
  { id: 'budget', title: 'City budget 2024', keyword: ['finance'], description: 'Spending by department, including the airport subsidy.', language: 'en' },
  { id: 'parking', title: 'Parking occupancy', keyword: ['mobility'], description: 'Free spaces by car park, read from ground sensors.', language: 'en' },
];

let ctx: AppContext;
let app: FastifyInstance;
let dir: string;

beforeAll(async () => {
  ({ ctx, dir } = await csvPortal('catalog-search', DATASETS.map((d) => ({ id: d.id, title: d.title, csv: 'n\n1\n' }))));
  for (const d of DATASETS) {
    const m = ctx.catalog.get(d.id).metas;
    await ctx.catalog.updateMetas(d.id, { ...m, default: { ...m.default, keyword: d.keyword, description: d.description, language: d.language } });
  }
  app = await buildApp(ctx);
});
afterAll(async () => { await app?.close(); if (ctx) await closePortal(ctx); rmSync(dir, { recursive: true, force: true }); });

async function found(where: string): Promise<string[]> {
  const r = await app.inject({ method: 'GET', url: `${API}/catalog/datasets?limit=100&where=${encodeURIComponent(where)}` });
  expect(r.statusCode, r.body).toBe(200);
  return r.json().results.map((d: { dataset_id: string }) => d.dataset_id);
}

describe('catalog full-text search', () => {
  // query → the datasets found, best first (ties in catalog order are compared as sets).
  const table: Array<[query: string, expected: string[]]> = [
    ['earth', ['earthquakes']], // the suggestion box's prefix: Enter finds it too
    ['earthquake', ['earthquakes']], // singular → plural title
    ['airport', ['us-airports', 'budget']], // title before description
    ['airports', ['us-airports', 'budget']], // plural → the singular in the budget's description
    ['sensor', ['bike-counters', 'parking']], // keyword + description before description only
    ['borough', ['london-boroughs']],
    ['arbre', ['arbres']],
    ['remarquable', ['arbres']],
    ['capteur', ['capteurs-air']],
    ['capteurs', ['capteurs-air']],
    ['qualite', ['capteurs-air']], // accent-insensitive
    ['QUALITÉ AIR', ['capteurs-air']], // every term must match; case-insensitive
    ['cities', ['budget', 'bike-counters']], // "cities" → stem "citi" → "city"; title first
    ['counting', ['bike-counters']], // → stem "count"
    ['the airport', ['us-airports', 'budget']], // stop words are not required
    ['quakes', ['earthquakes']], // in the description
    ['airplane', []],
    ['seism', ['earthquakes']], // a prefix of a keyword
  ];
  it.each(table)('%s', async (q, expected) => {
    const ids = await found(JSON.stringify(q));
    expect(ids).toHaveLength(expected.length);
    expect(new Set(ids)).toEqual(new Set(expected));
    expect(ids[0]).toBe(expected[0]);
  });

  it('ties keep the catalog order, a higher score goes first', async () => {
    const ids = await found('"mobility"');
    expect(new Set(ids)).toEqual(new Set(['bike-counters', 'parking']));
    expect(await found('"mobility sensors"')).toEqual(['bike-counters', 'parking']);
  });

  it('Enter finds at least what the suggestions proposed', async () => {
    for (const q of ['earth', 'airp', 'bor', 'arb', 'capt', 'sens', 'qual', 'city bud']) {
      const suggested = await found(`suggest(${JSON.stringify(q)})`);
      expect(suggested.length, q).toBeGreaterThan(0);
      const entered = await found(JSON.stringify(q));
      for (const id of suggested) expect(entered, q).toContain(id);
    }
  });

  it('LIKE keeps its exact words: no stems', async () => {
    expect(await found('title LIKE "airport"')).toEqual([]);
    expect(await found('title LIKE "airports"')).toEqual(['us-airports']);
  });
});
