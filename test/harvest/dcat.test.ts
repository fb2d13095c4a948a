// The dcat harvester against a fixture DCAT catalog. The fixtures (test/fixtures/harvest/dcat/) are published
// examples: W3C DCAT 3, SEMIC DCAT-AP 3.0 / HVD and ckanext-dcat (its examples and its documented Hydra paging);
// the README there says which file comes from where. Expected values are read from the fixtures' text.
import { Readable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { harvesterDef } from '../../src/harvest/registry.ts';
import { harvestContext } from '../../src/harvest/context.ts';
import type { HarvestContext, RemoteDataset } from '../../src/harvest/types.ts';
import { fixture, harvest, serve, type Answer, type Fixture } from './serve.ts';

const harvestFrom = (base: string, options?: Record<string, string>) => harvest('dcat', base, options);

let portal: Fixture;
let answer: (url: URL) => Answer;

beforeAll(async () => {
  process.env.AGORA_OUTBOUND_ALLOW = '127.0.0.1'; // the fixture portal is on the loopback interface
  portal = await serve((url) => answer(url));
});
afterAll(async () => { await portal.close(); delete process.env.AGORA_OUTBOUND_ALLOW; });
afterEach(() => { vi.restoreAllMocks(); });

const TURTLE = 'text/turtle; charset=utf-8';
/** The fixture pages with their Hydra links (ckanext-dcat's http://example.com/catalog.ttl?page=N) on the fixture server. */
const page = (n: 1 | 2) => fixture(`dcat/catalog-page-${n}.ttl`).replaceAll('http://example.com/catalog.ttl', `${portal.base}/catalog.ttl`);
const paged = (url: URL): Answer => url.pathname === '/catalog.ttl'
  ? { type: TURTLE, body: page(url.searchParams.get('page') === '2' ? 2 : 1) }
  : { status: 404, type: 'text/plain', body: 'Not Found' };

const bees = 'https://data.exampleMS.gov/id/dataset/1T2p3o4B';
const health = 'http://example.com/dataset/1234567890';
const imaginary = 'https://dcat.example.org/dataset-001';
const multilingual = '0112cf32-bce0-4071-9504-923375f9f2ad';
const byId = (list: RemoteDataset[]) => Object.fromEntries(list.map((d) => [d.remoteId, d]));

describe('dcat harvester', () => {
  it('follows Hydra next pages (hydra:nextPage given as a literal) until the last page', async () => {
    answer = paged;
    portal.seen.length = 0;
    const got = await harvestFrom(`${portal.base}/catalog.ttl`);
    expect(got.map((d) => d.remoteId)).toEqual([bees, health, imaginary, multilingual]);
    expect(portal.seen.map((u) => `${u.pathname}${u.search}`)).toEqual(['/catalog.ttl', '/catalog.ttl?page=2']);
  });

  it('maps DCAT-AP datasets: dct:identifier, foaf:name, file-type formats, licences on distributions', async () => {
    answer = paged;
    const ds = byId(await harvestFrom(`${portal.base}/catalog.ttl`));
    expect(ds[bees]).toEqual({
      remoteId: bees,
      remoteUrl: null,
      title: 'The population of bees',
      description: 'This dataset provides the population of bees based on a yearly inquiry held among beekeepers and farmers in spring.',
      keywords: [],
      themes: [],
      license: null,
      licenseUrl: 'https://data.exampleMS.gov/resource/FreeAndOpen',
      publisher: 'MS Environmental Agency',
      modified: null,
      issued: null,
      language: null,
      contactName: null,
      contactEmail: null,
      accrualPeriodicity: 'http://publications.europa.eu/resource/authority/frequency/BIENNIAL',
      distributions: [
        { url: 'https://orgea.exampleMS.gov/files/1T2p3o4B.shp', format: 'shapefile', mediaType: null, title: null },
        { url: 'https://orgea.exampleMS.gov/files/1T2p3o4B.ttl', format: 'turtle', mediaType: null, title: null },
      ],
    });
    expect(ds[health]).toEqual({
      remoteId: health,
      remoteUrl: null,
      title: 'HealthDCAT-AP test dataset',
      description: 'This dataset is an example of using HealthDCAT-AP in CKAN',
      keywords: ['Test 1', 'Test 2'],
      themes: ['HEAL'],
      license: null,
      licenseUrl: 'http://publications.europa.eu/resource/authority/licence/CC_BYNCND_3_0',
      publisher: 'Contact Point',
      modified: '2024-12-31T23:59:59Z',
      issued: '2024-01-01T00:00:00Z',
      language: 'eng',
      contactName: 'Contact Point',
      contactEmail: 'contact@example.com',
      accrualPeriodicity: 'http://publications.europa.eu/resource/authority/frequency/DAILY',
      distributions: [{
        url: 'https://fair.healthdata.be/sites/default/files/distribution/d43a158e-7d13-4660-bbc3-9d3f8d5501e5/Technical_report_number_of_unique_study_subjects_available_by_environment_for_project_HDBP0250.csv',
        format: 'csv', mediaType: 'text/csv',
        title: 'Technical report number of unique study subjects available by environment for project HDBP0250',
      }],
    });
  });

  it('maps W3C DCAT datasets: the IRI as id, skos:prefLabel themes, IANA media types, contact points, landing pages', async () => {
    answer = paged;
    const ds = byId(await harvestFrom(`${portal.base}/catalog.ttl`));
    expect(ds[imaginary]).toEqual({
      remoteId: imaginary,
      remoteUrl: null,
      title: 'Imaginary dataset',
      description: null,
      keywords: ['accountability', 'payments', 'transparency'],
      themes: ['Accountability'],
      license: null,
      licenseUrl: null,
      publisher: null, // ex:finance-ministry has no name in the example
      modified: '2011-12-15',
      issued: '2011-12-05',
      language: 'en',
      contactName: null,
      contactEmail: null,
      accrualPeriodicity: 'http://purl.org/linked-data/sdmx/2009/code#freq-W',
      distributions: [{ url: 'http://www.example.org/files/001.csv', format: 'csv', mediaType: 'text/csv', title: 'CSV distribution of imaginary dataset 001' }],
    });
    // Several languages, no option: English; the first of two contact points; a literal dct:format.
    expect(ds[multilingual]).toEqual({
      remoteId: multilingual,
      remoteUrl: 'http://example.org/ds1',
      title: 'Test DCAT dataset',
      description: 'Some description',
      keywords: ['Oaks', 'Pines'],
      themes: [],
      license: null,
      licenseUrl: null,
      publisher: null,
      modified: '2024-05-05',
      issued: '2024-05-01',
      language: 'en',
      contactName: 'Contact 2',
      contactEmail: 'contact2@example.org',
      accrualPeriodicity: null,
      distributions: [{ url: 'https://example.com/data.csv', format: 'csv', mediaType: null, title: 'Resource 1' }],
    });
  });

  it('prefers the language option\'s tag for titles, descriptions, keywords and names', async () => {
    answer = paged;
    const es = byId(await harvestFrom(`${portal.base}/catalog.ttl`, { language: 'es' }))[multilingual];
    expect([es.title, es.description, es.keywords, es.language, es.distributions[0].title])
      .toEqual(['Conjunto de datos de prueba DCAT', 'Una descripción cualquiera', ['Pinos', 'Robles'], 'es', 'Recurso 1']);
    const nl = byId(await harvestFrom(`${portal.base}/catalog.ttl`, { language: 'nl' }))[health];
    expect([nl.description, nl.keywords, nl.publisher]).toEqual(['Deze dataset is een voorbeeld van het gebruik van HealthDCAT-AP in CKAN', ['Test 3'], 'Contactpunt']);
  });

  it('reads RDF/XML (ckanext-dcat\'s example catalog): literal URLs, dct:IMT formats, a dataset licence', async () => {
    answer = () => ({ type: 'application/rdf+xml', body: fixture('dcat/catalog.rdf') });
    const [one, two] = await harvestFrom(`${portal.base}/catalog.rdf`);
    expect(one).toMatchObject({
      remoteId: 'https://data.some.org/catalog/datasets/1', title: 'Example dataset 1',
      description: 'A longer description of dataset 1: includes three distributions, a CSV file, a PDF file and an API. Some special characters: Θεσσαλονίκη.',
      keywords: ['stats', 'pollution'], language: 'en', licenseUrl: 'https://data.some.org/link/to/license',
      publisher: 'Publishing Organization for dataset 1', issued: '2013-04-26T00:00:00Z', modified: '2013-04-26T00:00:00Z',
    });
    expect(one.distributions).toEqual([
      { url: 'https://data.some.org/the/actual/catalog/datasets/1/resources/1.csv', format: 'csv', mediaType: 'text/csv', title: 'A distribution for this dataset in CSV format' },
      { url: 'https://data.some.org/the/actual/catalog/datasets/1/resources/2.pdf', format: 'pdf', mediaType: null, title: 'A distribution for this dataset in PDF format' },
      { url: 'https://data.some.org/the/actual/catalog/link/to/an/api', format: null, mediaType: null, title: 'A distribution for this dataset as an API' },
    ]);
    expect(two).toMatchObject({ title: 'Example dataset 2', licenseUrl: null, keywords: ['stats', 'education', 'sloths'], issued: '2012-06-21', publisher: 'Publishing Organization for dataset 2' });
    expect(two.distributions.map((d) => [d.url, d.format])).toEqual([['https://external.site.org/', 'html'], ['https://data.some.org/the/actual/catalog/datasets/2/resources/2.pdf', 'pdf']]);
  });

  it('reads JSON-LD with an inline @context (the W3C basic example), choosing the parser by Content-Type, else the extension', async () => {
    answer = () => ({ type: 'application/ld+json', body: fixture('dcat/basic-example.jsonld') });
    const [fromType] = await harvestFrom(`${portal.base}/catalog`);
    expect(fromType).toMatchObject({
      remoteId: imaginary, title: 'Imaginary dataset', keywords: ['accountability', 'payments', 'transparency'], issued: '2011-12-05', modified: '2011-12-15',
      language: 'en', accrualPeriodicity: 'http://purl.org/linked-data/sdmx/2009/code#freq-W',
      distributions: [{ url: 'http://www.example.org/files/001.csv', format: 'csv', mediaType: 'text/csv', title: 'CSV distribution of imaginary dataset 001' }],
    });
    answer = () => ({ type: 'application/octet-stream', body: fixture('dcat/basic-example.jsonld') });
    expect((await harvestFrom(`${portal.base}/catalog.jsonld`)).map((d) => d.remoteId)).toEqual([imaginary]);
    answer = () => ({ type: 'application/octet-stream', body: fixture('dcat/catalog.rdf') });
    expect(await harvestFrom(`${portal.base}/catalog.rdf`)).toHaveLength(2);
  });

  it('loads a remote JSON-LD @context through the harvest context\'s get only, never with fetch', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const contextUrl = `${portal.base}/contexts/dcat-ap-examples.jsonld`;
    answer = (url) => url.pathname === '/contexts/dcat-ap-examples.jsonld'
      ? { type: 'application/ld+json', body: fixture('dcat/dcat-ap-examples-context.jsonld') }
      : { type: 'application/ld+json', body: fixture('dcat/bee-population-issued.jsonld').replace('{{CONTEXT_URL}}', contextUrl) };
    const { ctx, asked } = recording(`${portal.base}/catalog.jsonld`);
    const got = await listAll(ctx);
    expect(got.map((d) => [d.remoteId, d.title, d.issued])).toEqual([
      ['https://data.gov.gr/id/dataset/BeePopulation2022', 'Bee population 2022 in the region of Thessaloniki', '2022-03-01'],
      ['https://data.gov.gr/id/dataset/BeePopulation2023', 'Bee population 2023 in the region of Thessaloniki and Athens', '2023-03-21'],
    ]);
    expect(asked).toEqual([`${portal.base}/catalog.jsonld`, contextUrl]);
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('reads a well-known vocabulary\'s context (SEMIC) through get, and refuses a context on any other host by name', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const semic = 'https://semiceu.github.io/uri.semic.eu-generated/DCAT-AP/releases/3.0.0/html/examples/context.jsonld';
    answer = () => ({ type: 'application/ld+json', body: fixture('dcat/bee-population-issued.jsonld').replace('{{CONTEXT_URL}}', semic) });
    // The SEMIC host is answered by the recording get itself: the test machine has no network.
    const { ctx, asked } = recording(`${portal.base}/catalog.jsonld`, { [semic]: fixture('dcat/dcat-ap-examples-context.jsonld') });
    expect(await listAll(ctx)).toHaveLength(2);
    expect(asked).toEqual([`${portal.base}/catalog.jsonld`, semic]);

    const other = 'https://contexts.example.net/dcat.jsonld';
    answer = () => ({ type: 'application/ld+json', body: fixture('dcat/bee-population-issued.jsonld').replace('{{CONTEXT_URL}}', other) });
    const refused = recording(`${portal.base}/catalog.jsonld`);
    await expect(listAll(refused.ctx)).rejects.toMatchObject({
      code: 'HARVEST_FAILED', message: expect.stringContaining(`names the remote @context ${other}, which is not read`),
    });
    expect(refused.asked).toEqual([`${portal.base}/catalog.jsonld`]);
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('stops at a page already read (a Hydra loop) and refuses a next page on another origin', async () => {
    answer = () => ({ type: TURTLE, body: page(1) }); // every page answers page 1, whose next is page 2
    portal.seen.length = 0;
    const got = await harvestFrom(`${portal.base}/catalog.ttl?page=1`);
    expect(portal.seen).toHaveLength(2);
    expect(got.map((d) => d.remoteId)).toEqual([bees, health, bees, health]);

    answer = () => ({ type: TURTLE, body: fixture('dcat/catalog-page-1.ttl') }); // next: http://example.com/catalog.ttl?page=2
    await expect(harvestFrom(`${portal.base}/catalog.ttl`)).rejects.toMatchObject({
      code: 'HARVEST_FAILED', message: expect.stringMatching(/page http:\/\/127.*\/catalog\.ttl names its next page on another origin \(http:\/\/example\.com\/catalog\.ttl\?page=2\)/),
    });
  });

  it('names the URL of an HTTP error, an HTML page and RDF that does not parse', async () => {
    answer = () => ({ status: 500, type: 'text/plain', body: 'Internal Server Error' });
    await expect(harvestFrom(`${portal.base}/catalog.ttl`)).rejects.toMatchObject({ code: 'HARVEST_FAILED', message: expect.stringMatching(/HTTP 500 for http:\/\/127\.0\.0\.1:\d+\/catalog\.ttl: Internal Server Error/) });
    answer = () => ({ type: 'text/html', body: '<!DOCTYPE html><html><head><title>Open data</title></head></html>' });
    await expect(harvestFrom(`${portal.base}/catalog`)).rejects.toMatchObject({ code: 'HARVEST_FAILED', message: expect.stringMatching(/answered http:\/\/127.*\/catalog with text\/html, not RDF/) });
    answer = () => ({ type: TURTLE, body: page(2).replace('a dcat:Dataset ;', 'a dcat:Dataset') });
    await expect(harvestFrom(`${portal.base}/catalog.ttl`)).rejects.toMatchObject({ code: 'HARVEST_FAILED', message: expect.stringMatching(/for http:\/\/127.*\/catalog\.ttl .*the Turtle does not parse/) });
    answer = () => ({ type: 'application/rdf+xml', body: fixture('dcat/catalog.rdf').replace('</dcat:Catalog>', '') });
    await expect(harvestFrom(`${portal.base}/catalog.rdf`)).rejects.toMatchObject({ code: 'HARVEST_FAILED', message: expect.stringMatching(/for http:\/\/127.*\/catalog\.rdf .*the RDF\/XML does not parse/) });
    answer = () => ({ type: 'application/ld+json', body: '{"@context": {"dcat": "http://www.w3.org/ns/dcat#"}, "@graph": [' });
    await expect(harvestFrom(`${portal.base}/catalog.jsonld`)).rejects.toMatchObject({ code: 'HARVEST_FAILED', message: expect.stringMatching(/the JSON-LD does not parse/) });
  });
});

/** A harvest context whose get records every URL asked (and answers `canned` URLs itself), else the real checked get. */
function recording(url: string, canned: Record<string, string> = {}): { ctx: HarvestContext; asked: string[] } {
  const real = harvestContext(url, {}, new AbortController().signal);
  const asked: string[] = [];
  const ctx: HarvestContext = {
    ...real,
    async get(target, opts) {
      asked.push(target);
      if (Object.hasOwn(canned, target)) {
        return { url: target, status: 200, statusText: 'OK', headers: { 'content-type': 'application/ld+json' }, address: '0.0.0.0', body: Readable.from([Buffer.from(canned[target])]) };
      }
      return real.get(target, opts);
    },
  };
  return { ctx, asked };
}

async function listAll(ctx: HarvestContext): Promise<RemoteDataset[]> {
  const out: RemoteDataset[] = [];
  for await (const ds of harvesterDef('dcat').list(ctx)) out.push(ds);
  return out;
}
