// Builds the DCAT-AP 3.0 graph of the catalog as quads, in three parts so it can be streamed:
// header (catalog, API data service, paging), one batch per dataset, footer (the controlled-vocabulary
// concepts and catalog facts that depend on every dataset seen). No I/O, no serialisation here.
import type { Dataset } from '../../core/types.ts';
import { datasetExportFormats, datasetPageUrl, downloadUrl, euFileTypeUri, type ExportFormat } from '../formats.ts';
import { licenceOf, euLicenceUri } from '../licences.ts';
import * as m from '../metas-read.ts';
import { provenanceQuads, servesSourceFiles, sourceDistributions } from './provenance.ts';
import { EU_AUTH, frequencyConcept, languageConcept, themeConcept, DATA_THEME_SCHEME, type Concept } from '../vocab.ts';
import { IANA, isSafeIri, bnode, dateLiteral, iri, node, RDF_TYPE, text, triple, typed, type NamedNode, type Quad, type Subject } from '../rdf/terms.ts';

export interface CatalogPage { page: number; pageSize: number; total: number; pageUrl: (page: number) => string }

export interface DcatOptions {
  baseUrl: string;
  portalName: string;
  /** ODS include_exports: the dataset export formats to list as distributions (empty: all). */
  includeExports: string[];
  /** ODS use_labels_in_exports (default true): downloads that name fields use the field labels. */
  useLabels?: boolean;
  /** The portal's contact address: the contact point of datasets that name none. */
  contactEmail?: string;
  page?: CatalogPage;
}

const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;

export class DcatGraph {
  readonly catalog: NamedNode;
  readonly service: NamedNode;
  private readonly concepts = new Map<string, { concept: Concept; types: NamedNode[] }>();
  private readonly typedNodes = new Map<string, NamedNode[]>();
  private readonly languages = new Set<string>();
  private latestModified: string | undefined;
  private earliestIssued: string | undefined;

  constructor(private readonly opts: DcatOptions) {
    this.catalog = node(`${opts.baseUrl}/#catalog`);
    this.service = node(`${opts.baseUrl}/api/explore/v2.1`);
  }

  header(): Quad[] {
    const { baseUrl, portalName } = this.opts;
    const q: Quad[] = [];
    const cat = this.catalog;
    q.push(triple(cat, RDF_TYPE, iri('dcat', 'Catalog')));
    q.push(triple(cat, iri('dct', 'title'), text(portalName)));
    q.push(triple(cat, iri('dct', 'description'), text(`Open data published on ${portalName}: every dataset with its API, downloads and metadata.`)));
    const publisher = bnode('catalogPublisher');
    q.push(triple(cat, iri('dct', 'publisher'), publisher), ...this.agent(publisher, portalName));
    q.push(triple(cat, iri('foaf', 'homepage'), this.document(`${baseUrl}/`)));
    q.push(triple(cat, iri('dcat', 'themeTaxonomy'), node(DATA_THEME_SCHEME)));
    q.push(triple(node(DATA_THEME_SCHEME), RDF_TYPE, iri('skos', 'ConceptScheme')));
    q.push(triple(node(DATA_THEME_SCHEME), iri('dct', 'title'), text('Data theme', 'en')));
    q.push(triple(cat, iri('dcat', 'service'), this.service));
    q.push(...this.dataService(publisher));
    if (this.opts.page) q.push(...this.paging(this.opts.page));
    return q;
  }

  private dataService(publisher: Subject): Quad[] {
    const { baseUrl, portalName } = this.opts;
    const s = this.service;
    const standard = node('https://help.opendatasoft.com/apis/ods-explore-v2/');
    return [
      triple(s, RDF_TYPE, iri('dcat', 'DataService')),
      triple(s, iri('dct', 'title'), text(`${portalName} Explore API v2.1`)),
      triple(s, iri('dct', 'description'), text('Opendatasoft-compatible Explore API v2.1: records, aggregations (ODSQL) and exports of every dataset.')),
      // The DCAT-AP range shapes want both typed rdfs:Resource (sh:class needs the triple).
      triple(s, iri('dcat', 'endpointURL'), this.typedNode(`${baseUrl}/api/explore/v2.1`, iri('rdfs', 'Resource'))),
      triple(s, iri('dcat', 'endpointDescription'), this.typedNode(`${baseUrl}/api/explore/v2.1/openapi.json`, iri('rdfs', 'Resource'))),
      triple(s, iri('dct', 'conformsTo'), standard),
      triple(standard, RDF_TYPE, iri('dct', 'Standard')),
      triple(s, iri('dct', 'publisher'), publisher),
      triple(s, iri('dcat', 'keyword'), text('API')),
      triple(s, iri('dcat', 'keyword'), text('ODSQL')),
      triple(s, iri('dcat', 'landingPage'), this.document(`${baseUrl}/docs/api`)),
    ];
  }

  private paging(p: CatalogPage): Quad[] {
    const view = node(p.pageUrl(p.page));
    const last = Math.max(1, Math.ceil(p.total / p.pageSize));
    const q: Quad[] = [
      triple(view, RDF_TYPE, iri('hydra', 'PagedCollection')),
      triple(view, iri('hydra', 'totalItems'), typed(String(p.total), 'xsd', 'integer')),
      triple(view, iri('hydra', 'itemsPerPage'), typed(String(p.pageSize), 'xsd', 'integer')),
      triple(view, iri('hydra', 'firstPage'), text(p.pageUrl(1))),
      triple(view, iri('hydra', 'lastPage'), text(p.pageUrl(last))),
    ];
    if (p.page > 1) q.push(triple(view, iri('hydra', 'previousPage'), text(p.pageUrl(Math.min(p.page - 1, last)))));
    if (p.page < last) q.push(triple(view, iri('hydra', 'nextPage'), text(p.pageUrl(p.page + 1))));
    return q;
  }

  /** The quads describing one dataset; `n` keeps its blank nodes apart from other datasets'. */
  dataset(ds: Dataset, n: number): Quad[] {
    const { baseUrl, portalName } = this.opts;
    const d = node(`${datasetPageUrl(baseUrl, ds.dataset_id)}#dataset`);
    const lang = languageConcept(ds.metas.default.language);
    const tag = lang ? ds.metas.default.language!.trim().toLowerCase().slice(0, 2) : undefined;
    const q: Quad[] = [triple(this.catalog, iri('dcat', 'dataset'), d), triple(this.service, iri('dcat', 'servesDataset'), d)];
    q.push(triple(d, RDF_TYPE, iri('dcat', 'Dataset')));
    q.push(triple(d, iri('dct', 'identifier'), text(ds.dataset_id)));
    q.push(triple(d, iri('dct', 'title'), text(m.title(ds), tag)));
    q.push(triple(d, iri('dct', 'description'), text(m.description(ds) || m.title(ds), tag)));
    const page = node(datasetPageUrl(baseUrl, ds.dataset_id));
    q.push(triple(d, iri('dcat', 'landingPage'), page), triple(page, RDF_TYPE, iri('foaf', 'Document')));
    if (lang) { q.push(triple(d, iri('dct', 'language'), this.concept(lang, iri('dct', 'LinguisticSystem')))); this.languages.add(lang.uri); }
    const keywords = new Set(m.keywords(ds));
    for (const theme of m.themes(ds)) {
      const c = themeConcept(theme);
      if (c) q.push(triple(d, iri('dcat', 'theme'), this.concept(c)));
      keywords.add(theme);
    }
    for (const k of keywords) q.push(triple(d, iri('dcat', 'keyword'), text(k, tag)));
    const modified = m.modified(ds), issued = m.issued(ds);
    if (issued) { q.push(triple(d, iri('dct', 'issued'), dateLiteral(issued))); if (!this.earliestIssued || issued < this.earliestIssued) this.earliestIssued = issued; }
    if (modified) { q.push(triple(d, iri('dct', 'modified'), dateLiteral(modified))); if (!this.latestModified || modified > this.latestModified) this.latestModified = modified; }
    const pub = bnode(`d${n}publisher`);
    q.push(triple(d, iri('dct', 'publisher'), pub), ...this.agent(pub, m.publisherName(ds, portalName)));
    if (ds.metas.dcat.creator?.trim()) {
      const cr = bnode(`d${n}creator`);
      q.push(triple(d, iri('dct', 'creator'), cr), ...this.agent(cr, ds.metas.dcat.creator.trim()));
    }
    const contact = m.contact(ds, portalName) ?? (this.opts.contactEmail ? { name: portalName, email: this.opts.contactEmail } : undefined);
    if (contact) {
      const c = bnode(`d${n}contact`);
      q.push(triple(d, iri('dcat', 'contactPoint'), c), triple(c, RDF_TYPE, iri('vcard', 'Kind')), triple(c, iri('vcard', 'fn'), text(contact.name)));
      if (contact.email && isSafeIri(`mailto:${contact.email}`)) q.push(triple(c, iri('vcard', 'hasEmail'), node(`mailto:${contact.email}`)));
    }
    const freq = frequencyConcept(ds.metas.dcat.accrualperiodicity);
    if (freq) q.push(triple(d, iri('dct', 'accrualPeriodicity'), this.concept(freq, iri('dct', 'Frequency'))));
    q.push(...this.temporal(d, ds, n), ...this.spatial(d, ds, n));
    q.push(triple(d, iri('dct', 'accessRights'), this.concept({ uri: `${EU_AUTH}access-right/PUBLIC`, scheme: `${EU_AUTH}access-right`, label: 'public' }, iri('dct', 'RightsStatement'))));
    const conforms = ds.metas.dcat.conformsto?.trim();
    if (conforms && isSafeIri(conforms)) q.push(triple(d, iri('dct', 'conformsTo'), this.typedNode(conforms, iri('dct', 'Standard'))));
    const refs = ds.metas.default.references?.trim();
    if (refs && isSafeIri(refs)) q.push(triple(d, iri('foaf', 'page'), node(refs)), triple(node(refs), RDF_TYPE, iri('foaf', 'Document')));
    q.push(...provenanceQuads(d, ds, n));
    const licence = this.licence(ds, n, q);
    const tools = { concept: this.concept.bind(this), typedNode: this.typedNode.bind(this) };
    if (servesSourceFiles(ds)) q.push(...sourceDistributions(d, ds, baseUrl, tag, licence, tools));
    else for (const f of datasetExportFormats(ds, this.opts.includeExports)) q.push(...this.distribution(d, ds, f, tag, licence));
    return q;
  }

  private distribution(d: NamedNode, ds: Dataset, f: ExportFormat, tag: string | undefined, licence: Subject | undefined): Quad[] {
    const { baseUrl } = this.opts;
    const dist = node(`${datasetPageUrl(baseUrl, ds.dataset_id)}#distribution-${f.format}`);
    const url = node(downloadUrl(baseUrl, ds.dataset_id, f, this.opts.useLabels ?? true));
    const q: Quad[] = [
      triple(d, iri('dcat', 'distribution'), dist),
      triple(dist, RDF_TYPE, iri('dcat', 'Distribution')),
      triple(dist, iri('dct', 'title'), text(`${m.title(ds)} (${f.title})`, tag)),
      triple(dist, iri('dct', 'description'), text(`All records of the dataset "${m.title(ds)}" as ${f.title}, generated from the live data.`, 'en')),
      triple(dist, iri('dcat', 'accessURL'), url),
      triple(dist, iri('dcat', 'downloadURL'), url),
      triple(dist, iri('dcat', 'accessService'), this.service),
      triple(dist, iri('dct', 'format'), this.concept({ uri: euFileTypeUri(f), scheme: `${EU_AUTH}file-type`, label: f.euFileType }, iri('dct', 'MediaTypeOrExtent'))),
      triple(dist, iri('dcatap', 'availability'), this.concept({ uri: `${EU_AUTH}planned-availability/STABLE`, scheme: `${EU_AUTH}planned-availability`, label: 'stable' })),
    ];
    if (f.zipped) q.push(triple(dist, iri('dcat', 'packageFormat'), this.typedNode(`${IANA}application/zip`, iri('dct', 'MediaType'))));
    else if (f.iana) q.push(triple(dist, iri('dcat', 'mediaType'), this.typedNode(IANA + f.mediaType, iri('dct', 'MediaType'))));
    const modified = m.modified(ds);
    if (modified) q.push(triple(dist, iri('dct', 'modified'), dateLiteral(modified)));
    if (licence) q.push(triple(dist, iri('dct', 'license'), licence));
    return q;
  }

  /** The EU licence concept or the licence's URL; a licence known only by its name becomes a
   *  blank-node LicenseDocument carrying that name (its quads go to `q`). */
  private licence(ds: Dataset, n: number, q: Quad[]): Subject | undefined {
    const lic = licenceOf(ds);
    if (!lic) return undefined;
    const uri = lic.eu ? euLicenceUri(lic.eu) : lic.url;
    if (uri && isSafeIri(uri)) return this.typedNode(uri, iri('dct', 'LicenseDocument'));
    const b = bnode(`d${n}licence`);
    q.push(triple(b, RDF_TYPE, iri('dct', 'LicenseDocument')), triple(b, iri('rdfs', 'label'), text(lic.title)));
    return b;
  }

  private temporal(d: NamedNode, ds: Dataset, n: number): Quad[] {
    const t = m.temporal(ds);
    if (!t || (!t.start && !t.end)) return [];
    const p = bnode(`d${n}temporal`);
    const q: Quad[] = [triple(d, iri('dct', 'temporal'), p), triple(p, RDF_TYPE, iri('dct', 'PeriodOfTime'))];
    if (t.start) q.push(triple(p, iri('dcat', 'startDate'), dateLiteral(t.start)));
    if (t.end) q.push(triple(p, iri('dcat', 'endDate'), dateLiteral(t.end)));
    return q;
  }

  private spatial(d: NamedNode, ds: Dataset, n: number): Quad[] {
    const g = m.spatialGeometry(ds);
    const name = m.spatialText(ds);
    if (!g && !name) return [];
    const loc = bnode(`d${n}spatial`);
    const q: Quad[] = [triple(d, iri('dct', 'spatial'), loc), triple(loc, RDF_TYPE, iri('dct', 'Location'))];
    if (g?.type === 'Polygon') {
      const ring = (g.coordinates as number[][][])[0]!;
      const wkt = `POLYGON((${ring.map(([x, y]) => `${x} ${y}`).join(', ')}))`;
      q.push(triple(loc, iri('dcat', 'bbox'), typed(wkt, 'gsp', 'wktLiteral')));
      const [w, s] = ring[0]!, [e, no] = ring[2]!;
      q.push(triple(loc, iri('dcat', 'centroid'), typed(`POINT(${round6((w! + e!) / 2)} ${round6((s! + no!) / 2)})`, 'gsp', 'wktLiteral')));
    } else if (name) {
      q.push(triple(loc, iri('locn', 'geographicName'), text(name)));
    }
    return q;
  }

  private agent(a: Subject, name: string): Quad[] {
    return [triple(a, RDF_TYPE, iri('foaf', 'Agent')), triple(a, iri('foaf', 'name'), text(name))];
  }

  private document(url: string): NamedNode { return this.typedNode(url, iri('foaf', 'Document')); }

  /** A resource shared by many datasets (licence, media type, standard) whose rdf:type is written
   *  once, in the footer (SHACL sh:class needs the type). Per-dataset resources are typed inline. */
  private typedNode(url: string, type: NamedNode): NamedNode {
    const types = this.typedNodes.get(url) ?? [];
    if (!types.some((t) => t.equals(type))) types.push(type);
    this.typedNodes.set(url, types);
    return node(url);
  }

  /** A controlled-vocabulary concept, described once in the footer with its label and scheme. */
  private concept(c: Concept, ...types: NamedNode[]): NamedNode {
    const seen = this.concepts.get(c.uri);
    if (!seen) this.concepts.set(c.uri, { concept: c, types: [...types] });
    else for (const t of types) if (!seen.types.some((x) => x.equals(t))) seen.types.push(t);
    return node(c.uri);
  }

  footer(): Quad[] {
    const q: Quad[] = [];
    for (const uri of this.languages) q.push(triple(this.catalog, iri('dct', 'language'), node(uri)));
    if (this.latestModified) q.push(triple(this.catalog, iri('dct', 'modified'), dateLiteral(this.latestModified)));
    if (this.earliestIssued) q.push(triple(this.catalog, iri('dct', 'issued'), dateLiteral(this.earliestIssued)));
    for (const { concept, types } of this.concepts.values()) {
      const c = node(concept.uri);
      q.push(triple(c, RDF_TYPE, iri('skos', 'Concept')));
      for (const t of types) q.push(triple(c, RDF_TYPE, t));
      q.push(triple(c, iri('skos', 'prefLabel'), text(concept.label, 'en')));
      q.push(triple(c, iri('skos', 'inScheme'), node(concept.scheme)));
    }
    for (const [url, types] of this.typedNodes) for (const t of types) q.push(triple(node(url), RDF_TYPE, t));
    return q;
  }
}
