// Reading an RDF answer of a harvest source into quads: the syntax chosen by Content-Type, else the URL's
// extension, else the text's first character; Turtle/N-Triples/TriG/N-Quads (n3), RDF/XML, JSON-LD. No I/O of its
// own: a JSON-LD remote @context is loaded only through the caller's loader (the harvest context's checked get).
import { DataFactory, Parser as N3Parser, type Quad } from 'n3';
import type { Transform } from 'node:stream';

export type RdfSyntax = 'turtle' | 'ntriples' | 'trig' | 'nquads' | 'rdfxml' | 'jsonld';

export const RDF_ACCEPT = 'text/turtle, application/rdf+xml;q=0.9, application/ld+json;q=0.8, application/n-triples;q=0.7, application/trig;q=0.6, application/n-quads;q=0.6, */*;q=0.1';

const BY_MEDIA_TYPE: Record<string, RdfSyntax> = {
  'text/turtle': 'turtle', 'application/x-turtle': 'turtle', 'text/n3': 'turtle',
  'application/n-triples': 'ntriples', 'application/trig': 'trig', 'application/n-quads': 'nquads',
  'application/rdf+xml': 'rdfxml', 'application/xml': 'rdfxml', 'text/xml': 'rdfxml',
  'application/ld+json': 'jsonld', 'application/json': 'jsonld',
};
const BY_EXTENSION: Record<string, RdfSyntax> = {
  ttl: 'turtle', n3: 'turtle', nt: 'ntriples', trig: 'trig', nq: 'nquads', rdf: 'rdfxml', xml: 'rdfxml', owl: 'rdfxml', jsonld: 'jsonld', json: 'jsonld',
};
const N3_FORMAT: Record<string, string> = { turtle: 'text/turtle', ntriples: 'application/n-triples', trig: 'application/trig', nquads: 'application/n-quads' };
export const SYNTAX_NAME: Record<RdfSyntax, string> = { turtle: 'Turtle', ntriples: 'N-Triples', trig: 'TriG', nquads: 'N-Quads', rdfxml: 'RDF/XML', jsonld: 'JSON-LD' };

/** The syntax of an answer: its media type, else its URL's extension, else what its text starts with; null when
 *  the answer says it is something else (HTML, plain text that is not RDF). */
export function rdfSyntax(mediaType: string, url: string, text: string): RdfSyntax | null {
  if (Object.hasOwn(BY_MEDIA_TYPE, mediaType)) return BY_MEDIA_TYPE[mediaType];
  if (mediaType === 'text/html' || mediaType === 'application/xhtml+xml') return null;
  let ext: string | undefined;
  try { ext = /\.([a-z0-9]+)$/i.exec(new URL(url).pathname)?.[1]?.toLowerCase(); } catch { ext = undefined; }
  if (ext && Object.hasOwn(BY_EXTENSION, ext)) return BY_EXTENSION[ext];
  const head = text.trimStart();
  if (/^</.test(head) && /^<(\?xml|rdf:RDF)/i.test(head)) return 'rdfxml';
  if (/^[{[]/.test(head)) return 'jsonld';
  if (/^(@prefix|@base|prefix\s|base\s|<[^>]*>\s|_:|#)/i.test(head)) return 'turtle';
  return null;
}

/** Loads a remote JSON-LD @context document by URL (the parsed JSON). */
export type ContextLoader = (url: string) => Promise<unknown>;

function collect(parser: Transform, text: string): Promise<Quad[]> {
  return new Promise((resolve, reject) => {
    const quads: Quad[] = [];
    parser.on('data', (q: Quad) => quads.push(q));
    parser.on('error', reject);
    parser.on('end', () => resolve(quads));
    parser.end(text);
  });
}

/** Every quad of `text` in `syntax`, in document order; throws the parser's error on malformed input. */
export async function parseRdf(text: string, syntax: RdfSyntax, baseIRI: string, loadContext: ContextLoader): Promise<Quad[]> {
  // The RDF/XML and JSON-LD parsers load on first use: a server that never harvests DCAT does not pay for them at start-up.
  if (syntax === 'rdfxml') {
    const { RdfXmlParser } = await import('rdfxml-streaming-parser');
    return collect(new RdfXmlParser({ baseIRI, dataFactory: DataFactory }) as unknown as Transform, text);
  }
  if (syntax === 'jsonld') {
    const { JsonLdParser } = await import('jsonld-streaming-parser');
    const parser = new JsonLdParser({
      baseIRI,
      dataFactory: DataFactory,
      documentLoader: { load: async (url: string) => (await loadContext(url)) as never },
    });
    return collect(parser as unknown as Transform, text);
  }
  return new N3Parser({ format: N3_FORMAT[syntax], baseIRI }).parse(text);
}
