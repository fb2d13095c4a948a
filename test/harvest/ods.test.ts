// The ods harvester against a fixture Explore API v2.1 portal. The fixtures (test/fixtures/harvest/ods-*.json)
// follow the Explore v2.1 OpenAPI: the `datasets-v2.1` example of GET /catalog/datasets ({total_count,
// results: [{dataset_id, fields, metas.default, features, …}]}; metas.dcat, absent from that example, uses the
// keys of the dcat metadata template: issued, contact_name, contact_email, accrualperiodicity),
// and the `invalid_odsql` example of the 400 bad_request answer ({message, error_code}).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OFFSET_CAP } from '../../src/harvest/harvesters/ods.ts';
import { fixture, harvest, serve, type Answer, type Fixture } from './serve.ts';

const harvestFrom = (base: string, options?: Record<string, string>) => harvest('ods', base, options);

const PAGES = [fixture('ods-datasets-1.json'), fixture('ods-datasets-2.json')];
const DATASETS = '/api/explore/v2.1/catalog/datasets';

let portal: Fixture;
let answer: (url: URL) => Answer;

beforeAll(async () => {
  process.env.AGORA_OUTBOUND_ALLOW = '127.0.0.1'; // the fixture portal is on the loopback interface
  portal = await serve((url) => answer(url));
});
afterAll(async () => { await portal.close(); delete process.env.AGORA_OUTBOUND_ALLOW; });

const paged = (url: URL): Answer => url.pathname === DATASETS
  ? { body: Number(url.searchParams.get('offset')) === 0 ? PAGES[0] : PAGES[1] }
  : { status: 404, body: '{"message":"Unknown route","error_code":"NotFoundError"}' };

describe('ods harvester', () => {
  it('pages through catalog/datasets until total_count, with the where option passed through', async () => {
    answer = paged;
    portal.seen.length = 0;
    const got = await harvestFrom(portal.base, { where: 'publisher = "City"' });
    expect(got.map((d) => d.remoteId)).toEqual(['bus-stops', 'budget@finance', 'parks-documents']);
    expect(portal.seen.map((u) => [u.searchParams.get('limit'), u.searchParams.get('offset')])).toEqual([['100', '0'], ['100', '2']]);
    expect(portal.seen[0].searchParams.get('where')).toBe('publisher = "City"');
    expect(portal.seen[0].searchParams.get('order_by')).toBe('dataset_id');
  });

  it('maps metas.default and metas.dcat, and offers the exports as distributions', async () => {
    answer = paged;
    const [bus, budget, parks] = await harvestFrom(`${portal.base}/`);
    expect(bus).toMatchObject({
      remoteUrl: `${portal.base}/explore/dataset/bus-stops/`, title: 'Bus stops', description: '<p>Every bus stop of the city.</p>',
      keywords: ['bus', 'public transport'], themes: ['Transport, Mobility'], license: 'Open Government Licence v3.0',
      licenseUrl: 'http://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/', publisher: 'City Transport Department',
      modified: '2024-03-01T10:15:43+00:00', issued: '2023-01-10', language: 'en', contactName: 'Jane Roe', contactEmail: 'jane.roe@example.org',
      accrualPeriodicity: 'http://publications.europa.eu/resource/authority/frequency/MONTHLY',
    });
    const exp = `${portal.base}${DATASETS}/bus-stops/exports`;
    expect(bus.distributions).toEqual([
      { url: `${exp}/csv`, format: 'csv', mediaType: 'text/csv', title: 'CSV export' },
      { url: `${exp}/json`, format: 'json', mediaType: 'application/json', title: 'JSON export' },
      { url: `${exp}/geojson`, format: 'geojson', mediaType: 'application/geo+json', title: 'GeoJSON export' },
    ]);
    // No geo field: no GeoJSON; nulls stay null; a federated id keeps its @.
    expect(budget).toMatchObject({ remoteUrl: `${portal.base}/explore/dataset/budget@finance/`, keywords: [], themes: [], description: null, license: null, issued: null, contactEmail: null, language: 'fr' });
    expect(budget.distributions.map((d) => d.format)).toEqual(['csv', 'json']);
    // No records (attachments only): no exports.
    expect(parks.distributions).toEqual([]);
  });

  it(`reads the catalog past offset+limit ${OFFSET_CAP} from catalog/exports/json`, async () => {
    const total = OFFSET_CAP + 50;
    const id = (i: number) => `ds-${String(i).padStart(5, '0')}`;
    answer = (url) => {
      const offset = Number(url.searchParams.get('offset'));
      if (url.pathname === DATASETS) {
        if (offset + Number(url.searchParams.get('limit')) > OFFSET_CAP) return { status: 400, body: '{"message":"offset + limit over 10000","error_code":"InvalidRESTParameterError"}' };
        const results = Array.from({ length: 100 }, (_, k) => ({ dataset_id: id(offset + k), fields: [], metas: { default: { title: id(offset + k) } } }));
        return { body: JSON.stringify({ total_count: total, results }) };
      }
      // The catalog export: flat rows, one per dataset (as the catalog CSV export's columns).
      const rows = Array.from({ length: total - offset }, (_, k) => ({ dataset_id: id(offset + k), title: `Flat ${offset + k}`, keyword: ['k'], features: ['geo'], has_records: true }));
      return { body: JSON.stringify(rows) };
    };
    portal.seen.length = 0;
    const got = await harvestFrom(portal.base, { where: 'language = "en"' });
    expect(got).toHaveLength(total);
    expect(new Set(got.map((d) => d.remoteId)).size).toBe(total);
    const last = portal.seen.at(-1)!;
    expect(last.pathname).toBe('/api/explore/v2.1/catalog/exports/json');
    expect([last.searchParams.get('offset'), last.searchParams.get('where'), last.searchParams.get('order_by')]).toEqual([String(OFFSET_CAP), 'language = "en"', 'dataset_id']);
    expect(got.at(-1)).toMatchObject({ title: `Flat ${total - 1}`, keywords: ['k'] });
    expect(got.at(-1)!.distributions.map((d) => d.format)).toEqual(['csv', 'json', 'geojson']);
  });

  it('names the URL, the status and the portal\'s message of an HTTP error', async () => {
    answer = () => ({ status: 400, body: fixture('ods-error-odsql.json') });
    await expect(harvestFrom(portal.base, { where: 'publisher =' })).rejects.toMatchObject({
      code: 'HARVEST_FAILED', message: expect.stringMatching(/HTTP 400 for http:\/\/127\.0\.0\.1:\d+\/api\/explore\/v2\.1\/catalog\/datasets\?limit=100.*ODSQL query is malformed/),
    });
    answer = () => ({ status: 500, type: 'text/plain', body: 'Internal Server Error' });
    await expect(harvestFrom(portal.base)).rejects.toMatchObject({ code: 'HARVEST_FAILED', message: expect.stringMatching(/HTTP 500 for http:\/\/127.*catalog\/datasets.*Internal Server Error/) });
  });

  it('refuses an HTML page or JSON that is not a catalog page', async () => {
    answer = () => ({ type: 'text/html', body: '<html><head><title>Portal</title></head></html>' });
    await expect(harvestFrom(portal.base)).rejects.toMatchObject({ code: 'HARVEST_FAILED', message: expect.stringMatching(/answered http:\/\/127.*catalog\/datasets.* with text\/html, not JSON/) });
    answer = () => ({ body: '{"success": true, "result": {}}' });
    await expect(harvestFrom(portal.base)).rejects.toMatchObject({ code: 'HARVEST_FAILED', message: expect.stringMatching(/catalog\/datasets.*total_count \(a number\) and results/) });
  });
});
