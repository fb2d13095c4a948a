// data.json (DCAT-US 1.1) and RSS 2.0 through HTTP: data.json validated by ajv against a schema
// following the Project Open Data v1.1 JSON Schema files rule for rule (dcat-us-schema.ts); RSS parsed by the saxes XML parser and checked against
// the RSS 2.0 element rules (channel title/link/description, RFC 822 dates, unique guids).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { SaxesParser } from 'saxes';
import { awkwardDataset, bareDataset, countingCatalog, fullDataset, hiddenDatasets } from './sample-datasets.ts';
import { BASE, contextFor, interopApp } from './harness.ts';
import { dcatUsCatalogSchema } from './dcat-us-schema.ts';
import { stationsPortal } from './portal-fixture.ts';

const EXPORTS = '/api/explore/v2.1/catalog/exports';
let app: FastifyInstance;
const older = bareDataset('older', 'Older dataset');
older.created = '2020-01-01T00:00:00.000Z'; older.metas.default.modified = '2023-03-04T05:06:07.000Z';
beforeAll(async () => {
  process.env.AGORA_CONTACT_EMAIL = 'portal@city.example';
  app = await interopApp(contextFor([fullDataset(), bareDataset(), awkwardDataset(), older, ...hiddenDatasets()]));
});
afterAll(async () => { delete process.env.AGORA_CONTACT_EMAIL; await app.close(); });

function validator() {
  const ajv = new (Ajv2020 as unknown as typeof Ajv2020.default)({ allErrors: true, strict: false });
  (addFormats as unknown as (a: unknown) => void)(ajv);
  return ajv.compile(dcatUsCatalogSchema);
}

describe('data.json (DCAT-US 1.1)', () => {
  it('is valid at /data.json and catalog/exports/data.json, visible datasets only', async () => {
    const validate = validator();
    for (const url of ['/data.json', `${EXPORTS}/data.json`]) {
      const r = await app.inject(url);
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-type']).toMatch(/^application\/json/);
      const body = r.json();
      expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
      expect(body.dataset.map((d: { landingPage: string }) => d.landingPage).sort())
        .toEqual(['awkward', 'bare', 'comptages-velo', 'older'].map((id) => `${BASE}/datasets/${id}`));
    }
  });

  it('carries the facts of a fully described dataset in DCAT-US terms', async () => {
    const d = (await app.inject('/data.json')).json().dataset.find((x: { title: string }) => x.title.startsWith('Comptages'));
    expect(d.contactPoint).toEqual({ '@type': 'vcard:Contact', fn: 'Open data team', hasEmail: 'mailto:opendata@paris.example' });
    expect(d.publisher.name).toBe('Ville de Paris');
    expect(d.accrualPeriodicity).toBe('R/P1D');
    expect(d.temporal).toBe('2023-01-01/2023-12-31');
    expect(d.license).toBe('https://opendatacommons.org/licenses/odbl/1-0/');
    expect(d.language).toEqual(['fr']);
    expect(d.distribution.find((x: { format: string }) => x.format === 'GeoJSON').downloadURL)
      .toBe(`${BASE}/api/explore/v2.1/catalog/datasets/comptages-velo/exports/geojson`);
  });

  it('the schema accepts the DCAT-US field-table examples and rejects values the official schema rejects (control)', async () => {
    const validate = validator();
    const base = (await app.inject('/data.json')).json();
    const d0 = base.dataset[0];
    const withField = (patch: Record<string, unknown>) => ({ ...base, dataset: [{ ...d0, ...patch }] });
    // Examples given in the DCAT-US 1.1 field tables.
    for (const ok of [
      { modified: '2012-01-15' }, { modified: 'R/P1D' }, { modified: '2000-01-15T00:45:00Z/P1W' }, { issued: '2001-01-15' },
      { temporal: '2000-01-15T00:45:00Z/2010-01-15T00:06:00Z' }, { temporal: '2000-01-15T00:45:00Z/P1W' },
      { accrualPeriodicity: 'R/P1Y' }, { accrualPeriodicity: 'R/PT1H' }, { accrualPeriodicity: 'irregular' },
      { language: ['en-US', 'es-MX'] }, { contactPoint: { '@type': 'vcard:Contact', fn: 'Jane Doe', hasEmail: 'mailto:jane.doe@agency.gov' } },
    ]) expect(validate(withField(ok)), JSON.stringify(ok)).toBe(true);
    for (const bad of [
      { modified: '2012-13-15' }, { modified: 'yesterday' }, { temporal: '2010' }, { accrualPeriodicity: 'R/P' }, { accrualPeriodicity: 'daily' },
      { accessLevel: 'open' }, { keyword: [] }, { contactPoint: { fn: 'x', hasEmail: 'jane.doe@agency.gov' } },
      { distribution: [{ downloadURL: 'http://x.example/a.csv' }] }, { distribution: [{ downloadURL: 'http://x.example/a.csv', mediaType: 'csv' }] },
      { distribution: [{ title: 'no URL at all' }] }, { publisher: { '@type': 'org:Organization' } },
    ]) expect(validate(withField(bad)), JSON.stringify(bad)).toBe(false);
  });

  it('is valid for a real portal too, and every distribution URL it lists answers', async () => {
    const fx = await stationsPortal();
    const real = await interopApp(fx.ctx);
    try {
      const body = (await real.inject('/data.json')).json();
      const validate = validator();
      expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
      expect(body.dataset.map((d: { identifier: string }) => d.identifier)).toEqual([`${BASE}/datasets/stations`]);
      for (const dist of body.dataset[0].distribution) {
        const url = (dist.downloadURL ?? dist.accessURL) as string;
        expect((await real.inject(url.slice(BASE.length))).statusCode, url).toBe(200);
      }
      expect((await real.inject(body.dataset[0].describedBy.slice(BASE.length))).json().openapi).toBe('3.1.0');
    } finally { await real.close(); await fx.close(); }
  });

  it('falls back to the portal address when a dataset\'s e-mail is outside the DCAT-US pattern', async () => {
    const plus = bareDataset('plus', 'Plus address');
    plus.metas.dcat.contact_email = 'open+data@city.example';
    const a = await interopApp(contextFor([plus]));
    try {
      const body = (await a.inject('/data.json')).json();
      expect(validator()(body)).toBe(true);
      expect(body.dataset[0].contactPoint.hasEmail).toBe('mailto:portal@city.example');
    } finally { await a.close(); }
  });

  it('streams a catalog of 10,000 datasets in many chunks, each dataset described once', async () => {
    const { datasets: many, touched } = countingCatalog(10_000);
    const big = await interopApp(contextFor(many));
    try {
      const r = await big.inject({ method: 'GET', url: '/data.json', payloadAsStream: true });
      expect(r.statusCode).toBe(200);
      const parts: Buffer[] = [];
      let touchedAtFirstChunk = -1, maxChunk = 0;
      for await (const c of r.stream()) {
        if (touchedAtFirstChunk < 0) touchedAtFirstChunk = touched();
        parts.push(c as Buffer); maxChunk = Math.max(maxChunk, (c as Buffer).length);
      }
      const text = Buffer.concat(parts).toString('utf8');
      const body = JSON.parse(text);
      expect(body.dataset).toHaveLength(10_000);
      expect(new Set(body.dataset.map((d: { identifier: string }) => d.identifier)).size).toBe(10_000);
      expect(touchedAtFirstChunk).toBeLessThan(many.length);
      expect(parts.length).toBeGreaterThan(20);
      expect(maxChunk).toBeLessThan(text.length / 20);
    } finally { await big.close(); }
  });

  it('is invalid without any contact e-mail, which the schema catches (control)', async () => {
    delete process.env.AGORA_CONTACT_EMAIL;
    try {
      const body = (await app.inject('/data.json')).json();
      const validate = validator();
      expect(validate(body)).toBe(false);
      expect(validate.errors!.some((e) => e.params && (e.params as { missingProperty?: string }).missingProperty === 'hasEmail')).toBe(true);
    } finally { process.env.AGORA_CONTACT_EMAIL = 'portal@city.example'; }
  });
});

interface RssItem { [k: string]: string[] }
function readRss(xml: string): { channel: RssItem; items: RssItem[]; root: string } {
  const p = new SaxesParser({ xmlns: true });
  const path: string[] = [];
  const channel: RssItem = {}; const items: RssItem[] = [];
  let text = ''; let root = '';
  p.on('opentag', (t) => { if (!path.length) root = `${t.name} ${(t.attributes.version as { value?: string } | undefined)?.value ?? ''}`; path.push(t.name); text = ''; if (t.name === 'item') items.push({}); if (t.name === 'atom:link') (channel['atom:link'] ??= []).push(String((t.attributes.href as { value: string }).value)); });
  p.on('text', (s) => { text += s; });
  p.on('closetag', (t) => {
    path.pop();
    const parent = path[path.length - 1];
    if (parent === 'item') (items[items.length - 1]![t.name] ??= []).push(text);
    else if (parent === 'channel' && t.name !== 'item' && t.name !== 'atom:link') (channel[t.name] ??= []).push(text);
    text = '';
  });
  p.write(xml).close();
  return { channel, items, root };
}

describe('RSS 2.0 of new and updated datasets', () => {
  it('is well-formed RSS 2.0 with the required channel and item elements', async () => {
    const r = await app.inject(`${EXPORTS}/rss`);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/^application\/rss\+xml/);
    const { channel, items, root } = readRss(r.body);
    expect(root).toBe('rss 2.0');
    for (const el of ['title', 'link', 'description']) expect(channel[el]?.[0]?.length).toBeGreaterThan(0);
    expect(channel['atom:link']).toEqual([`${BASE}${EXPORTS}/rss`]);
    expect(items).toHaveLength(4);
    const guids = items.map((i) => i.guid![0]);
    expect(new Set(guids).size).toBe(4);
    for (const i of items) {
      expect(i.title?.[0]).toBeTruthy();
      expect(i.link?.[0]).toMatch(/^http:\/\/portal\.test\/datasets\//);
      // RFC 822 date-time as RSS 2.0 requires: "Sun, 19 May 2002 15:21:36 GMT".
      expect(i.pubDate?.[0]).toMatch(/^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/);
    }
  });

  it('lists the newest changes first, says new or updated, and honours limit', async () => {
    const { items } = readRss((await app.inject(`${EXPORTS}/rss?limit=2`)).body);
    expect(items).toHaveLength(2);
    expect(items[0]!.link![0]).toBe(`${BASE}/datasets/comptages-velo`);
    expect(items[0]!.description![0]).toMatch(/^Updated dataset, 1200 records\./);
    expect(items[0]!.category).toContain('vélo');
    const all = readRss((await app.inject(`${EXPORTS}/rss`)).body).items;
    expect(all[all.length - 1]!.link![0]).toBe(`${BASE}/datasets/older`);
    expect(all[all.length - 1]!.description![0]).toMatch(/^Updated dataset/);
    expect(all.find((i) => i.link![0].endsWith('/bare'))!.description![0]).toMatch(/^New dataset/);
    expect((await app.inject(`${EXPORTS}/rss?limit=0`)).statusCode).toBe(400);
  });

  it('keeps awkward titles intact through XML escaping', async () => {
    const { items } = readRss((await app.inject(`${EXPORTS}/rss`)).body);
    expect(items.map((i) => i.title![0])).toContain('Quotes " \' < > & \\ and\ncontrol \uFFFD chars, emoji 🚲, 中文');
  });
});
