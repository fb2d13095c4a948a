// package_search over the visible datasets, in memory (the catalog is already held in memory):
// q words and field:value terms, fq filters, sorting, paging and facet counts in CKAN's shapes.
import type { Dataset } from '../../core/types.ts';
import { datasetExportFormats } from '../formats.ts';
import { licenceOf } from '../licences.ts';
import * as m from '../metas-read.ts';
import { CkanError, invalid } from './envelope.ts';
import { groupsOf, organizationOf, packageDict, slug, type CkanContext } from './package.ts';
import { capped, integer, jsonValue, list, text, type CkanData } from './params.ts';

const fold = (s: string): string => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

/** The values a dataset has for each searchable CKAN field. */
function fieldValues(ds: Dataset, c: CkanContext, field: string): string[] {
  switch (field) {
    case 'name': return [ds.dataset_id];
    case 'id': return [ds.dataset_uid];
    // Every package Agora lists is an active, public-to-this-caller dataset of its organization.
    case 'type': case 'dataset_type': return ['dataset'];
    case 'state': return ['active'];
    case 'capacity': return ['public'];
    case 'owner_org': return [organizationOf(ds, c).id];
    case 'title': return [m.title(ds)];
    case 'notes': return [m.description(ds)];
    case 'tags': return m.keywords(ds);
    case 'organization': return [organizationOf(ds, c).name];
    case 'groups': return groupsOf(ds).map((g) => g.name);
    case 'res_format': return ['API', ...datasetExportFormats(ds).map((f) => f.title)];
    case 'license_id': { const l = licenceOf(ds); return l?.spdx ? [l.spdx.toLowerCase()] : []; }
    case 'text': return [ds.dataset_id, m.title(ds), m.description(ds), ...m.keywords(ds), ...m.themes(ds), m.publisherName(ds, c.portalName)];
    case 'metadata_modified': return [m.modified(ds) ?? ds.created];
    case 'metadata_created': return [m.issued(ds) ?? ds.created];
    default: throw new CkanError('Search Query Error', `Search Query is invalid: unknown field "${field}"`);
  }
}

interface Range { from: number; to: number; incFrom: boolean; incTo: boolean }
interface Term { field: string; value: string; negate: boolean; anyOf?: string[]; range?: Range }

const DATE_FIELDS = new Set(['metadata_modified', 'metadata_created']);

/** A Solr range bound on a date field: `*`, `NOW`, or an ISO date or instant. */
function bound(v: string, open: number): number {
  if (v === '*') return open;
  if (v.toUpperCase() === 'NOW') return Date.now();
  const t = Date.parse(/[zZ]|[+-]\d{2}:?\d{2}$/.test(v) || !v.includes('T') ? v : `${v}Z`);
  if (Number.isNaN(t)) throw new CkanError('Search Query Error', `Search Query is invalid: "${v}" is not a date`);
  return t;
}

const unquote = (v: string): string => (/^".*"$/.test(v) ? v.slice(1, -1).replace(/\\(.)/g, '$1') : v);

/** Splits `a "b c" tags:x -organization:"y z" tags:(a OR b) metadata_modified:[2024-01-01 TO *]`
 *  into terms (bare words search the text field; terms are ANDed). */
export function parseTerms(s: string): Term[] {
  const terms: Term[] = [];
  const re = /(-|\+)?(?:([A-Za-z_]+):)?(?:([[{])\s*(\S+)\s+TO\s+([^\s\]}]+)\s*([\]}])|\(([^)]*)\)|"((?:[^"\\]|\\.)*)"|(\S+))/g;
  for (const mt of s.matchAll(re)) {
    const field = mt[2] ?? 'text';
    const negate = mt[1] === '-';
    if (mt[3]) {
      if (!DATE_FIELDS.has(field)) throw new CkanError('Search Query Error', `Search Query is invalid: ranges are supported on ${[...DATE_FIELDS].join(' and ')} only`);
      const range = { from: bound(mt[4]!, -Infinity), to: bound(mt[5]!, Infinity), incFrom: mt[3] === '[', incTo: mt[6] === ']' };
      terms.push({ field, value: mt[0], negate, range });
      continue;
    }
    if (mt[7] !== undefined) {
      const anyOf = mt[7].split(/\s+OR\s+/).map((v) => unquote(v.trim())).filter(Boolean);
      if (anyOf.some((v) => /\s(AND|OR)\s|^(AND|OR)$/.test(v))) throw new CkanError('Search Query Error', 'Search Query is invalid: only (a OR b …) groups of values are supported');
      terms.push({ field, value: anyOf.join(' '), negate, anyOf });
      continue;
    }
    const value = mt[8] !== undefined ? mt[8].replace(/\\(.)/g, '$1') : mt[9]!;
    if (!mt[2] && /^(AND|OR)$/.test(value)) {
      if (value === 'OR') throw new CkanError('Search Query Error', 'Search Query is invalid: OR is not supported; terms are ANDed');
      continue;
    }
    if (!mt[2] && value === '*:*') continue;
    terms.push({ field, value, negate });
  }
  return terms;
}

/** Solr's wildcards on a string field: `*` any run of characters, `?` one character. */
function wildcard(v: string): RegExp {
  return new RegExp(`^${v.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 's');
}

function matchesValue(vals: string[], field: string, value: string): boolean {
  const v = fold(value);
  if (field === 'text' || field === 'title' || field === 'notes') return vals.some((x) => fold(x).includes(v.replace(/\*/g, '')));
  if (/[*?]/.test(v)) { const re = wildcard(v); return vals.some((x) => re.test(fold(x))); }
  return vals.some((x) => fold(x) === v);
}

function matches(ds: Dataset, c: CkanContext, t: Term): boolean {
  const vals = fieldValues(ds, c, t.field);
  let hit: boolean;
  if (t.range) {
    const r = t.range;
    hit = vals.some((x) => {
      const v = Date.parse(x);
      return (r.incFrom ? v >= r.from : v > r.from) && (r.incTo ? v <= r.to : v < r.to);
    });
  } else hit = (t.anyOf ?? [t.value]).some((v) => matchesValue(vals, t.field, v));
  return t.negate ? !hit : hit;
}

const SORTS: Record<string, (ds: Dataset) => string> = {
  name: (d) => d.dataset_id, title_string: (d) => fold(m.title(d)), title: (d) => fold(m.title(d)),
  metadata_modified: (d) => m.modified(d) ?? '', metadata_created: (d) => m.issued(d) ?? d.created,
};

/** Relevance of a dataset for the bare words of q: title hits count most, then tags, then text. */
function scorer(words: string[], c: CkanContext): (ds: Dataset) => number {
  return (ds) => words.reduce((sum, w) => sum
    + (fold(m.title(ds)).includes(w) ? 3 : 0) + (m.keywords(ds).some((k) => fold(k).includes(w)) ? 2 : 0)
    + (fold(m.description(ds)).includes(w) || fold(m.publisherName(ds, c.portalName)).includes(w) ? 1 : 0), 0);
}

function sorter(spec: string, score: (ds: Dataset) => number): (a: Dataset, b: Dataset) => number {
  const keys = spec.split(',').map((s) => s.trim()).filter(Boolean).map((part) => {
    const [field, dir = 'asc'] = part.split(/\s+/);
    if (field === 'score' || field === 'relevance') {
      const sign = dir.toLowerCase() === 'asc' ? 1 : -1;
      return { key: (d: Dataset) => score(d), sign };
    }
    const key = SORTS[field!] as ((d: Dataset) => string | number) | undefined;
    if (!key || !['asc', 'desc'].includes(dir.toLowerCase())) throw new CkanError('Search Query Error', `Search Query is invalid: cannot sort by "${part}"`);
    return { key, sign: dir.toLowerCase() === 'desc' ? -1 : 1 };
  });
  return (a, b) => {
    for (const k of keys) { const x = k.key(a), y = k.key(b); if (x !== y) return x < y ? -k.sign : k.sign; }
    return 0;
  };
}

const FACETABLE = new Set(['tags', 'organization', 'groups', 'res_format', 'license_id']);

export function packageSearch(all: Dataset[], d: CkanData, c: CkanContext): Record<string, unknown> {
  const q = text(d, 'q') ?? '';
  const fq = [text(d, 'fq') ?? '', ...(list(d, 'fq_list') ?? [])].join(' ');
  const rows = capped(d, 'rows', 10, 1000);
  const start = integer(d, 'start', 0, 0, Number.MAX_SAFE_INTEGER);
  const terms = [...parseTerms(q), ...parseTerms(fq)];
  let hits = all.filter((ds) => terms.every((t) => matches(ds, c, t)));
  const sortSpec = text(d, 'sort') ?? 'score desc, metadata_modified desc';
  const words = terms.filter((t) => t.field === 'text' && !t.negate).map((t) => fold(t.value.replace(/\*/g, '')));
  hits = [...hits].sort(sorter(sortSpec, scorer(words, c)));
  const facetFieldsRaw = jsonValue(d, 'facet.field');
  const facetFields = facetFieldsRaw === undefined ? [] : Array.isArray(facetFieldsRaw) ? facetFieldsRaw.map(String) : (() => { throw invalid('facet.field', 'Must be a JSON list'); })();
  for (const f of facetFields) if (!FACETABLE.has(f)) throw new CkanError('Search Query Error', `Search Query is invalid: cannot facet on "${f}"`);
  const facetLimit = integer(d, 'facet.limit', 50, -1, Number.MAX_SAFE_INTEGER);
  const facets: Record<string, Record<string, number>> = {};
  const searchFacets: Record<string, unknown> = {};
  for (const f of facetFields) {
    const counts = new Map<string, { count: number; display: string }>();
    for (const ds of hits) {
      const display = f === 'organization' ? [organizationOf(ds, c)].map((o) => [o.name, o.title] as const)
        : f === 'groups' ? groupsOf(ds).map((g) => [g.name, g.title] as const)
          : fieldValues(ds, c, f).map((v) => [v, v] as const);
      for (const [name, title] of new Map(display)) {
        const e = counts.get(name) ?? { count: 0, display: title };
        e.count++; counts.set(name, e);
      }
    }
    const ordered = [...counts].sort((a, b) => b[1].count - a[1].count || (a[0] < b[0] ? -1 : 1));
    const kept = facetLimit < 0 ? ordered : ordered.slice(0, facetLimit);
    facets[f] = Object.fromEntries(kept.map(([k, v]) => [k, v.count]));
    searchFacets[f] = { title: f, items: kept.map(([k, v]) => ({ name: k, display_name: v.display, count: v.count })) };
  }
  return {
    count: hits.length, sort: sortSpec, facets, search_facets: searchFacets,
    results: hits.slice(start, start + rows).map((ds) => packageDict(ds, c)),
  };
}

/** Organizations (publishers) or groups (themes) of the visible datasets, with dataset counts. */
export function collections(all: Dataset[], c: CkanContext, kind: 'organization' | 'group'): Map<string, { id: string; name: string; title: string; datasets: Dataset[] }> {
  const out = new Map<string, { id: string; name: string; title: string; datasets: Dataset[] }>();
  for (const ds of all) {
    for (const o of kind === 'organization' ? [organizationOf(ds, c)] : groupsOf(ds)) {
      const e = out.get(o.name) ?? { ...o, datasets: [] };
      if (!e.datasets.includes(ds)) e.datasets.push(ds);
      out.set(o.name, e);
    }
  }
  return out;
}

export { slug };
