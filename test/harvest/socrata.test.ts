// The socrata harvester against a fixture Socrata domain. The fixtures (test/fixtures/harvest/socrata/) follow
// the Discovery API reference (socrata/dev.socrata.com apis/discovery.json: {results, resultSetSize, timings},
// each result's resource / classification / metadata / permalink / link, `{"error": …}` on failure; see the
// README there). Expected values are read from the fixtures' text.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OFFSET_CAP } from '../../src/harvest/harvesters/socrata.ts';
import { fixture, harvest, serve, type Answer, type Fixture } from './serve.ts';

const harvestFrom = (base: string, options?: Record<string, string>) => harvest('socrata', base, options);

const PAGES = [fixture('socrata/catalog-1.json'), fixture('socrata/catalog-2.json')];
const CATALOG = '/api/catalog/v1';

let portal: Fixture;
let answer: (url: URL) => Answer;

beforeAll(async () => {
  process.env.AGORA_OUTBOUND_ALLOW = '127.0.0.1'; // the fixture domain is on the loopback interface
  portal = await serve((url) => answer(url));
});
afterAll(async () => { await portal.close(); delete process.env.AGORA_OUTBOUND_ALLOW; });

const paged = (url: URL): Answer => url.pathname === CATALOG
  ? { body: Number(url.searchParams.get('offset')) === 0 ? PAGES[0] : PAGES[1] }
  : { status: 404, body: '{"error": "not found"}' };

describe('socrata harvester', () => {
  it('pages the domain\'s own Discovery API by offset until resultSetSize', async () => {
    answer = paged;
    portal.seen.length = 0;
    const got = await harvestFrom(`${portal.base}/`);
    expect(got.map((d) => d.remoteId)).toEqual(['daby-jid4', 'dk8m-pdjf', 'ku42-jx2v']);
    expect(portal.seen.map((u) => [u.pathname, u.searchParams.get('limit'), u.searchParams.get('offset')])).toEqual([[CATALOG, '100', '0'], [CATALOG, '100', '2']]);
    const first = portal.seen[0].searchParams;
    expect([first.get('domains'), first.get('only'), first.get('order')]).toEqual(['127.0.0.1', 'dataset', 'dataset_id']);
    expect([first.get('categories'), first.get('tags'), first.get('search_context')]).toEqual([null, null, null]);
  });

  it('maps resource, classification and metadata, and offers the SODA exports (GeoJSON with a geo column)', async () => {
    answer = paged;
    const [fleet, permits, parks] = await harvestFrom(portal.base);
    expect(fleet).toEqual({
      remoteId: 'daby-jid4',
      remoteUrl: 'https://data.seattle.gov/d/daby-jid4',
      title: 'Sold Fleet Equipment',
      description: 'Vehicles and equipment sold by the city\'s fleet division.',
      keywords: ['families', 'fleet'],
      themes: ['Education'],
      license: 'Creative Commons Attribution 3.0 Unported',
      licenseUrl: null,
      publisher: 'City of Chicago',
      modified: '2023-06-06T17:39:08.000Z',
      issued: '2014-02-03T21:45:10.000Z',
      language: null,
      contactName: null,
      contactEmail: null,
      accrualPeriodicity: null,
      distributions: [
        { url: `${portal.base}/resource/daby-jid4.csv`, format: 'csv', mediaType: 'text/csv', title: 'CSV export' },
        { url: `${portal.base}/resource/daby-jid4.json`, format: 'json', mediaType: 'application/json', title: 'JSON export' },
      ],
    });
    // No permalink: the link; no domain tags or category: Socrata's own; a Point column: GeoJSON too.
    expect(permits).toMatchObject({
      remoteUrl: 'https://data.seattle.gov/Permitting/Building-Permits/dk8m-pdjf', description: null,
      keywords: ['permits', 'construction'], themes: ['housing & development'], license: null, publisher: null,
    });
    expect(permits.distributions.map((d) => d.url)).toEqual(['csv', 'json', 'geojson'].map((e) => `${portal.base}/resource/dk8m-pdjf.${e}`));
    // No updatedAt: data_updated_at; a MultiPolygon column: GeoJSON.
    expect(parks).toMatchObject({ modified: '2022-03-03T03:03:03.000Z', themes: ['Parks and Recreation'], keywords: ['parks'], license: 'Public Domain' });
    expect(parks.distributions.at(-1)).toEqual({ url: `${portal.base}/resource/ku42-jx2v.geojson`, format: 'geojson', mediaType: 'application/geo+json', title: 'GeoJSON export' });
  });

  it('passes the category and tags options as the domain\'s categories and tags (search_context)', async () => {
    answer = paged;
    portal.seen.length = 0;
    await harvestFrom(portal.base, { category: 'Education', tags: 'families, fleet' });
    const q = portal.seen[0].searchParams;
    expect([q.get('categories'), q.getAll('tags'), q.get('search_context')]).toEqual(['Education', ['families', 'fleet'], '127.0.0.1']);
  });

  it(`reads past offset+limit ${OFFSET_CAP} with scroll_id, from the last id read`, async () => {
    const total = OFFSET_CAP + 50;
    // Four-by-four ids in id order: 0000-0000, 0000-0001, …
    const ids = Array.from({ length: total }, (_, i) => `${String(i).padStart(8, '0').slice(0, 4)}-${String(i).padStart(8, '0').slice(4)}`);
    const result = (i: number) => ({ resource: { id: ids[i], name: `Dataset ${i}`, columns_datatype: [] }, classification: {}, metadata: {} });
    answer = (url) => {
      const q = url.searchParams;
      if (q.has('scroll_id')) {
        if (q.has('order')) return { status: 400, body: '{"error": "order is not allowed with scroll_id"}' };
        const from = ids.indexOf(q.get('scroll_id')!) + 1;
        return { body: JSON.stringify({ results: ids.slice(from, from + 100).map((_, k) => result(from + k)), resultSetSize: total }) };
      }
      const offset = Number(q.get('offset'));
      if (offset + Number(q.get('limit')) > OFFSET_CAP) return { status: 400, body: fixture('socrata/error.json') };
      return { body: JSON.stringify({ results: Array.from({ length: 100 }, (_, k) => result(offset + k)), resultSetSize: total }) };
    };
    portal.seen.length = 0;
    const got = await harvestFrom(portal.base);
    expect(got).toHaveLength(total);
    expect(new Set(got.map((d) => d.remoteId)).size).toBe(total);
    const scrolled = portal.seen.filter((u) => u.searchParams.has('scroll_id'));
    expect(scrolled[0].searchParams.get('scroll_id')).toBe(ids[OFFSET_CAP - 1]);
    expect(got.at(-1)).toMatchObject({ remoteId: ids[total - 1], title: `Dataset ${total - 1}` });
  });

  it('names the URL, the status and the API\'s error message', async () => {
    answer = () => ({ status: 400, body: fixture('socrata/error.json') });
    await expect(harvestFrom(portal.base)).rejects.toMatchObject({
      code: 'HARVEST_FAILED', message: expect.stringMatching(/HTTP 400 for http:\/\/127\.0\.0\.1:\d+\/api\/catalog\/v1\?domains=127\.0\.0\.1.*Offset \+ limit must be less than or equal to 10000/),
    });
    answer = () => ({ status: 503, type: 'text/html', body: '<html><body><h1>503 Service Unavailable</h1></body></html>' });
    await expect(harvestFrom(portal.base)).rejects.toMatchObject({ code: 'HARVEST_FAILED', message: expect.stringMatching(/HTTP 503 for http:\/\/127.*api\/catalog\/v1.*Service Unavailable/) });
  });

  it('refuses an HTML page or JSON that is not a Discovery API answer', async () => {
    answer = () => ({ type: 'text/html', body: '<!DOCTYPE html><html><head><title>Data Portal</title></head></html>' });
    await expect(harvestFrom(portal.base)).rejects.toMatchObject({ code: 'HARVEST_FAILED', message: expect.stringMatching(/answered http:\/\/127.*api\/catalog\/v1.* with text\/html, not JSON/) });
    answer = () => ({ body: '{"total_count": 0, "results": []}' });
    await expect(harvestFrom(portal.base)).rejects.toMatchObject({ code: 'HARVEST_FAILED', message: expect.stringMatching(/api\/catalog\/v1.*resultSetSize \(a number\).*not a Socrata Discovery API answer/) });
  });
});
