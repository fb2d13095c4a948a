// DCAT-AP 3.0.1 conformance of the catalog feed, judged by the official SHACL shapes in
// ../shared/reference/dcat-ap (full shapes, range shapes, controlled-vocabulary shapes and the
// recommended-property shapes) run by rdf-validate-shacl over the graph read back by n3.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Quad } from '@rdfjs/types';
import { Parser, Store } from 'n3';
import SHACLValidator from 'rdf-validate-shacl';
import { awkwardDataset, bareDataset, fullDataset, harvestedDataset, hiddenDatasets } from '../interop/sample-datasets.ts';
import { contextFor, interopApp } from '../interop/harness.ts';
import { expandJsonLd, parseRdfXml, parseTurtle } from '../interop/rdf-readers.ts';
import { stationsPortal } from '../interop/portal-fixture.ts';
import { REFERENCE } from './shared.ts';

const DIR = pathToFileURL(join(REFERENCE, 'dcat-ap') + '/');
const CORE = ['3.0.1_shacl_dcat-ap-SHACL.ttl', '3.0.1_shacl_ranges.ttl', '3.0.1_html_shacl_shapes.ttl', '3.0.1_html_shacl_range.ttl'];
const VOCABULARIES = '3.0.1_html_shacl_mdr-vocabularies.shape.ttl';
const RECOMMENDED = '3.0.1_html_shacl_shapes_recommended.ttl';
const EXPORTS = '/api/explore/v2.1/catalog/exports';

interface Finding { severity: string; focus: string; path: string; component: string }

async function validate(shapesFile: string, data: Quad[]): Promise<Finding[]> {
  const shapes = new Store(new Parser().parse(readFileSync(new URL(shapesFile, DIR), 'utf8')));
  const report = await new SHACLValidator(shapes).validate(new Store(data));
  return report.results.map((r) => ({
    severity: r.severity?.value.split('#')[1] ?? '?', focus: r.focusNode?.value ?? '', path: r.path?.value ?? '',
    component: r.sourceConstraintComponent?.value.split('#')[1] ?? '',
  }));
}

let app: FastifyInstance;
let turtle: Quad[];
beforeAll(async () => {
  app = await interopApp(contextFor([fullDataset(), bareDataset(), awkwardDataset(), harvestedDataset(), ...hiddenDatasets()]));
  turtle = parseTurtle((await app.inject(`${EXPORTS}/dcat?format=ttl&page=1&page_size=10`)).body);
});
afterAll(async () => { await app.close(); });

describe('DCAT-AP 3.0.1 SHACL', () => {
  for (const file of CORE) {
    it(`conforms to ${file} with no finding at all`, async () => {
      expect(await validate(file, turtle)).toEqual([]);
    });
  }

  it('has no violation of the controlled-vocabulary shapes (warnings only: publishers and places outside the EU tables)', async () => {
    const findings = await validate(VOCABULARIES, turtle);
    expect(findings.filter((f) => f.severity !== 'Warning')).toEqual([]);
    expect(new Set(findings.map((f) => f.path))).toEqual(new Set(['http://purl.org/dc/terms/publisher', 'http://purl.org/dc/terms/spatial']));
  });

  it('meets the recommended properties the metadata allows (warnings only, none for the fully described dataset\'s own properties)', async () => {
    const findings = await validate(RECOMMENDED, turtle);
    expect(findings.filter((f) => f.severity !== 'Warning')).toEqual([]);
    const full = findings.filter((f) => f.focus.includes('comptages-velo') && f.focus.endsWith('#dataset'));
    expect(full).toEqual([]);
  });

  it('gives the same verdict on the RDF/XML and JSON-LD spellings of the feed', async () => {
    const xml = parseRdfXml((await app.inject(`${EXPORTS}/dcat_ap_de?format=rdf`)).body);
    const jsonld = expandJsonLd(JSON.parse((await app.inject({ url: `${EXPORTS}/dcat-ap-it`, headers: { accept: 'application/ld+json' } })).body));
    for (const file of CORE) {
      expect(await validate(file, xml)).toEqual([]);
      expect(await validate(file, jsonld)).toEqual([]);
    }
  });

  it('would catch a broken feed (control: a dataset without title, a distribution without accessURL)', async () => {
    const broken = turtle.filter((q) => !(q.predicate.value === 'http://purl.org/dc/terms/title' && q.subject.value.endsWith('/bare#dataset'))
      && !(q.predicate.value === 'http://www.w3.org/ns/dcat#accessURL' && q.subject.value.endsWith('/bare#distribution-csv')));
    const findings = await validate(CORE[0]!, broken);
    expect(findings.map((f) => `${f.focus.split('/').pop()} ${f.path.split(/[#/]/).pop()} ${f.component}`).sort())
      .toEqual(['bare#dataset title MinCountConstraintComponent', 'bare#distribution-csv accessURL MinCountConstraintComponent']);
  });

  it('a real portal (imported records, every export renderer registered, paged) has no finding in the full and range shapes', async () => {
    const fx = await stationsPortal();
    const real = await interopApp(fx.ctx);
    try {
      for (const url of [`${EXPORTS}/dcat?format=ttl`, `${EXPORTS}/dcat_ap_benap?format=ttl&page=1&page_size=1`]) {
        const r = await real.inject(url);
        expect(r.statusCode).toBe(200);
        const quads = parseTurtle(r.body);
        expect(quads.some((q) => q.object.value === 'http://www.w3.org/ns/dcat#Distribution')).toBe(true);
        for (const file of CORE) expect(await validate(file, quads), `${url} ${file}`).toEqual([]);
      }
    } finally { await real.close(); await fx.close(); }
  });
});
