// The RDF/XML export of the records (same graph as turtle.ts, vocabulary in rdf-terms.ts), written
// by hand: one rdf:Description per record, one property element per value with rdf:datatype.
// Property names must be XML QNames, so each predicate IRI is split into namespace + NCName and
// fields whose IRI cannot be split that way (none from normalised ODS names) get their own xmlns.
import { registerRenderer, type RenderContext, type Renderer } from './renderer.ts';
import { exportColumns } from './columns.ts';
import { RDF_NS, XSD, rdfLiterals, rdfVocabulary } from './rdf-terms.ts';
import { escapeXml, splitIri } from './xml.ts';

interface PropertyName { open: string; close: string }

async function* renderRdfXml(ctx: RenderContext): AsyncIterable<string> {
  const columns = exportColumns(ctx.columns);
  const vocab = rdfVocabulary(ctx);
  const properties: Array<PropertyName | null> = columns.map((c) => {
    const split = splitIri(vocab.predicate(c));
    if (!split) return null; // no QName can name it in RDF/XML
    if (split.namespace === vocab.fields) return { open: `ds:${split.local}`, close: `ds:${split.local}` };
    return { open: `p:${split.local} xmlns:p="${escapeXml(split.namespace)}"`, close: `p:${split.local}` };
  });
  yield '<?xml version="1.0" encoding="UTF-8"?>\n'
    + `<rdf:RDF xmlns:rdf="${RDF_NS}" xmlns:ds="${escapeXml(vocab.fields)}">\n`;
  let position = 0;
  for await (const batch of ctx.rows) {
    let out = '';
    for (const row of batch) {
      out += `<rdf:Description rdf:about="${escapeXml(vocab.subject(row, ++position))}">`
        + `<rdf:type rdf:resource="${escapeXml(vocab.recordClass)}"/>`;
      columns.forEach((c, i) => {
        const name = properties[i];
        if (!name) return;
        for (const l of rdfLiterals(row[c.name], c.type, ctx.options.timezone)) {
          const datatype = l.datatype === `${XSD}string` ? '' : ` rdf:datatype="${escapeXml(l.datatype)}"`;
          out += `<${name.open}${datatype}>${escapeXml(l.value)}</${name.close}>`;
        }
      });
      out += '</rdf:Description>\n';
    }
    if (out) yield out;
  }
  yield '</rdf:RDF>\n';
}

export const rdfXmlRenderer: Renderer = {
  format: 'rdfxml',
  contentType: 'application/rdf+xml; charset=utf-8',
  extension: 'rdf',
  render: renderRdfXml,
};

registerRenderer(rdfXmlRenderer);
