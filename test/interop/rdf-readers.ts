// Test-side readers for the three RDF syntaxes, kept apart from the code under test:
// Turtle through n3's parser, RDF/XML through the saxes XML parser plus the RDF/XML grammar
// subset the feed may use (anything else is rejected, never guessed), JSON-LD through a strict
// expansion of the flattened subset (anything else is rejected). Graphs are compared after
// rdf-canonize canonicalisation (URDNA2015), so blank-node labels do not matter.
import { DataFactory, Parser, Writer } from 'n3';
import { SaxesParser } from 'saxes';
// @ts-expect-error rdf-canonize ships no type declarations
import canonize from 'rdf-canonize';
import type { Quad, Term } from '@rdfjs/types';

const { namedNode, blankNode, literal, quad } = DataFactory;
const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
const XML_NS = 'http://www.w3.org/XML/1998/namespace';

export function parseTurtle(text: string): Quad[] { return new Parser({ format: 'text/turtle' }).parse(text) as Quad[]; }

// ------------------------------------------------------------------ RDF/XML (striped syntax subset)
export function parseRdfXml(text: string): Quad[] {
  const quads: Quad[] = [];
  const parser = new SaxesParser({ xmlns: true });
  type Frame = { kind: 'root' } | { kind: 'node'; subject: Term } | { kind: 'prop'; subject: Term; predicate: string; datatype?: string; lang?: string; text: string; done: boolean };
  const stack: Frame[] = [];
  const subjectOf = (attrs: Record<string, { uri: string; local: string; value: string }>): Term => {
    const about = Object.values(attrs).find((a) => a.uri === RDF && a.local === 'about');
    const nodeId = Object.values(attrs).find((a) => a.uri === RDF && a.local === 'nodeID');
    if (about && !nodeId) return namedNode(about.value);
    if (nodeId && !about) return blankNode(nodeId.value);
    throw new Error('node element needs exactly one of rdf:about / rdf:nodeID');
  };
  parser.on('opentag', (tag) => {
    const attrs = tag.attributes as unknown as Record<string, { uri: string; local: string; value: string; prefix: string }>;
    const iri = tag.uri + tag.local;
    const parent = stack[stack.length - 1];
    const own = Object.values(attrs).filter((a) => a.prefix !== 'xmlns' && !(a.prefix === '' && a.local === 'xmlns'));
    if (!parent) {
      if (iri !== RDF + 'RDF' || own.length) throw new Error('root must be a bare rdf:RDF');
      stack.push({ kind: 'root' });
    } else if (parent.kind === 'root') {
      const subject = subjectOf(attrs);
      if (own.length !== 1) throw new Error(`unexpected attributes on node element ${iri}`);
      if (iri !== RDF + 'Description') quads.push(quad(subject as never, namedNode(RDF + 'type'), namedNode(iri)) as Quad);
      stack.push({ kind: 'node', subject });
    } else if (parent.kind === 'node') {
      const res = own.find((a) => a.uri === RDF && a.local === 'resource');
      const nid = own.find((a) => a.uri === RDF && a.local === 'nodeID');
      const dt = own.find((a) => a.uri === RDF && a.local === 'datatype');
      const lang = own.find((a) => a.uri === XML_NS && a.local === 'lang');
      if (own.length > 1) throw new Error(`unsupported attribute mix on ${iri}`);
      if (res) { quads.push(quad(parent.subject as never, namedNode(iri), namedNode(res.value)) as Quad); stack.push({ kind: 'prop', subject: parent.subject, predicate: iri, text: '', done: true }); return; }
      if (nid) { quads.push(quad(parent.subject as never, namedNode(iri), blankNode(nid.value)) as Quad); stack.push({ kind: 'prop', subject: parent.subject, predicate: iri, text: '', done: true }); return; }
      if (own.length && !dt && !lang) throw new Error(`unsupported attribute on property ${iri}`);
      stack.push({ kind: 'prop', subject: parent.subject, predicate: iri, datatype: dt?.value, lang: lang?.value, text: '', done: false });
    } else {
      throw new Error(`nested element ${iri} inside a property element is outside the supported subset`);
    }
  });
  parser.on('text', (t) => {
    const top = stack[stack.length - 1];
    if (top?.kind === 'prop' && !top.done) top.text += t;
    else if (t.trim()) throw new Error(`stray text "${t.trim()}"`);
  });
  parser.on('closetag', () => {
    const top = stack.pop();
    if (top?.kind === 'prop' && !top.done) {
      const o = top.lang ? literal(top.text, top.lang) : top.datatype ? literal(top.text, namedNode(top.datatype)) : literal(top.text);
      quads.push(quad(top.subject as never, namedNode(top.predicate), o) as Quad);
    }
  });
  parser.write(text).close();
  return quads;
}

// ------------------------------------------------------------------ JSON-LD (flattened subset)
export function expandJsonLd(doc: unknown): Quad[] {
  const d = doc as { '@context': Record<string, unknown>; '@graph': unknown[] };
  const keys = Object.keys(d).sort().join(',');
  if (keys !== '@context,@graph') throw new Error(`top level must hold @context and @graph only, got ${keys}`);
  const ctx = d['@context'];
  for (const [k, v] of Object.entries(ctx)) {
    if (typeof v !== 'string' || !/[#/]$/.test(v) || k.includes(':')) throw new Error(`context entry ${k} is not a simple prefix`);
  }
  const expand = (s: string): string => {
    const i = s.indexOf(':');
    if (i > 0) {
      const p = s.slice(0, i), rest = s.slice(i + 1);
      if (!rest.startsWith('//') && typeof ctx[p] === 'string') return (ctx[p] as string) + rest;
    }
    if (/^[a-z][a-z0-9+.-]*:/i.test(s)) return s;
    throw new Error(`cannot expand "${s}" (no relative IRIs in the subset)`);
  };
  const idTerm = (s: string): Term => (s.startsWith('_:') ? blankNode(s.slice(2)) : namedNode(s));
  const quads: Quad[] = [];
  for (const n of d['@graph'] as Array<Record<string, unknown>>) {
    if (typeof n['@id'] !== 'string') throw new Error('every node needs an @id');
    const subject = idTerm(n['@id']);
    for (const [k, v] of Object.entries(n)) {
      if (k === '@id') continue;
      if (k === '@type') { for (const t of v as string[]) quads.push(quad(subject as never, namedNode(RDF + 'type'), namedNode(expand(t))) as Quad); continue; }
      if (k.startsWith('@')) throw new Error(`keyword ${k} is outside the subset`);
      if (!Array.isArray(v)) throw new Error(`property ${k} must hold an array`);
      for (const o of v as Array<Record<string, string>>) {
        const ks = Object.keys(o).sort().join(',');
        let obj: Term;
        if (ks === '@id') obj = idTerm(o['@id']!);
        else if (ks === '@value') obj = literal(o['@value']!);
        else if (ks === '@language,@value') obj = literal(o['@value']!, o['@language']);
        else if (ks === '@type,@value') obj = literal(o['@value']!, namedNode(expand(o['@type']!)));
        else throw new Error(`value object with keys ${ks} is outside the subset`);
        if (typeof (o['@value'] ?? '') !== 'string') throw new Error('@value must be a string');
        quads.push(quad(subject as never, namedNode(expand(k)), obj as never) as Quad);
      }
    }
  }
  return quads;
}

// ------------------------------------------------------------------ comparison
export function toNQuads(quads: Quad[]): string {
  const w = new Writer({ format: 'N-Quads' });
  w.addQuads(quads);
  let out = '';
  w.end((e, r) => { if (e) throw e; out = r; });
  return out;
}

/** Canonical N-Quads (URDNA2015), sorted, duplicates merged: equal strings ⇔ isomorphic graphs. */
export async function canonical(quads: Quad[]): Promise<string> {
  const lib = canonize as unknown as { canonize: (i: unknown, o: object) => Promise<string>; NQuads: { parse: (s: string) => unknown[] } };
  const c = await lib.canonize(lib.NQuads.parse(toNQuads(quads)), { algorithm: 'URDNA2015' });
  return [...new Set(c.split('\n').filter(Boolean))].sort().join('\n');
}
