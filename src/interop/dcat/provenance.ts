// The DCAT-AP description of where a harvested dataset comes from (metas.harvest): a
// dct:ProvenanceStatement naming the source portal, the remote dataset page and the date, the remote
// id as an adms:Identifier, and — for a metadata-only harvest — the source's own files as distributions.
import type { Dataset, HarvestMetas } from '../../core/types.ts';
import { EXPORT_FORMATS, datasetPageUrl, euFileTypeUri } from '../formats.ts';
import type { Concept } from '../vocab.ts';
import { EU_AUTH } from '../vocab.ts';
import { IANA, bnode, iri, isSafeIri, node, RDF_TYPE, text, triple, type NamedNode, type Quad, type Subject } from '../rdf/terms.ts';

export interface GraphTools {
  concept(c: Concept, ...types: NamedNode[]): NamedNode;
  typedNode(url: string, type: NamedNode): NamedNode;
}

function statement(h: HarvestMetas): string {
  const at = h.remote_url ? ` (${h.remote_url})` : '';
  return `Harvested from ${h.source_name} (${h.source_url}, a ${h.source_type} portal) on ${h.harvested_at.slice(0, 10)}, where it is the dataset "${h.remote_id}"${at}.`;
}

export function provenanceQuads(d: NamedNode, ds: Dataset, n: number): Quad[] {
  const h = ds.metas.harvest;
  if (!h) return [];
  const p = bnode(`d${n}provenance`);
  const id = bnode(`d${n}remote-id`);
  return [
    triple(d, iri('dct', 'provenance'), p), triple(p, RDF_TYPE, iri('dct', 'ProvenanceStatement')), triple(p, iri('rdfs', 'label'), text(statement(h), 'en')),
    triple(d, iri('adms', 'identifier'), id), triple(id, RDF_TYPE, iri('adms', 'Identifier')), triple(id, iri('skos', 'notation'), text(h.remote_id)),
  ];
}

/** Whether the dataset's distributions are the source's files (a metadata-only harvest, no records here). */
export function servesSourceFiles(ds: Dataset): boolean {
  return ds.metas.harvest?.metadata_only === true && !ds.has_records;
}

export function sourceDistributions(d: NamedNode, ds: Dataset, baseUrl: string, tag: string | undefined, licence: Subject | undefined, tools: GraphTools): Quad[] {
  const q: Quad[] = [];
  for (const [i, file] of (ds.metas.harvest?.files ?? []).entries()) {
    if (!isSafeIri(file.url)) continue;
    const dist = node(`${datasetPageUrl(baseUrl, ds.dataset_id)}#source-file-${i + 1}`);
    const url = node(file.url);
    const known = EXPORT_FORMATS.find((f) => f.format === (file.format === 'shapefile' ? 'shp' : file.format));
    q.push(
      triple(d, iri('dcat', 'distribution'), dist), triple(dist, RDF_TYPE, iri('dcat', 'Distribution')),
      triple(dist, iri('dct', 'title'), text(file.title || `${ds.metas.default.title} (${file.format ?? 'file'})`, tag)),
      triple(dist, iri('dct', 'description'), text(`A file of the dataset at its source, ${ds.metas.harvest!.source_name}.`, 'en')),
      triple(dist, iri('dcat', 'accessURL'), url), triple(dist, iri('dcat', 'downloadURL'), url),
    );
    if (known) q.push(triple(dist, iri('dct', 'format'), tools.concept({ uri: euFileTypeUri(known), scheme: `${EU_AUTH}file-type`, label: known.euFileType }, iri('dct', 'MediaTypeOrExtent'))));
    const media = file.media_type && /^[a-z]+\/[a-z0-9.+-]+$/i.test(file.media_type) ? file.media_type : known?.iana ? known.mediaType : null;
    if (media) q.push(triple(dist, iri('dcat', 'mediaType'), tools.typedNode(IANA + media, iri('dct', 'MediaType'))));
    if (licence) q.push(triple(dist, iri('dct', 'license'), licence));
  }
  return q;
}
