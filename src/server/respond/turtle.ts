// The Turtle and N3 exports of the records (see rdf-terms.ts for the vocabulary), written by the
// n3 package's Writer into a sink we drain after every batch, so output leaves batch by batch.
// Turtle is a subset of N3, so the same Writer output serves both (with their own media types).
import { DataFactory, Writer } from 'n3';
import { registerRenderer, type RenderContext, type Renderer } from './renderer.ts';
import { exportColumns } from './columns.ts';
import { GEO, RDF_NS, XSD, rdfLiterals, rdfVocabulary } from './rdf-terms.ts';

const { namedNode, literal } = DataFactory;
const XSD_STRING = `${XSD}string`;

function renderRdfText(format: 'Turtle' | 'N3') {
  return async function* (ctx: RenderContext): AsyncIterable<string> {
    const columns = exportColumns(ctx.columns);
    const vocab = rdfVocabulary(ctx);
    let pending = '';
    const sink = { write: (s: string, _enc?: unknown, done?: () => void) => { pending += s; done?.(); return true; }, end: (done?: () => void) => done?.() };
    const writer = new Writer(sink, { format, prefixes: { rdf: RDF_NS, xsd: XSD, geo: GEO, ds: vocab.fields } });
    const rdfType = namedNode(`${RDF_NS}type`);
    const recordClass = namedNode(vocab.recordClass);
    const predicates = columns.map((c) => namedNode(vocab.predicate(c)));
    let position = 0;
    for await (const batch of ctx.rows) {
      for (const row of batch) {
        const subject = namedNode(vocab.subject(row, ++position));
        writer.addQuad(subject, rdfType, recordClass);
        columns.forEach((c, i) => {
          for (const l of rdfLiterals(row[c.name], c.type, ctx.options.timezone)) {
            writer.addQuad(subject, predicates[i]!, l.datatype === XSD_STRING ? literal(l.value) : literal(l.value, namedNode(l.datatype)));
          }
        });
      }
      if (pending) { yield pending; pending = ''; }
    }
    await new Promise<void>((resolve, reject) => writer.end((err) => (err ? reject(err) : resolve())));
    if (pending) yield pending;
  };
}

export const turtleRenderer: Renderer = {
  format: 'turtle',
  contentType: 'text/turtle; charset=utf-8',
  extension: 'ttl',
  render: renderRdfText('Turtle'),
};

export const n3Renderer: Renderer = {
  format: 'n3',
  contentType: 'text/n3; charset=utf-8',
  extension: 'n3',
  render: renderRdfText('N3'),
};

registerRenderer(turtleRenderer);
registerRenderer(n3Renderer);
