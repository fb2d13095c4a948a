// RDF namespaces and term helpers shared by the DCAT graph and its serialisers (RDF/JS terms from
// n3's DataFactory). The PREFIXES table is the one list every syntax declares.
import { DataFactory } from 'n3';
import type { Quad, Term, NamedNode, BlankNode, Literal } from '@rdfjs/types';

export type { Quad, Term, NamedNode, BlankNode, Literal };
export type Subject = NamedNode | BlankNode;
export type ObjectTerm = NamedNode | BlankNode | Literal;

export const PREFIXES = {
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  dc: 'http://purl.org/dc/elements/1.1/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  locn: 'http://www.w3.org/ns/locn#',
  gsp: 'http://www.opengis.net/ont/geosparql#',
  adms: 'http://www.w3.org/ns/adms#',
  dcatap: 'http://data.europa.eu/r5r/',
  hydra: 'http://www.w3.org/ns/hydra/core#',
} as const;

type Prefix = keyof typeof PREFIXES;

/** IANA media type IRIs (dcat:mediaType). */
export const IANA = 'https://www.iana.org/assignments/media-types/';

const { namedNode, blankNode, literal, quad } = DataFactory;

/** `iri('dcat', 'Dataset')` → the named node for dcat:Dataset. */
export function iri(prefix: Prefix, local: string): NamedNode { return namedNode(PREFIXES[prefix] + local); }
export function node(url: string): NamedNode { return namedNode(url); }
export function bnode(label: string): BlankNode { return blankNode(label); }
/** A plain or language-tagged literal. Characters XML 1.0 cannot carry (control characters, lone
 *  surrogates) are replaced by U+FFFD so every syntax serialises the same graph. */
export function text(value: string, lang?: string): Literal {
  const clean = xmlSafe(value);
  return lang ? literal(clean, lang) : literal(clean);
}

export function xmlSafe(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}
export function typed(value: string, prefix: Prefix, local: string): Literal { return literal(value, iri(prefix, local)); }
export function triple(s: Subject, p: NamedNode, o: ObjectTerm): Quad { return quad(s, p, o) as Quad; }

export const RDF_TYPE = iri('rdf', 'type');

/** The literal for a date-like string: xsd:gYear, xsd:gYearMonth, xsd:date or xsd:dateTime. */
export function dateLiteral(v: string): Literal {
  if (/^\d{4}$/.test(v)) return typed(v, 'xsd', 'gYear');
  if (/^\d{4}-\d{2}$/.test(v)) return typed(v, 'xsd', 'gYearMonth');
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return typed(v, 'xsd', 'date');
  return typed(new Date(v).toISOString(), 'xsd', 'dateTime');
}

/** Splits an IRI into a known prefix and a local name usable as an XML/Turtle local part. */
const compacted = new Map<string, { prefix: Prefix; local: string } | undefined>();

export function compact(url: string): { prefix: Prefix; local: string } | undefined {
  if (compacted.has(url)) return compacted.get(url);
  const c = compactUncached(url);
  // Predicates, classes and vocabulary terms repeat; per-dataset IRIs mostly do not: cap the cache.
  if (compacted.size < 10_000) compacted.set(url, c);
  return c;
}

function compactUncached(url: string): { prefix: Prefix; local: string } | undefined {
  for (const [p, ns] of Object.entries(PREFIXES) as Array<[Prefix, string]>) {
    if (url.startsWith(ns)) {
      const local = url.slice(ns.length);
      if (/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(local) && !local.endsWith('.')) return { prefix: p, local };
    }
  }
  return undefined;
}

/** True when `url` is an absolute http(s) or mailto IRI every RDF syntax can carry unescaped. */
export function isSafeIri(url: string): boolean {
  return /^(https?:\/\/|mailto:)[^\s<>"{}|\\^`]+$/.test(url);
}
