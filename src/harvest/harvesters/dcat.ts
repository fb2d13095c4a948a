// The `dcat` harvester: a DCAT catalog in RDF (Turtle, N-Triples, TriG, N-Quads, RDF/XML, JSON-LD), its
// Hydra pages followed (hydra:next / hydra:nextPage, same origin, capped, no loops), each dcat:Dataset mapped.
//
// A JSON-LD remote @context is read only through the harvest context's checked get, and only from the
// source's own origin or a host of the well-known vocabularies' contexts; any other is refused by name.
import { registerHarvester } from '../registry.ts';
import { normaliseFormat } from '../formats.ts';
import { badShape, excerptOf, fetchJson, fetchText, mediaTypeOf } from '../context.ts';
import { parseRdf, rdfSyntax, RDF_ACCEPT, SYNTAX_NAME, type ContextLoader } from '../rdf.ts';
import { AgoraError } from '../../core/errors.ts';
import type { Quad, Term } from 'n3';
import type { HarvestContext, RemoteDataset, RemoteDistribution } from '../types.ts';

/** Pages read at most in one run (a catalog of 100 datasets a page: 100,000 datasets). */
export const MAX_PAGES = 1000;
/** Remote JSON-LD contexts loaded at most in one run. */
const MAX_CONTEXTS = 20;
/** Hosts whose JSON-LD contexts a catalog may reference besides its own origin (DCAT-AP, schema.org, W3C, DCAT-US). */
export const CONTEXT_HOSTS = new Set(['semiceu.github.io', 'schema.org', 'www.w3.org', 'w3id.org', 'data.europa.eu', 'project-open-data.cio.gov', 'json-ld.org']);

const NS = {
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#', rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  dcat: 'http://www.w3.org/ns/dcat#', dct: 'http://purl.org/dc/terms/', foaf: 'http://xmlns.com/foaf/0.1/',
  skos: 'http://www.w3.org/2004/02/skos/core#', vcard: 'http://www.w3.org/2006/vcard/ns#', hydra: 'http://www.w3.org/ns/hydra/core#',
};
const IANA = /^https?:\/\/www\.iana\.org\/assignments\/media-types\//i;

/** A page's triples by subject and predicate, objects in document order. */
class Graph {
  private readonly bySubject = new Map<string, Map<string, Term[]>>();
  readonly datasets: Term[] = [];
  readonly next: Term[] = [];
  constructor(quads: Quad[]) {
    const seen = new Set<string>();
    for (const q of quads) {
      const key = Graph.key(q.subject);
      let props = this.bySubject.get(key);
      if (!props) this.bySubject.set(key, (props = new Map()));
      const p = q.predicate.value;
      const objects = props.get(p);
      if (objects) objects.push(q.object);
      else props.set(p, [q.object]);
      if (p === `${NS.rdf}type` && q.object.value === `${NS.dcat}Dataset` && !seen.has(key)) { seen.add(key); this.datasets.push(q.subject); }
      if (p === `${NS.hydra}next` || p === `${NS.hydra}nextPage`) this.next.push(q.object);
    }
  }
  static key(t: Term): string { return `${t.termType}:${t.value}`; }
  objects(s: Term, p: string): Term[] { return s.termType === 'Literal' ? [] : this.bySubject.get(Graph.key(s))?.get(p) ?? []; }
}

const literals = (terms: Term[]) => terms.filter((t) => t.termType === 'Literal' && t.value.trim()) as Array<Term & { language: string }>;
const text = (t: Term | undefined): string | null => (t && t.value.trim() ? t.value.trim() : null);
const lastSegment = (iri: string) => decodeURIComponent(iri.replace(/[/#]+$/, '').split(/[/#]/).pop() ?? iri);

/** The language tags to prefer, best first: the option's (and its primary subtag), untagged, English. */
const preference = (lang: string | undefined) => [...(lang ? [lang.toLowerCase(), lang.toLowerCase().split('-')[0]] : []), '', 'en'];
function langRank(tag: string, prefs: string[]): number {
  const t = tag.toLowerCase();
  const i = prefs.findIndex((p) => t === p || (p && t.split('-')[0] === p));
  return i < 0 ? prefs.length : i;
}

/** The one literal to show from a multilingual property (option language, else untagged, else en, else the first). */
function pick(terms: Term[], prefs: string[]): string | null {
  let best: (Term & { language: string }) | undefined;
  for (const t of literals(terms)) if (!best || langRank(t.language, prefs) < langRank(best.language, prefs)) best = t;
  return text(best);
}

/** The keywords in the preferred language plus the untagged ones, in document order, once each. */
function inLanguage(terms: Term[], prefs: string[]): string[] {
  const lits = literals(terms);
  const best = Math.min(...lits.map((t) => langRank(t.language, prefs)));
  return [...new Set(lits.filter((t) => !t.language || langRank(t.language, prefs) === best).map((t) => t.value.trim()))];
}

/** An IRI or a literal URL (some catalogs write dcat:downloadURL as an xsd:anyURI literal). */
const urlOf = (terms: Term[]): string | null => text(terms.find((t) => t.termType === 'NamedNode' || (t.termType === 'Literal' && /^https?:\/\//i.test(t.value.trim()))));

class Mapper {
  constructor(private readonly g: Graph, private readonly prefs: string[]) {}
  private one(s: Term, p: string): Term | undefined { return this.g.objects(s, p)[0]; }
  private label(node: Term, ...props: string[]): string | null {
    for (const p of props) {
      const v = pick(this.g.objects(node, p), this.prefs);
      if (v) return v;
    }
    return null;
  }

  /** A node's name (foaf:name, skos:prefLabel, rdfs:label, vcard:fn), or the literal itself. */
  private name(node: Term | undefined, ...props: string[]): string | null {
    if (!node) return null;
    if (node.termType === 'Literal') return text(node);
    return this.label(node, ...props);
  }

  private theme(t: Term): string | null {
    if (t.termType === 'Literal') return text(t);
    return this.label(t, `${NS.skos}prefLabel`, `${NS.rdfs}label`, `${NS.dct}title`) ?? (t.termType === 'NamedNode' ? lastSegment(t.value) : null);
  }

  /** A dct:format or dcat:mediaType value: an IRI, a literal, or a node with rdf:value or a label (dct:IMT). */
  private word(t: Term | undefined): string | null {
    if (!t) return null;
    if (t.termType !== 'BlankNode') return text(t);
    return text(this.one(t, `${NS.rdf}value`)) ?? this.label(t, `${NS.skos}prefLabel`, `${NS.rdfs}label`);
  }

  private distribution(d: Term): RemoteDistribution | null {
    const url = urlOf(this.g.objects(d, `${NS.dcat}downloadURL`)) ?? urlOf(this.g.objects(d, `${NS.dcat}accessURL`));
    if (!url) return null;
    const mediaType = this.word(this.one(d, `${NS.dcat}mediaType`))?.replace(IANA, '') ?? null;
    const format = this.word(this.one(d, `${NS.dct}format`));
    return { url, format: normaliseFormat(format, mediaType, url), mediaType, title: pick(this.g.objects(d, `${NS.dct}title`), this.prefs) };
  }

  private license(ds: Term, dists: Term[]): { license: string | null; licenseUrl: string | null } {
    const node = this.one(ds, `${NS.dct}license`) ?? dists.map((d) => this.one(d, `${NS.dct}license`)).find(Boolean);
    if (!node) return { license: null, licenseUrl: null };
    if (node.termType === 'Literal') {
      const v = text(node);
      return /^https?:\/\//i.test(v ?? '') ? { license: null, licenseUrl: v } : { license: v, licenseUrl: null };
    }
    return { license: this.label(node, `${NS.dct}title`, `${NS.rdfs}label`, `${NS.skos}prefLabel`), licenseUrl: node.termType === 'NamedNode' ? node.value : null };
  }

  private language(ds: Term): string | null {
    const codes = this.g.objects(ds, `${NS.dct}language`).map((t) => (t.termType === 'NamedNode' ? lastSegment(t.value).toLowerCase() : text(t))).filter((c): c is string => !!c);
    if (!codes.length) return null;
    return codes.reduce((best, c) => (langRank(c, this.prefs) < langRank(best, this.prefs) ? c : best), codes[0]);
  }

  dataset(ds: Term): RemoteDataset | null {
    const remoteId = text(literals(this.g.objects(ds, `${NS.dct}identifier`))[0]) ?? (ds.termType === 'NamedNode' ? ds.value : null);
    if (!remoteId) return null; // a blank node without dct:identifier has no id that stays the same between runs
    const dists = this.g.objects(ds, `${NS.dcat}distribution`);
    const contact = this.g.objects(ds, `${NS.dcat}contactPoint`).find((c) => c.termType !== 'Literal');
    const email = contact ? text(this.one(contact, `${NS.vcard}hasEmail`)) : null;
    const periodicity = this.one(ds, `${NS.dct}accrualPeriodicity`);
    return {
      remoteId,
      remoteUrl: urlOf(this.g.objects(ds, `${NS.dcat}landingPage`)),
      title: pick(this.g.objects(ds, `${NS.dct}title`), this.prefs) ?? remoteId,
      description: pick(this.g.objects(ds, `${NS.dct}description`), this.prefs),
      keywords: inLanguage(this.g.objects(ds, `${NS.dcat}keyword`), this.prefs),
      themes: [...new Set(this.g.objects(ds, `${NS.dcat}theme`).map((t) => this.theme(t)).filter((t): t is string => !!t))],
      ...this.license(ds, dists),
      publisher: this.name(this.one(ds, `${NS.dct}publisher`), `${NS.foaf}name`, `${NS.skos}prefLabel`, `${NS.rdfs}label`, `${NS.vcard}fn`),
      modified: text(this.one(ds, `${NS.dct}modified`)),
      issued: text(this.one(ds, `${NS.dct}issued`)),
      language: this.language(ds),
      contactName: contact ? this.label(contact, `${NS.vcard}fn`, `${NS.vcard}organization-name`) : null,
      contactEmail: email ? email.replace(/^mailto:/i, '') : null,
      accrualPeriodicity: periodicity ? this.word(periodicity) : null,
      distributions: dists.map((d) => this.distribution(d)).filter((d): d is RemoteDistribution => !!d),
    };
  }
}

/** The loader of remote @context documents for one run: the checked get, allowed hosts only, each read once.
 *  `failure` keeps the loader's own error, which the JSON-LD parser would otherwise wrap in its message. */
function contextLoader(ctx: HarvestContext): { load: ContextLoader; failure: AgoraError | null } {
  const origin = new URL(ctx.url).origin;
  const cache = new Map<string, Promise<unknown>>();
  const loader = { load: (url: string) => { try { return checked(url); } catch (e) { if (e instanceof AgoraError) loader.failure = e; throw e; } }, failure: null as AgoraError | null };
  const checked = (url: string): Promise<unknown> => {
    let u: URL;
    try { u = new URL(url); } catch { throw new AgoraError('HARVEST_FAILED', `The JSON-LD of ${ctx.url} names the @context "${url}", which is not a URL.`, { url: ctx.url }); }
    if (u.origin !== origin && !CONTEXT_HOSTS.has(u.hostname)) {
      throw new AgoraError('HARVEST_FAILED', `The JSON-LD of ${ctx.url} names the remote @context ${url}, which is not read: only contexts on the source's own origin (${origin}) or of the well-known vocabularies (${[...CONTEXT_HOSTS].join(', ')}) are.`, { url: ctx.url, context: url });
    }
    const known = cache.get(u.href);
    if (known) return known;
    if (cache.size >= MAX_CONTEXTS) throw new AgoraError('HARVEST_FAILED', `The JSON-LD of ${ctx.url} names more than ${MAX_CONTEXTS} remote @context documents.`, { url: ctx.url });
    const loading = fetchJson(ctx, u.href).then(({ body }) => body, (e: unknown) => { if (e instanceof AgoraError) loader.failure = e; throw e; });
    cache.set(u.href, loading);
    return loading;
  };
  return loader;
}

async function readPage(ctx: HarvestContext, url: string, contexts: ReturnType<typeof contextLoader>): Promise<Graph> {
  const { res, text: body } = await fetchText(ctx, url, RDF_ACCEPT);
  const type = mediaTypeOf(res);
  const syntax = rdfSyntax(type, url, body);
  if (!syntax) throw new AgoraError('HARVEST_FAILED', `The harvest source answered ${url} with ${type || 'no content type'}, not RDF (Turtle, RDF/XML, JSON-LD, N-Triples, TriG or N-Quads): "${excerptOf(body)}"`, { url, status: res.status });
  let quads: Quad[];
  try {
    quads = await parseRdf(body, syntax, res.url || url, contexts.load);
  } catch (e) {
    if (contexts.failure) throw contexts.failure;
    if (e instanceof AgoraError) throw e;
    throw badShape(url, `the ${SYNTAX_NAME[syntax]} does not parse (${(e as Error).message})`);
  }
  return new Graph(quads);
}

async function* list(ctx: HarvestContext): AsyncIterable<RemoteDataset> {
  const origin = new URL(ctx.url).origin;
  const prefs = preference(ctx.options.language?.trim());
  const contexts = contextLoader(ctx);
  const seen = new Set<string>();
  for (let url: string | null = ctx.url; url;) {
    if (ctx.signal.aborted) return;
    if (seen.size >= MAX_PAGES) throw new AgoraError('HARVEST_FAILED', `The DCAT catalog ${ctx.url} has more than ${MAX_PAGES} pages; the harvest stopped at ${url}.`, { url });
    seen.add(url);
    const g = await readPage(ctx, url, contexts);
    const mapper = new Mapper(g, prefs);
    for (const d of g.datasets) {
      const ds = mapper.dataset(d);
      if (ds) yield ds;
    }
    url = nextPage(g, url, origin, seen);
  }
}

/** The next page's URL (an IRI or a literal, as ckanext-dcat writes it), or null at the last page or on a loop. */
function nextPage(g: Graph, current: string, origin: string, seen: Set<string>): string | null {
  const link = g.next.map((t) => t.value.trim()).find(Boolean);
  if (!link) return null;
  let next: URL;
  try { next = new URL(link, current); } catch { throw badShape(current, `the Hydra next page "${link}" is not a URL`); }
  if (next.origin !== origin) throw new AgoraError('HARVEST_FAILED', `The DCAT catalog page ${current} names its next page on another origin (${next.href}); only pages on ${origin} are followed.`, { url: current });
  return seen.has(next.href) ? null : next.href;
}

registerHarvester({
  type: 'dcat',
  label: 'DCAT (RDF: Turtle, RDF/XML, JSON-LD)',
  options: [
    { name: 'language', label: 'Language', help: 'The language tag to prefer for titles, descriptions and keywords given in several languages, e.g. en or fr.' },
  ],
  list,
});
