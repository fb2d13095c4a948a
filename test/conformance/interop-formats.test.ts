// The export format names of the official Explore API v2.1 specification (../shared/reference):
// every catalog export format (format-catalog-v2.1) and every dataset export format
// (enum-format-datasets-v2.1, also the values of DCAT's include_exports) is answered by the real
// server (buildApp) on a real portal, with the media type the format names.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { interopApp } from '../interop/harness.ts';
import { stationsPortal, type Fixture } from '../interop/portal-fixture.ts';
import { parseRdfXml } from '../interop/rdf-readers.ts';
import { REFERENCE } from './shared.ts';

const spec = JSON.parse(readFileSync(join(REFERENCE, 'ods-explore-v2.1-openapi.json'), 'utf8'));
const CATALOG_FORMATS: string[] = spec.components.parameters['format-catalog-v2.1'].schema.enum;
const DATASET_FORMATS: string[] = spec.components.schemas['enum-format-datasets-v2.1'].enum;
const API = '/api/explore/v2.1';

let fx: Fixture;
let app: FastifyInstance;
beforeAll(async () => { fx = await stationsPortal(); app = await interopApp(fx.ctx); });
afterAll(async () => { await app?.close(); await fx?.close(); });

describe('export formats named by the official specification', () => {
  it('serves every catalog export format', async () => {
    expect(CATALOG_FORMATS.length).toBeGreaterThan(10);
    const expected: Record<string, RegExp> = {
      csv: /^text\/csv/, json: /^application\/json/, xlsx: /spreadsheetml/, 'data.json': /^application\/json/, rss: /^application\/rss\+xml/,
      ttl: /^text\/turtle/, rdf: /^application\/rdf\+xml/, dublin_core: /^application\/rdf\+xml/,
    };
    for (const f of CATALOG_FORMATS) {
      const r = await app.inject(`${API}/catalog/exports/${f}`);
      expect(r.statusCode, f).toBe(200);
      expect(r.rawPayload.length, f).toBeGreaterThan(0);
      expect(String(r.headers['content-type']), f).toMatch(expected[f] ?? /^application\/rdf\+xml/);
    }
    const listed = (await app.inject(`${API}/catalog/exports`)).json().links.map((l: { rel: string }) => l.rel);
    expect(listed).toEqual(expect.arrayContaining(CATALOG_FORMATS));
  });

  it('serves every dataset export format, and DCAT include_exports accepts each of them', async () => {
    for (const f of DATASET_FORMATS) {
      const r = await app.inject(`${API}/catalog/datasets/stations/exports/${f}`);
      expect(r.statusCode, f).toBe(200);
      expect(r.rawPayload.length, f).toBeGreaterThan(0);
    }
    const r = await app.inject(`${API}/catalog/exports/dcat?include_exports=${DATASET_FORMATS.join(',')}`);
    expect(r.statusCode).toBe(200);
    const dists = parseRdfXml(r.body).filter((q) => q.predicate.value === 'http://www.w3.org/ns/dcat#distribution');
    expect(dists.map((q) => q.object.value.split('#distribution-')[1]).sort()).toEqual([...DATASET_FORMATS].sort());
  });

  it('describes each visible dataset in the dublin_core export with Dublin Core elements', async () => {
    const qs = parseRdfXml((await app.inject(`${API}/catalog/exports/dublin_core`)).body);
    const DC = 'http://purl.org/dc/elements/1.1/';
    const subjects = [...new Set(qs.map((q) => q.subject.value))];
    expect(subjects).toEqual(['http://portal.test/datasets/stations']);
    const val = (p: string) => qs.filter((q) => q.predicate.value === DC + p).map((q) => q.object.value);
    expect(val('title')).toEqual(['Bike stations']);
    expect(val('publisher')).toEqual(['Ville de Test']);
    expect(val('language')).toEqual(['fr']);
    expect(val('subject').sort()).toEqual(['Transport', 'bikes', 'mobility']);
    expect(val('format')).toContain('text/csv');
    for (const q of qs) expect(q.predicate.value.startsWith(DC), q.predicate.value).toBe(true);
  });
});
