// Streaming RDF serialisers: Turtle (through n3's Writer), RDF/XML and JSON-LD (written here).
// Each turns batches of quads into text chunks; a subject may appear in several batches, which
// all three syntaxes allow. Literal text is escaped here and nowhere else.
import { Writer } from 'n3';
import { escapeAttr, escapeText } from '../xml.ts';
import { compact, PREFIXES, RDF_TYPE, type Quad, type Term } from './terms.ts';

export type SyntaxName = 'turtle' | 'rdfxml' | 'jsonld';

export interface RdfSyntax {
  name: SyntaxName;
  contentType: string;
  extension: string;
  open(): string;
  /** `first` is true for the first non-empty batch (JSON-LD needs to know where commas go). */
  batch(quads: Quad[], first: boolean): string;
  close(): string;
}

const XSD_STRING = 'http://www.w3.org/2001/XMLSchema#string';
const RDF_LANG_STRING = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#langString';

function bySubject(quads: Quad[]): Map<string, { subject: Term; quads: Quad[] }> {
  const groups = new Map<string, { subject: Term; quads: Quad[] }>();
  for (const q of quads) {
    const key = (q.subject.termType === 'BlankNode' ? '_:' : '') + q.subject.value;
    let g = groups.get(key);
    if (!g) { g = { subject: q.subject, quads: [] }; groups.set(key, g); }
    g.quads.push(q);
  }
  return groups;
}

// ---------------------------------------------------------------- Turtle
export const turtle: RdfSyntax = {
  name: 'turtle', contentType: 'text/turtle; charset=utf-8', extension: 'ttl',
  open: () => Object.entries(PREFIXES).map(([p, ns]) => `@prefix ${p}: <${ns}>.\n`).join('') + '\n',
  batch(quads) {
    if (quads.length === 0) return '';
    const w = new Writer({ prefixes: { ...PREFIXES } });
    w.addQuads(quads);
    let out = '';
    w.end((err, result) => { if (err) throw err; out = result; });
    // The writer repeats the @prefix block; it was written once by open().
    return out.replace(/^(@prefix [^\n]*\n)+\n?/, '');
  },
  close: () => '',
};

// ---------------------------------------------------------------- RDF/XML
const xmlText = escapeText;
const xmlAttr = escapeAttr;

/** An element name for an IRI: a declared prefix when possible, else a local namespace declaration. */
function qname(iri: string): { name: string; xmlns: string } {
  const c = compact(iri);
  if (c) return { name: `${c.prefix}:${c.local}`, xmlns: '' };
  const m = /^(.*[#/])([A-Za-z_][A-Za-z0-9_.-]*)$/.exec(iri);
  if (!m || m[2]!.endsWith('.')) throw new Error(`Cannot write the predicate <${iri}> in RDF/XML`);
  return { name: `ns0:${m[2]}`, xmlns: ` xmlns:ns0="${xmlAttr(m[1]!)}"` };
}

function subjectAttr(t: Term): string {
  return t.termType === 'BlankNode' ? `rdf:nodeID="${xmlAttr(t.value)}"` : `rdf:about="${xmlAttr(t.value)}"`;
}

export const rdfxml: RdfSyntax = {
  name: 'rdfxml', contentType: 'application/rdf+xml; charset=utf-8', extension: 'rdf',
  open: () => '<?xml version="1.0" encoding="UTF-8"?>\n<rdf:RDF'
    + Object.entries(PREFIXES).map(([p, ns]) => `\n    xmlns:${p}="${xmlAttr(ns)}"`).join('') + '>\n',
  batch(quads) {
    let out = '';
    for (const { subject, quads: qs } of bySubject(quads).values()) {
      const typeQuad = qs.find((q) => q.predicate.equals(RDF_TYPE) && q.object.termType === 'NamedNode' && compact(q.object.value));
      const el = typeQuad ? qname(typeQuad.object.value) : { name: 'rdf:Description', xmlns: '' };
      out += `  <${el.name}${el.xmlns} ${subjectAttr(subject)}>\n`;
      for (const q of qs) {
        if (q === typeQuad) continue;
        const p = qname(q.predicate.value);
        const o = q.object;
        if (o.termType === 'NamedNode') out += `    <${p.name}${p.xmlns} rdf:resource="${xmlAttr(o.value)}"/>\n`;
        else if (o.termType === 'BlankNode') out += `    <${p.name}${p.xmlns} rdf:nodeID="${xmlAttr(o.value)}"/>\n`;
        else if (o.termType === 'Literal') {
          const attrs = o.language ? ` xml:lang="${xmlAttr(o.language)}"`
            : o.datatype.value !== XSD_STRING ? ` rdf:datatype="${xmlAttr(o.datatype.value)}"` : '';
          out += `    <${p.name}${p.xmlns}${attrs}>${xmlText(o.value)}</${p.name}>\n`;
        }
      }
      out += `  </${el.name}>\n`;
    }
    return out;
  },
  close: () => '</rdf:RDF>\n',
};

// ---------------------------------------------------------------- JSON-LD
function jsonKey(iri: string): string { const c = compact(iri); return c ? `${c.prefix}:${c.local}` : iri; }

function jsonObject(o: Term): Record<string, string> {
  if (o.termType === 'NamedNode') return { '@id': o.value };
  if (o.termType === 'BlankNode') return { '@id': `_:${o.value}` };
  if (o.termType !== 'Literal') throw new Error(`Unsupported term ${o.termType}`);
  if (o.language) return { '@value': o.value, '@language': o.language };
  if (o.datatype.value !== XSD_STRING && o.datatype.value !== RDF_LANG_STRING) return { '@value': o.value, '@type': jsonKey(o.datatype.value) };
  return { '@value': o.value };
}

export const jsonld: RdfSyntax = {
  name: 'jsonld', contentType: 'application/ld+json; charset=utf-8', extension: 'jsonld',
  open: () => `{"@context":${JSON.stringify(PREFIXES)},\n"@graph":[\n`,
  batch(quads, first) {
    const nodes: string[] = [];
    for (const { subject, quads: qs } of bySubject(quads).values()) {
      const n: Record<string, unknown> = { '@id': subject.termType === 'BlankNode' ? `_:${subject.value}` : subject.value };
      for (const q of qs) {
        if (q.predicate.equals(RDF_TYPE) && q.object.termType === 'NamedNode') {
          ((n['@type'] ??= []) as string[]).push(jsonKey(q.object.value));
          continue;
        }
        ((n[jsonKey(q.predicate.value)] ??= []) as unknown[]).push(jsonObject(q.object));
      }
      nodes.push(JSON.stringify(n));
    }
    if (nodes.length === 0) return '';
    return (first ? '' : ',\n') + nodes.join(',\n');
  },
  close: () => '\n]}\n',
};

export const SYNTAXES: Record<SyntaxName, RdfSyntax> = { turtle, rdfxml, jsonld };
