// RDF renderers: Turtle and N3 parsed back with the n3 package's Parser (an independent, spec-
// following reader); RDF/XML parsed with saxes (strict XML) and read as RDF by a small reader of
// the node-element/property-element subset here; JSON-LD read by expanding its context by hand
// (no JSON-LD processor is installed). All four must give the same triples.
import { Parser, type Quad } from 'n3';
import { describe, expect, it } from 'vitest';
import { n3Renderer, turtleRenderer } from '../../src/server/respond/turtle.ts';
import { rdfXmlRenderer } from '../../src/server/respond/rdfxml.ts';
import { jsonLdRenderer } from '../../src/server/respond/jsonld.ts';
import { COLUMNS, ROWS, context, render } from './fixtures.ts';
import { parseXml } from './xml-tree.ts';

const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
const XSD = 'http://www.w3.org/2001/XMLSchema#';
const DS = 'https://data.example.org/api/explore/v2.1/catalog/datasets/test-set';
const F = `${DS}/fields#`;

const key = (s: string, p: string, o: string, dt?: string) => `${s} ${p} ${JSON.stringify(o)}${dt ? '^^' + dt : ''}`;

function quadKeys(quads: Quad[]): string[] {
  return quads.map((q) => key(q.subject.value, q.predicate.value, q.object.value,
    q.object.termType === 'Literal' ? q.object.datatype.value : undefined)).sort();
}

// Non-null values per row in the fixtures (+1 rdf:type each): 9, 8, 2, 5 → 24 value triples + 4 types.
const EXPECTED_TRIPLES = 24 + 4;

async function turtleTriples(format: 'text/turtle' | 'text/n3', renderer = turtleRenderer): Promise<string[]> {
  const text = (await render(renderer, context(ROWS, COLUMNS, { timezone: 'Europe/Paris' }))).toString('utf8');
  return quadKeys(new Parser({ format }).parse(text));
}

describe('turtle and n3 renderers', () => {
  it('write a graph the n3 Parser reads: one typed resource per record, typed literals', async () => {
    const triples = await turtleTriples('text/turtle');
    expect(triples).toHaveLength(EXPECTED_TRIPLES);
    const r1 = `${DS}/records/1`;
    expect(triples).toContain(key(r1, `${RDF}type`, `${F}Record`));
    expect(triples).toContain(key(r1, `${F}name`, 'Tour Eiffel; "la dame de fer"', `${XSD}string`));
    expect(triples).toContain(key(r1, `${F}count`, '1', `${XSD}integer`));
    expect(triples).toContain(key(r1, `${F}ratio`, '45', `${XSD}double`));
    expect(triples).toContain(key(r1, `${F}ok`, 'true', `${XSD}boolean`));
    expect(triples).toContain(key(r1, `${F}day`, '2019-03-26', `${XSD}date`));
    expect(triples).toContain(key(r1, `${F}at`, '2021-09-01T03:00:00+02:00', `${XSD}dateTime`));
    expect(triples).toContain(key(r1, `${F}geo_point_2d`, 'POINT(2.2945 48.8584)', 'http://www.opengis.net/ont/geosparql#wktLiteral'));
    expect(triples).toContain(key(`${DS}/records/2`, `${F}name`, 'Épicéa\nmulti-ligne', `${XSD}string`));
    expect(await turtleTriples('text/n3', n3Renderer)).toEqual(triples);
  });
  it('names records by their id when the query selected _rid', async () => {
    const columns = [{ name: '_rid', type: 'int' as const }, { name: 'n', type: 'int' as const }];
    const text = (await render(turtleRenderer, context([{ _rid: 42, n: 1 }], columns))).toString('utf8');
    expect(quadKeys(new Parser().parse(text))).toEqual([
      key(`${DS}/records/42`, `${RDF}type`, `${F}Record`), key(`${DS}/records/42`, `${F}n`, '1', `${XSD}integer`),
    ].sort());
  });
});

describe('rdfxml renderer', () => {
  it('is well-formed XML whose RDF reading gives the same triples as the Turtle export', async () => {
    const xml = (await render(rdfXmlRenderer, context(ROWS, COLUMNS, { timezone: 'Europe/Paris' }))).toString('utf8');
    const root = parseXml(xml);
    expect([root.uri, root.local]).toEqual([RDF, 'RDF']);
    const triples: string[] = [];
    for (const d of root.children) {
      expect([d.uri, d.local]).toEqual([RDF, 'Description']);
      const s = d.attrs[`{${RDF}}about`]!;
      for (const p of d.children) {
        const predicate = p.uri + p.local;
        const resource = p.attrs[`{${RDF}}resource`];
        if (resource !== undefined) triples.push(key(s, predicate, resource));
        else triples.push(key(s, predicate, p.text, p.attrs[`{${RDF}}datatype`] ?? `${XSD}string`));
      }
    }
    expect(triples.sort()).toEqual(await turtleTriples('text/turtle'));
  });
});

describe('jsonld renderer', () => {
  it('is JSON whose context expansion gives the same triples as the Turtle export', async () => {
    const doc = JSON.parse((await render(jsonLdRenderer, context(ROWS, COLUMNS, { timezone: 'Europe/Paris' }))).toString('utf8'));
    const ctx = doc['@context'] as Record<string, string | { '@id': string; '@type'?: string }>;
    const triples: string[] = [];
    for (const node of doc['@graph'] as Array<Record<string, unknown>>) {
      const s = node['@id'] as string;
      triples.push(key(s, `${RDF}type`, ctx[node['@type'] as string] as string));
      for (const [term, value] of Object.entries(node)) {
        if (term.startsWith('@')) continue;
        const def = ctx[term] as { '@id': string; '@type'?: string };
        // A @json term's value is one JSON literal even when it is an array.
        for (const v of Array.isArray(value) && def['@type'] !== '@json' ? value : [value]) {
          if (def['@type'] === '@json') triples.push(key(s, def['@id'], JSON.stringify(v), `${RDF}JSON`));
          else triples.push(key(s, def['@id'], String(v), def['@type'] ?? `${XSD}string`));
        }
      }
    }
    expect(triples.sort()).toEqual(await turtleTriples('text/turtle'));
  });
});
