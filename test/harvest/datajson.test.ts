// The datajson harvester against a fixture DCAT-US 1.1 portal. The fixtures (test/fixtures/harvest/datajson/)
// are Project Open Data's own v1.1 sample catalogs, verbatim (see the README there); expected values are read
// from their text. data.json has no paging: one document is the whole catalog.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogUrls } from '../../src/harvest/harvesters/datajson.ts';
import { fixture, harvest, serve, type Answer, type Fixture } from './serve.ts';

const harvestFrom = (base: string) => harvest('datajson', base);

const EXTENDED = fixture('datajson/catalog-sample-extended.json');
const MINIMAL = fixture('datajson/catalog-sample.json');

let portal: Fixture;
let answer: (url: URL) => Answer;

beforeAll(async () => {
  process.env.AGORA_OUTBOUND_ALLOW = '127.0.0.1'; // the fixture portal is on the loopback interface
  portal = await serve((url) => answer(url));
});
afterAll(async () => { await portal.close(); delete process.env.AGORA_OUTBOUND_ALLOW; });

const notFound: Answer = { status: 404, type: 'text/html', body: '<html><body>Not Found</body></html>' };

describe('datajson harvester', () => {
  it('reads a data.json URL itself, or a portal root\'s /data.json', async () => {
    expect(catalogUrls('https://agency.gov/digitalstrategy/data.json')).toEqual(['https://agency.gov/digitalstrategy/data.json']);
    expect(catalogUrls('https://agency.gov/')).toEqual(['https://agency.gov/data.json', 'https://agency.gov']);

    answer = (url) => (url.pathname === '/agency/data.json' ? { body: EXTENDED } : notFound);
    portal.seen.length = 0;
    expect((await harvestFrom(`${portal.base}/agency/data.json`)).map((d) => d.remoteId))
      .toEqual(['http://dx.doi.org/10.7927/H4PZ56R2', 'http://dx.doi.org/10.7927/H4K64G12', 'http://dx.doi.org/10.7927/H49P2ZKM']);
    expect(portal.seen.map((u) => u.pathname)).toEqual(['/agency/data.json']);

    portal.seen.length = 0;
    expect(await harvestFrom(`${portal.base}/agency/`)).toHaveLength(3);
    expect(portal.seen.map((u) => u.pathname)).toEqual(['/agency/data.json']);
  });

  it('falls back to the root URL when /data.json is not there, and names /data.json\'s failure when neither is', async () => {
    answer = (url) => (url.pathname === '/catalog' ? { body: MINIMAL } : notFound);
    portal.seen.length = 0;
    expect(await harvestFrom(`${portal.base}/catalog`)).toHaveLength(3);
    expect(portal.seen.map((u) => u.pathname)).toEqual(['/catalog/data.json', '/catalog']);

    answer = () => notFound;
    await expect(harvestFrom(`${portal.base}/catalog`)).rejects.toMatchObject({
      code: 'HARVEST_FAILED', message: expect.stringMatching(/HTTP 404 for http:\/\/127\.0\.0\.1:\d+\/catalog\/data\.json: .*Not Found/),
    });
  });

  it('maps every DCAT-US field of the extended sample', async () => {
    answer = () => ({ body: EXTENDED });
    const [widgets, modulation, modulators] = await harvestFrom(`${portal.base}/data.json`);
    expect(widgets).toEqual({
      remoteId: 'http://dx.doi.org/10.7927/H4PZ56R2',
      remoteUrl: 'http://agency.gov/widgets/data',
      title: 'U.S. Widget Manufacturing Statistics',
      description: 'This dataset provides national statistics on the production of widgets',
      keywords: ['widget', 'manufacturing', 'factory'],
      themes: ['manufacturing'],
      license: null,
      licenseUrl: 'http://creativecommons.org/publicdomain/zero/1.0/',
      publisher: 'Widget Services',
      modified: '2011-11-19T12:00:00Z',
      issued: '2011-11-22',
      language: 'en-US',
      contactName: 'Jane Doe',
      contactEmail: 'jane.doe@agency.gov',
      accrualPeriodicity: 'R/P1Y',
      distributions: [
        { url: 'https://data.agency.gov/datasets/widgets-statistics/widgets.csv', format: 'csv', mediaType: 'text/csv', title: 'widgets.csv' },
        // "Zipped CSV" is no reader's word: the media type decides.
        { url: 'https://data.agency.gov/datasets/widgets-statistics/widgets-all.zip', format: 'zip', mediaType: 'application/zip', title: 'widgets-all.zip' },
        { url: 'http://www.agency.gov/feeds/widgets-all.json', format: 'json', mediaType: 'application/json', title: 'widgets-all.json' },
        { url: 'https://data.agency.gov/api/widgets-statistics/', format: 'api', mediaType: null, title: 'Widgets REST API' },
      ],
    });
    expect(modulation).toMatchObject({ publisher: 'Widget Modulation Program', contactName: 'James Doe', contactEmail: 'james.doe@agency.gov', licenseUrl: 'http://creativecommons.org/publicdomain/mark/1.0/', distributions: [] });
    expect(modulators.distributions).toEqual([{ url: 'https://data.agency.gov/datasets/widgets-modulator-ranges.csv', format: 'csv', mediaType: 'text/csv', title: 'widgets.csv' }]);
  });

  it('maps the minimum sample: nulls where fields are absent, formats from media types', async () => {
    answer = () => ({ body: MINIMAL });
    const [first, second] = await harvestFrom(`${portal.base}/data.json`);
    expect(first).toMatchObject({ remoteId: 'http://dx.doi.org/10.7927/H45X26V8', remoteUrl: null, themes: [], license: null, licenseUrl: null, issued: null, language: null, accrualPeriodicity: null });
    expect(first.distributions.map((d) => [d.format, d.title])).toEqual([['csv', null], ['zip', null], ['json', null], [null, null]]);
    expect(first.distributions[3].url).toBe('https://data.agency.gov/api/widgets-statistics/');
    expect(second.distributions).toEqual([]);
  });

  it('keeps a licence given as a name as the licence text', async () => {
    // Not in the samples (v1.1 asks for a URL), but catalogs in the wild name the licence: the sample with its name.
    const catalog = JSON.parse(MINIMAL) as { dataset: Array<Record<string, unknown>> };
    catalog.dataset[0].license = 'Creative Commons CCZero';
    answer = () => ({ body: JSON.stringify(catalog) });
    const [first] = await harvestFrom(`${portal.base}/data.json`);
    expect([first.license, first.licenseUrl]).toEqual(['Creative Commons CCZero', null]);
  });

  it('names the URL of an HTTP error, an HTML page or JSON that is not a data.json catalog', async () => {
    answer = () => ({ status: 500, type: 'text/plain', body: 'Internal Server Error' });
    await expect(harvestFrom(`${portal.base}/data.json`)).rejects.toMatchObject({ code: 'HARVEST_FAILED', message: expect.stringMatching(/HTTP 500 for http:\/\/127\.0\.0\.1:\d+\/data\.json: Internal Server Error/) });
    answer = () => ({ type: 'text/html', body: '<!DOCTYPE html><html><head><title>Agency</title></head></html>' });
    await expect(harvestFrom(`${portal.base}/data.json`)).rejects.toMatchObject({ code: 'HARVEST_FAILED', message: expect.stringMatching(/answered http:\/\/127.*\/data\.json with text\/html, not JSON/) });
    answer = () => ({ body: '{"conformsTo": "https://project-open-data.cio.gov/v1.1/schema"}' });
    await expect(harvestFrom(`${portal.base}/data.json`)).rejects.toMatchObject({ code: 'HARVEST_FAILED', message: expect.stringMatching(/for http:\/\/127.*\/data\.json .*no "dataset" list/) });
  });
});
