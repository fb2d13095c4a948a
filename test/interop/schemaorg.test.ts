// schema.org Dataset JSON-LD in the initial HTML of a dataset page, served by the real server
// (buildApp with the web app, a minimal page template). The JSON-LD is read back out of the HTML
// and checked by ajv against the rules of Google's Dataset structured-data guidelines
// (developers.google.com/search/docs/appearance/structured-data/dataset: required name and a
// 50–5,000 character description; the recommended properties with their expected types) and
// schema.org's ranges for the properties used; properties outside schema.org's Dataset are refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { BASE, interopApp } from './harness.ts';
import { stationsPortal, type Fixture } from './portal-fixture.ts';

const url = { type: 'string', format: 'uri' };
const text = { type: 'string', minLength: 1 };
const org = { type: 'object', required: ['@type', 'name'], properties: { '@type': { enum: ['Organization', 'Person'] }, name: text } };
// Properties of schema.org/Dataset (its own and those of CreativeWork and Thing) that we use.
const DATASET_PROPS = ['@context', '@type', '@id', 'name', 'description', 'url', 'identifier', 'isAccessibleForFree', 'includedInDataCatalog',
  'keywords', 'license', 'publisher', 'creator', 'dateModified', 'datePublished', 'inLanguage', 'contactPoint', 'distribution',
  'temporalCoverage', 'spatialCoverage', 'variableMeasured', 'sameAs', 'alternateName', 'version', 'citation', 'funder'];
const googleDataset = {
  type: 'object',
  required: ['@context', '@type', 'name', 'description'],
  propertyNames: { enum: DATASET_PROPS },
  properties: {
    '@context': { enum: ['https://schema.org/', 'https://schema.org', 'http://schema.org/', 'http://schema.org'] },
    '@type': { const: 'Dataset' },
    name: text,
    description: { type: 'string', minLength: 50, maxLength: 5000 },
    url,
    identifier: { anyOf: [text, url] },
    isAccessibleForFree: { type: 'boolean' },
    includedInDataCatalog: { type: 'object', required: ['@type', 'name'], properties: { '@type': { const: 'DataCatalog' }, name: text, url } },
    keywords: { type: 'array', items: text },
    license: { anyOf: [url, { type: 'object', required: ['@type'], properties: { '@type': { const: 'CreativeWork' }, name: text } }] },
    publisher: org,
    creator: org,
    dateModified: { type: 'string', format: 'date-time' },
    datePublished: { type: 'string', format: 'date-time' },
    inLanguage: { type: 'string', pattern: '^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$' },
    contactPoint: { type: 'object', required: ['@type'], properties: { '@type': { const: 'ContactPoint' }, email: { type: 'string', format: 'email' }, name: text, contactType: text } },
    distribution: {
      type: 'array', minItems: 1,
      items: { type: 'object', required: ['@type', 'contentUrl', 'encodingFormat'], additionalProperties: false, properties: { '@type': { const: 'DataDownload' }, name: text, contentUrl: url, encodingFormat: { type: 'string', pattern: '^[-\\w]+/[-\\w.+]+$' } } },
    },
    // ISO 8601 instant or interval (open ends written ".."), as Google's guidelines describe.
    temporalCoverage: { type: 'string', pattern: '^(\\d{4}(-\\d{2}(-\\d{2}(T[\\d:.]+Z?)?)?)?|\\.\\.)(/(\\d{4}(-\\d{2}(-\\d{2}(T[\\d:.]+Z?)?)?)?|\\.\\.))?$' },
    spatialCoverage: { anyOf: [text, { type: 'object', required: ['@type'], properties: { '@type': { const: 'Place' } } }] },
    variableMeasured: { type: 'array', items: { anyOf: [text, { type: 'object', required: ['@type', 'name'], properties: { '@type': { const: 'PropertyValue' }, name: text } }] } },
  },
};

let fx: Fixture;
let app: FastifyInstance;
let dir: string;
let validate: ReturnType<InstanceType<typeof Ajv2020.default>['compile']>;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'agora-schemaorg-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><html><head><title>x</title><!--agora:head--></head><body><div id="root"></div></body></html>');
  process.env.AGORA_WEB_DIST = dir;
  fx = await stationsPortal();
  app = await interopApp(fx.ctx, { web: true });
  const ajv = new (Ajv2020 as unknown as typeof Ajv2020.default)({ allErrors: true, strict: false });
  (addFormats as unknown as (a: unknown) => void)(ajv);
  validate = ajv.compile(googleDataset);
});
afterAll(async () => { delete process.env.AGORA_WEB_DIST; await app?.close(); await fx?.close(); rmSync(dir, { recursive: true, force: true }); });

function jsonLdBlocks(html: string): unknown[] {
  return [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1]!));
}

describe('schema.org Dataset in dataset pages', () => {
  it('is in the initial HTML of /datasets/{id} and meets Google\'s Dataset rules', async () => {
    const r = await app.inject('/datasets/stations');
    expect(r.statusCode).toBe(200);
    const blocks = jsonLdBlocks(r.body);
    expect(blocks).toHaveLength(1);
    const d = blocks[0] as Record<string, any>;
    expect(validate(d), JSON.stringify(validate.errors)).toBe(true);
    expect(d.name).toBe('Bike stations');
    expect(d.url).toBe(`${BASE}/datasets/stations`);
    expect(d.license).toBe('https://creativecommons.org/licenses/by/4.0/');
    expect(d.publisher.name).toBe('Ville de Test');
    expect(d.description.startsWith('Bike sharing stations.')).toBe(true);
    // Every download it lists answers on the real server.
    for (const dl of d.distribution) expect((await app.inject(dl.contentUrl.slice(BASE.length))).statusCode, dl.contentUrl).toBe(200);
    // Field names as measured variables, from the dataset schema.
    expect(d.variableMeasured.map((v: { name: string }) => v.name)).toEqual(fx.ctx.catalog.get('stations').fields.map((f) => f.name));
  });

  it('is absent for a restricted dataset (404 page, nothing leaked)', async () => {
    const r = await app.inject('/datasets/secret');
    expect(r.statusCode).toBe(404);
    expect(jsonLdBlocks(r.body)).toEqual([]);
    expect(r.body).not.toContain('Secret');
  });

  it('would be refused without a description or with an unknown property (control)', async () => {
    const d = jsonLdBlocks((await app.inject('/datasets/stations')).body)[0] as Record<string, unknown>;
    expect(validate({ ...d, description: 'Too short.' })).toBe(false);
    expect(validate({ ...d, licence: 'typo' })).toBe(false);
    expect(validate({ ...d, distribution: [{ '@type': 'DataDownload', contentUrl: 'not a url', encodingFormat: 'text/csv' }] })).toBe(false);
  });
});
