// The DCAT-AP catalog feed through HTTP: syntax negotiation, the ODS format spellings, one graph
// whatever the syntax (compared after canonicalisation by rdf-canonize, read back by independent
// parsers), visibility, include_exports, paging, and streaming of a 10,000-dataset catalog.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Quad } from '@rdfjs/types';
import { awkwardDataset, bareDataset, countingCatalog, fullDataset, harvestedDataset, hiddenDatasets } from './sample-datasets.ts';
import { BASE, contextFor, interopApp } from './harness.ts';
import { canonical, expandJsonLd, parseRdfXml, parseTurtle } from './rdf-readers.ts';
import { stationsPortal } from './portal-fixture.ts';

const DCAT = 'http://www.w3.org/ns/dcat#';
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const EXPORTS = '/api/explore/v2.1/catalog/exports';

let app: FastifyInstance;
beforeAll(async () => { app = await interopApp(contextFor([fullDataset(), bareDataset(), awkwardDataset(), ...hiddenDatasets()])); });
afterAll(async () => { await app.close(); });

const get = (url: string, accept?: string) => app.inject({ method: 'GET', url, headers: accept ? { accept } : {} });
const subjectsOfType = (qs: Quad[], type: string) => qs.filter((q) => q.predicate.value === RDF_TYPE && q.object.value === type).map((q) => q.subject.value);

describe('DCAT-AP feed syntaxes', () => {
  it('answers RDF/XML by default, Turtle and JSON-LD by Accept or ?format', async () => {
    expect((await get(`${EXPORTS}/dcat`)).headers['content-type']).toMatch(/^application\/rdf\+xml/);
    expect((await get(`${EXPORTS}/dcat`, 'text/turtle')).headers['content-type']).toMatch(/^text\/turtle/);
    expect((await get(`${EXPORTS}/dcat`, 'application/ld+json')).headers['content-type']).toMatch(/^application\/ld\+json/);
    expect((await get(`${EXPORTS}/dcat`, 'text/html,application/xhtml+xml,*/*;q=0.8')).headers['content-type']).toMatch(/^application\/rdf\+xml/);
    expect((await get(`${EXPORTS}/dcat`, 'application/rdf+xml;q=0.5, text/turtle;q=0.9')).headers['content-type']).toMatch(/^text\/turtle/);
    expect((await get(`${EXPORTS}/dcat?format=ttl`, 'application/ld+json')).headers['content-type']).toMatch(/^text\/turtle/);
    expect((await get(`${EXPORTS}/dcat?format=jsonld`)).headers['content-type']).toMatch(/^application\/ld\+json/);
    expect((await get(`${EXPORTS}/dcat?format=rdf`, 'text/turtle')).headers['content-type']).toMatch(/^application\/rdf\+xml/);
  });

  it('serves every ODS national-profile spelling, with underscores and hyphens', async () => {
    for (const c of ['ch', 'de', 'se', 'sp', 'it', 'vl', 'benap']) {
      for (const f of [`dcat_ap_${c}`, `dcat-ap-${c}`]) {
        const r = await get(`${EXPORTS}/${f}`, 'text/turtle');
        expect(r.statusCode, f).toBe(200);
        expect(subjectsOfType(parseTurtle(r.body), DCAT + 'Dataset')).toHaveLength(3);
      }
    }
  });

  it('writes the same graph in Turtle, RDF/XML and JSON-LD', async () => {
    const ttl = parseTurtle((await get(`${EXPORTS}/dcat?format=ttl`)).body);
    const xml = parseRdfXml((await get(`${EXPORTS}/dcat?format=rdf`)).body);
    const jsonld = expandJsonLd(JSON.parse((await get(`${EXPORTS}/dcat?format=jsonld`)).body));
    expect(ttl.length).toBeGreaterThan(300);
    const c = await canonical(ttl);
    expect(await canonical(xml)).toBe(c);
    expect(await canonical(jsonld)).toBe(c);
  });

  it('keeps awkward text intact (quotes, markup, newlines, non-ASCII) and drops what XML cannot carry', async () => {
    const qs = parseRdfXml((await get(`${EXPORTS}/dcat?format=rdf`)).body);
    const titles = qs.filter((q) => q.subject.value === `${BASE}/datasets/awkward#dataset` && q.predicate.value === 'http://purl.org/dc/terms/title').map((q) => q.object.value);
    expect(titles).toEqual(['Quotes " \' < > & \\ and\ncontrol \uFFFD chars, emoji 🚲, 中文']);
  });

  it('rejects an unknown ?format with 400 naming the accepted values', async () => {
    const r = await get(`${EXPORTS}/dcat?format=n3`);
    expect(r.statusCode).toBe(400);
    expect(r.json().message).toMatch(/ttl.*jsonld.*rdf/);
  });
});

describe('DCAT-AP feed content', () => {
  it('lists published, unrestricted datasets only, each with one distribution per export format', async () => {
    const qs = parseTurtle((await get(`${EXPORTS}/dcat?format=ttl`)).body);
    expect(subjectsOfType(qs, DCAT + 'Dataset').sort()).toEqual(['awkward', 'bare', 'comptages-velo'].map((id) => `${BASE}/datasets/${id}#dataset`));
    const dists = qs.filter((q) => q.subject.value === `${BASE}/datasets/comptages-velo#dataset` && q.predicate.value === DCAT + 'distribution');
    // Geo dataset: csv json jsonl xlsx parquet datapackage turtle n3 rdfxml jsonld + geojson kml gpx shp fgb ov2 (the formats the server's renderers serve).
    expect(dists).toHaveLength(16);
    expect(qs.filter((q) => q.subject.value === `${BASE}/datasets/bare#dataset` && q.predicate.value === DCAT + 'distribution')).toHaveLength(10);
    expect(subjectsOfType(qs, DCAT + 'DataService')).toEqual([`${BASE}/api/explore/v2.1`]);
    const dl = qs.find((q) => q.subject.value === `${BASE}/datasets/comptages-velo#distribution-csv` && q.predicate.value === DCAT + 'downloadURL');
    // use_labels_in_exports defaults to true (official spec): downloads naming fields ask for labels.
    expect(dl?.object.value).toBe(`${BASE}/api/explore/v2.1/catalog/datasets/comptages-velo/exports/csv?use_labels=true`);
    const json = qs.find((q) => q.subject.value === `${BASE}/datasets/comptages-velo#distribution-json` && q.predicate.value === DCAT + 'downloadURL');
    expect(json?.object.value).toBe(`${BASE}/api/explore/v2.1/catalog/datasets/comptages-velo/exports/json`);
    const names = parseTurtle((await get(`${EXPORTS}/dcat?format=ttl&use_labels_in_exports=false`)).body);
    expect(names.find((q) => q.subject.value === `${BASE}/datasets/comptages-velo#distribution-csv` && q.predicate.value === DCAT + 'downloadURL')?.object.value)
      .toBe(`${BASE}/api/explore/v2.1/catalog/datasets/comptages-velo/exports/csv`);
    expect((await get(`${EXPORTS}/dcat?use_labels_in_exports=maybe`)).statusCode).toBe(400);
  });

  it('maps metadata to EU vocabularies: language, frequency, licence, themes, file types', async () => {
    const qs = parseTurtle((await get(`${EXPORTS}/dcat?format=ttl`)).body);
    const ds = `${BASE}/datasets/comptages-velo#dataset`;
    const obj = (s: string, p: string) => qs.filter((q) => q.subject.value === s && q.predicate.value === p).map((q) => q.object.value).sort();
    const EU = 'http://publications.europa.eu/resource/authority/';
    expect(obj(ds, 'http://purl.org/dc/terms/language')).toEqual([`${EU}language/FRA`]);
    expect(obj(ds, 'http://purl.org/dc/terms/accrualPeriodicity')).toEqual([`${EU}frequency/DAILY`]);
    expect(obj(ds, DCAT + 'theme')).toEqual([`${EU}data-theme/ENVI`, `${EU}data-theme/TRAN`]);
    expect(obj(`${BASE}/datasets/comptages-velo#distribution-csv`, 'http://purl.org/dc/terms/license')).toEqual([`${EU}licence/ODC_BL`]);
    expect(obj(`${BASE}/datasets/comptages-velo#distribution-geojson`, 'http://purl.org/dc/terms/format')).toEqual([`${EU}file-type/GEOJSON`]);
    expect(obj(`${EU}file-type/GEOJSON`, 'http://www.w3.org/2004/02/skos/core#inScheme')).toEqual([`${EU}file-type`]);
  });

  it('describes publisher (foaf:Agent), contact point (vCard), temporal and spatial coverage from the metadata', async () => {
    const qs = parseTurtle((await get(`${EXPORTS}/dcat?format=ttl`)).body);
    const one = (s: string, p: string) => qs.filter((q) => q.subject.value === s && q.predicate.value === p).map((q) => q.object);
    const val = (s: string, p: string) => one(s, p).map((o) => o.value);
    const full = `${BASE}/datasets/comptages-velo#dataset`;
    const DCT = 'http://purl.org/dc/terms/';
    const [pub] = one(full, DCT + 'publisher');
    expect(val(pub!.value, RDF_TYPE)).toEqual(['http://xmlns.com/foaf/0.1/Agent']);
    expect(val(pub!.value, 'http://xmlns.com/foaf/0.1/name')).toEqual(['Ville de Paris']);
    const [cp] = one(full, DCAT + 'contactPoint');
    const VCARD = 'http://www.w3.org/2006/vcard/ns#';
    expect(val(cp!.value, VCARD + 'fn')).toEqual(['Open data team']);
    expect(val(cp!.value, VCARD + 'hasEmail')).toEqual(['mailto:opendata@paris.example']);
    const [period] = one(full, DCT + 'temporal');
    expect(val(period!.value, RDF_TYPE)).toEqual([DCT + 'PeriodOfTime']);
    expect(val(period!.value, DCAT + 'startDate')).toEqual(['2023-01-01']);
    expect(val(period!.value, DCAT + 'endDate')).toEqual(['2023-12-31']);
    const [loc] = one(full, DCT + 'spatial');
    expect(val(loc!.value, RDF_TYPE)).toEqual([DCT + 'Location']);
    const bbox = one(loc!.value, DCAT + 'bbox')[0] as { value: string; datatype: { value: string } };
    expect(bbox.datatype.value).toBe('http://www.opengis.net/ont/geosparql#wktLiteral');
    expect(bbox.value).toBe('POLYGON((2.25 48.81, 2.42 48.81, 2.42 48.9, 2.25 48.9, 2.25 48.81))');
    // A year as temporal coverage, a place name as spatial coverage (the awkward dataset).
    const aw = `${BASE}/datasets/awkward#dataset`;
    const [awp] = one(aw, DCT + 'temporal');
    expect([val(awp!.value, DCAT + 'startDate'), val(awp!.value, DCAT + 'endDate')]).toEqual([['2019-01-01'], ['2019-12-31']]);
    const [awl] = one(aw, DCT + 'spatial');
    expect(val(awl!.value, 'http://www.w3.org/ns/locn#geographicName')).toEqual(['Île-de-France']);
    // No publisher given: the portal itself is the publisher; no contact metadata: no contact point.
    const bare = `${BASE}/datasets/bare#dataset`;
    expect(val(one(bare, DCT + 'publisher')[0]!.value, 'http://xmlns.com/foaf/0.1/name')).toEqual(['Test portal']);
    expect(one(bare, DCAT + 'contactPoint')).toEqual([]);
    // With a portal contact address configured, it becomes the contact point of such datasets.
    process.env.AGORA_CONTACT_EMAIL = 'portal@city.example';
    try {
      const withPortal = parseTurtle((await get(`${EXPORTS}/dcat?format=ttl`)).body);
      const [c] = withPortal.filter((q) => q.subject.value === bare && q.predicate.value === DCAT + 'contactPoint').map((q) => q.object.value);
      const cv = (p: string) => withPortal.filter((q) => q.subject.value === c && q.predicate.value === VCARD + p).map((q) => q.object.value);
      expect([cv('fn'), cv('hasEmail')]).toEqual([['Test portal'], ['mailto:portal@city.example']]);
    } finally { delete process.env.AGORA_CONTACT_EMAIL; }
  });

  it('narrows distributions with include_exports and rejects unknown ones', async () => {
    const qs = parseTurtle((await get(`${EXPORTS}/dcat?format=ttl&include_exports=csv,geojson`)).body);
    expect(qs.filter((q) => q.predicate.value === DCAT + 'distribution')).toHaveLength(4); // 2 + 1 + 1
    const r = await get(`${EXPORTS}/dcat?include_exports=csv,docx`);
    expect(r.statusCode).toBe(400);
    expect(r.json().message).toContain('docx');
  });

  it('pages with hydra links when page is given', async () => {
    const r = await get(`${EXPORTS}/dcat?format=ttl&page=2&page_size=2`);
    const qs = parseTurtle(r.body);
    expect(subjectsOfType(qs, DCAT + 'Dataset')).toEqual([`${BASE}/datasets/comptages-velo#dataset`]);
    const H = 'http://www.w3.org/ns/hydra/core#';
    const view = subjectsOfType(qs, H + 'PagedCollection')[0]!;
    const val = (p: string) => qs.find((q) => q.subject.value === view && q.predicate.value === H + p)?.object.value;
    expect(val('totalItems')).toBe('3');
    expect(val('previousPage')).toBe(`${BASE}${EXPORTS}/dcat?format=ttl&page=1&page_size=2`);
    expect(val('nextPage')).toBeUndefined();
    expect(val('lastPage')).toBe(`${BASE}${EXPORTS}/dcat?format=ttl&page=2&page_size=2`);
    expect((await get(`${EXPORTS}/dcat?page_size=5000`)).statusCode).toBe(400);
    // The same links as HTTP Link headers.
    const links = String(r.headers.link).split(', ').map((l) => /^<([^>]+)>; rel="(\w+)"$/.exec(l)!.slice(1));
    expect(Object.fromEntries(links.map(([u, rel]) => [rel, u]))).toEqual({
      first: `${BASE}${EXPORTS}/dcat?format=ttl&page=1&page_size=2`, last: `${BASE}${EXPORTS}/dcat?format=ttl&page=2&page_size=2`,
      prev: `${BASE}${EXPORTS}/dcat?format=ttl&page=1&page_size=2`,
    });
  });

  it('serves rdf and ttl, the ODS catalog export names, in their fixed syntax', async () => {
    expect((await get(`${EXPORTS}/rdf`, 'text/turtle')).headers['content-type']).toMatch(/^application\/rdf\+xml/);
    expect((await get(`${EXPORTS}/ttl`)).headers['content-type']).toMatch(/^text\/turtle/);
  });

  it('answers an unknown catalog export format with 400 listing the accepted ones', async () => {
    const r = await get(`${EXPORTS}/docx`);
    expect(r.statusCode).toBe(400);
    for (const f of ['dcat', 'dcat_ap_ch', 'dcat-ap-benap', 'data.json', 'rss', 'rdf', 'ttl']) expect(r.json().message).toContain(f);
  });
});

describe('a harvested dataset in the DCAT-AP feed', () => {
  it('says where it comes from (dct:provenance, adms:identifier) and, harvested metadata-only, offers the source\'s files', async () => {
    const own = await interopApp(contextFor([harvestedDataset()]));
    try {
      const qs = parseTurtle((await own.inject(`${EXPORTS}/dcat?format=ttl`)).body);
      const d = `${BASE}/datasets/harvested-bus-stops#dataset`;
      const objects = (s: string, p: string) => qs.filter((q) => q.subject.value === s && q.predicate.value === p).map((q) => q.object);
      const [prov] = objects(d, 'http://purl.org/dc/terms/provenance');
      expect(objects(prov!.value, RDF_TYPE).map((o) => o.value)).toEqual(['http://purl.org/dc/terms/ProvenanceStatement']);
      expect(objects(prov!.value, 'http://www.w3.org/2000/01/rdf-schema#label')[0]!.value)
        .toBe('Harvested from Regional portal (https://data.region.example, a ckan portal) on 2026-03-02, where it is the dataset "0f6c7f3e-bus-stops" (https://data.region.example/dataset/bus-stops).');
      const [id] = objects(d, 'http://www.w3.org/ns/adms#identifier');
      expect(objects(id!.value, 'http://www.w3.org/2004/02/skos/core#notation').map((o) => o.value)).toEqual(['0f6c7f3e-bus-stops']);
      const dists = objects(d, `${DCAT}distribution`).map((o) => o.value);
      expect(dists.flatMap((x) => objects(x, `${DCAT}downloadURL`).map((o) => o.value)).sort())
        .toEqual(['https://data.region.example/files/bus-stops.csv', 'https://data.region.example/files/bus-stops.geojson']);
      expect(dists.flatMap((x) => objects(x, 'http://purl.org/dc/terms/format').map((o) => o.value)).sort())
        .toEqual(['http://publications.europa.eu/resource/authority/file-type/CSV', 'http://publications.europa.eu/resource/authority/file-type/GEOJSON']);
    } finally { await own.close(); }
  });
});

describe('a catalog of 10,000 datasets', () => {
  it('streams: the first bytes leave before most datasets are read, no chunk holds the whole feed', async () => {
    const { datasets: many, touched } = countingCatalog(10_000);
    const big = await interopApp(contextFor(many));
    try {
      const r = await big.inject({ method: 'GET', url: `${EXPORTS}/dcat?format=ttl`, payloadAsStream: true });
      expect(r.statusCode).toBe(200);
      const stream = r.stream();
      let bytes = 0, chunks = 0, maxChunk = 0, touchedAtFirstChunk = -1, datasets = 0;
      let tail = '';
      for await (const c of stream) {
        const s = c.toString('utf8');
        if (touchedAtFirstChunk < 0) touchedAtFirstChunk = touched();
        bytes += c.length; chunks++; maxChunk = Math.max(maxChunk, c.length);
        datasets += ((tail + s).match(/ a dcat:Dataset/g) ?? []).length - (tail.match(/ a dcat:Dataset/g) ?? []).length;
        tail = s.slice(-40);
      }
      expect(datasets).toBe(10_000);
      expect(touchedAtFirstChunk).toBeLessThan(many.length);
      expect(chunks).toBeGreaterThan(50);
      expect(maxChunk).toBeLessThan(bytes / 20);
    } finally { await big.close(); }
  });
});

describe('DCAT-AP feed of a real portal (imported data, every export renderer registered)', () => {
  it('lists one distribution per export the server offers, and every download URL answers with its declared media type', async () => {
    const fx = await stationsPortal();
    const real = await interopApp(fx.ctx);
    try {
      const qs = parseTurtle((await real.inject(`${EXPORTS}/dcat?format=ttl`)).body);
      const ds = `${BASE}/datasets/stations#dataset`;
      const dists = qs.filter((q) => q.subject.value === ds && q.predicate.value === DCAT + 'distribution').map((q) => q.object.value);
      // Independent list: the formats the dataset's own export listing route links to.
      const listing = (await real.inject('/api/explore/v2.1/catalog/datasets/stations/exports')).json() as { links: Array<{ rel: string }> };
      const offered = listing.links.map((l) => l.rel).filter((r) => r !== 'self').sort();
      expect(dists.map((d) => d.split('#distribution-')[1]).sort()).toEqual(offered);
      const IANA = 'https://www.iana.org/assignments/media-types/';
      for (const dist of dists) {
        const url = qs.find((q) => q.subject.value === dist && q.predicate.value === DCAT + 'downloadURL')!.object.value;
        const media = qs.find((q) => q.subject.value === dist && q.predicate.value === DCAT + 'mediaType')?.object.value;
        const pkg = qs.find((q) => q.subject.value === dist && q.predicate.value === DCAT + 'packageFormat')?.object.value;
        const r = await real.inject(url.slice(BASE.length));
        expect(r.statusCode, url).toBe(200);
        const served = String(r.headers['content-type']).split(';')[0]!.trim();
        if (media) expect(served, url).toBe(media.slice(IANA.length));
        if (pkg) expect(served, url).toBe('application/zip');
      }
      // The data service's endpoint description is the OpenAPI document it names.
      const endpoint = qs.find((q) => q.predicate.value === DCAT + 'endpointDescription')!.object.value;
      const doc = await real.inject(endpoint.slice(BASE.length));
      expect(doc.statusCode).toBe(200);
      expect(doc.json().openapi).toBe('3.1.0');
      // The restricted dataset of the fixture is absent.
      expect(subjectsOfType(qs, DCAT + 'Dataset')).toEqual([ds]);
    } finally { await real.close(); await fx.close(); }
  });
});
