// The ckan harvester against a fixture CKAN portal. The fixtures (test/fixtures/harvest/ckan-*.json)
// follow docs.ckan.org's API guide: the package_search result {count, results, sort, facets, search_facets}
// wrapped in {help, success, result}, package dicts as package_show documents them (tags, groups,
// organization, resources), and the error answer {help, success:false, error:{__type, message}}.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RemoteDataset } from '../../src/harvest/types.ts';
import { fixture, harvest, serve, type Answer, type Fixture } from './serve.ts';

const harvestFrom = (base: string, options?: Record<string, string>) => harvest('ckan', base, options);

const PAGES = [fixture('ckan-package-search-1.json'), fixture('ckan-package-search-2.json')];

let portal: Fixture;
let answer: (url: URL) => Answer;

beforeAll(async () => {
  process.env.AGORA_OUTBOUND_ALLOW = '127.0.0.1'; // the fixture portal is on the loopback interface
  portal = await serve((url) => answer(url));
});
afterAll(async () => { await portal.close(); delete process.env.AGORA_OUTBOUND_ALLOW; });

const paged = (url: URL): Answer => {
  if (url.pathname !== '/ckan/api/3/action/package_search') return { status: 404, body: '{"success":false,"error":{"__type":"Not Found Error","message":"Not found"}}' };
  return { body: Number(url.searchParams.get('start')) === 0 ? PAGES[0] : PAGES[1] };
};

describe('ckan harvester', () => {
  it('pages through package_search until count, advancing by what came back', async () => {
    answer = paged;
    portal.seen.length = 0;
    const got = await harvestFrom(`${portal.base}/ckan/`);
    expect(got.map((d) => d.remoteId)).toEqual(['c3d0c5f1-2b3e-4b8a-9d8e-5a1f7e0b9a01', 'c3d0c5f1-2b3e-4b8a-9d8e-5a1f7e0b9a02', 'c3d0c5f1-2b3e-4b8a-9d8e-5a1f7e0b9a03']);
    expect(portal.seen.map((u) => [u.searchParams.get('rows'), u.searchParams.get('start')])).toEqual([['100', '0'], ['100', '2']]);
    expect(portal.seen[0].searchParams.get('fq')).toBeNull();
  });

  it('maps a package dict to a RemoteDataset', async () => {
    answer = paged;
    const [bus, cycle, parks] = await harvestFrom(`${portal.base}/ckan`);
    expect(bus).toMatchObject({
      remoteUrl: `${portal.base}/ckan/dataset/bus-stops`, title: 'Bus stops', description: 'Every bus stop of the city, with its **lines**.',
      keywords: ['bus', 'public transport'], themes: ['Transport'],
      license: 'Creative Commons Attribution', licenseUrl: 'http://www.opendefinition.org/licenses/cc-by',
      publisher: 'City Transport Department', modified: '2024-03-01T10:15:43.123456Z', issued: '2023-01-10T09:00:00.000000Z',
      contactName: 'Jane Roe', contactEmail: 'jane.roe@example.org',
    });
    expect(bus.distributions).toEqual([
      { url: 'https://files.example.org/stops.csv', format: 'csv', mediaType: 'text/csv', title: 'stops.csv' },
      { url: 'https://files.example.org/stops.zip', format: 'shapefile', mediaType: null, title: 'Stops (shapefile)' },
    ]);
    // No maintainer: the author's e-mail is the contact; no organization, no publisher; format from the mimetype.
    expect(cycle).toMatchObject({ description: null, publisher: null, contactName: null, contactEmail: 'open@example.org', keywords: [], themes: [] });
    expect(cycle.distributions).toEqual([{ url: 'https://files.example.org/counts', format: 'json', mediaType: 'application/json', title: null }]);
    // A group with an empty title is named by its display_name; a resource without a URL is left out.
    expect(parks.themes).toEqual(['Environment']);
    expect(parks.distributions.map((d) => d.format)).toEqual(['geojson', 'xlsx']);
  });

  it('passes the organization (fq) and q options into the query string', async () => {
    answer = paged;
    portal.seen.length = 0;
    await harvestFrom(`${portal.base}/ckan`, { organization: 'city-transport', q: 'tags:bus' });
    expect(portal.seen[0].searchParams.get('fq')).toBe('organization:city-transport');
    expect(portal.seen[0].searchParams.get('q')).toBe('tags:bus');
  });

  it('names the URL and the status of an HTTP error', async () => {
    answer = () => ({ status: 500, type: 'text/html', body: '<html><body><h1>Internal Server Error</h1></body></html>' });
    await expect(harvestFrom(`${portal.base}/ckan`)).rejects.toMatchObject({
      code: 'HARVEST_FAILED',
      message: expect.stringMatching(/HTTP 500 for http:\/\/127\.0\.0\.1:\d+\/ckan\/api\/3\/action\/package_search\?rows=100&start=0.*Internal Server Error/),
    });
  });

  it('names the error of a success:false answer', async () => {
    answer = () => ({ status: 403, body: fixture('ckan-error-authorization.json') });
    await expect(harvestFrom(`${portal.base}/ckan`)).rejects.toMatchObject({
      code: 'HARVEST_FAILED', message: expect.stringMatching(/HTTP 403 for http:\/\/127.*package_search.*Authorization Error: Access denied/),
    });
    answer = () => ({ body: fixture('ckan-error-validation.json') });
    await expect(harvestFrom(`${portal.base}/ckan`)).rejects.toMatchObject({
      code: 'HARVEST_FAILED', message: expect.stringMatching(/success:false for http:\/\/127.*package_search.*Validation Error: .*Must be less than or equal to 1000/),
    });
  });

  it('refuses an HTML page or other JSON instead of the Action API answer', async () => {
    answer = () => ({ type: 'text/html', body: '<!DOCTYPE html><html><head><title>Welcome - CKAN</title></head></html>' });
    await expect(harvestFrom(`${portal.base}/ckan`)).rejects.toMatchObject({
      code: 'HARVEST_FAILED', message: expect.stringMatching(/answered http:\/\/127.*package_search.* with text\/html, not JSON: "<!DOCTYPE html>/),
    });
    answer = () => ({ body: '{"total_count": 0, "results": []}' });
    await expect(harvestFrom(`${portal.base}/ckan`)).rejects.toMatchObject({ code: 'HARVEST_FAILED', message: expect.stringMatching(/not a CKAN Action API answer/) });
  });
});
