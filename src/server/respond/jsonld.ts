// The JSON-LD 1.1 export of the records (same graph as turtle.ts, vocabulary in rdf-terms.ts):
// a context mapping each field to its property IRI and datatype, then an @graph streamed batch by
// batch, one node per record with its values as the literals' lexical forms.
import { registerRenderer, type RenderContext, type Renderer } from './renderer.ts';
import { exportColumns } from './columns.ts';
import { RDF_NS, XSD, rdfLiterals, rdfVocabulary } from './rdf-terms.ts';

async function* renderJsonLd(ctx: RenderContext): AsyncIterable<string> {
  const columns = exportColumns(ctx.columns);
  const vocab = rdfVocabulary(ctx);
  // Terms are the field names (lowercase ODS names, so never a keyword nor the 'Record' term).
  const terms = columns.map((c) => c.name);
  const context: Record<string, unknown> = { Record: vocab.recordClass };
  columns.forEach((c, i) => {
    const datatype = rdfLiterals(sampleValue(c.type), c.type, 'UTC')[0]?.datatype;
    const term: Record<string, string> = { '@id': vocab.predicate(c) };
    if (datatype === `${RDF_NS}JSON`) term['@type'] = '@json';
    else if (datatype && datatype !== `${XSD}string`) term['@type'] = datatype;
    context[terms[i]!] = term;
  });
  yield `{"@context":${JSON.stringify(context)},\n"@graph":[`;
  let position = 0;
  for await (const batch of ctx.rows) {
    let out = '';
    for (const row of batch) {
      const node: Record<string, unknown> = { '@id': vocab.subject(row, ++position), '@type': 'Record' };
      columns.forEach((c, i) => {
        const literals = rdfLiterals(row[c.name], c.type, ctx.options.timezone);
        if (!literals.length) return;
        const values = literals.map((l) => (l.datatype === `${RDF_NS}JSON` ? JSON.parse(l.value) as unknown : l.value));
        node[terms[i]!] = values.length === 1 && !Array.isArray(row[c.name]) ? values[0] : values;
      });
      out += (position > 1 ? ',\n' : '') + JSON.stringify(node);
    }
    if (out) yield out;
  }
  yield ']}\n';
}

/** A non-null value of each type, to learn the type's datatype IRI from rdf-terms.ts. */
function sampleValue(type: string): unknown {
  switch (type) {
    case 'int': case 'double': return 0;
    case 'boolean': return true;
    case 'date': case 'datetime': return new Date(0);
    case 'geo_point_2d': return { lon: 0, lat: 0 };
    case 'geo_shape': return '{"type":"Point","coordinates":[0,0]}';
    case 'json_blob': case 'file': return '{}';
    default: return '';
  }
}

export const jsonLdRenderer: Renderer = {
  format: 'jsonld',
  contentType: 'application/ld+json; charset=utf-8',
  extension: 'jsonld',
  render: renderJsonLd,
};

registerRenderer(jsonLdRenderer);
