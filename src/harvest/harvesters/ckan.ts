// The `ckan` harvester: pages through a CKAN portal's Action API package_search (up to 100 packages
// a request, until `count`) and maps each package dict, its tags, groups and resources, to a RemoteDataset.
import { registerHarvester } from '../registry.ts';
import { isDict, str, type Dict } from '../values.ts';
import { normaliseFormat } from '../formats.ts';
import { badShape, fetchJson } from '../context.ts';
import { AgoraError } from '../../core/errors.ts';
import type { HarvestContext, RemoteDataset, RemoteDistribution } from '../types.ts';

const ROWS = 100;

const dicts = (v: unknown): Dict[] => (Array.isArray(v) ? v.filter(isDict) : []);

/** CKAN writes UTC timestamps without an offset ("2024-03-01T10:00:00.123456"): said as UTC here. */
function utc(v: unknown): string | null {
  const s = str(v);
  return s && /T\d\d:\d\d(:\d\d(\.\d+)?)?$/.test(s) ? `${s}Z` : s;
}

function searchUrl(ctx: HarvestContext, base: string, start: number): string {
  const u = new URL(`${base}/api/3/action/package_search`);
  u.searchParams.set('rows', String(ROWS));
  u.searchParams.set('start', String(start));
  u.searchParams.set('sort', 'name asc');
  const org = ctx.options.organization?.trim();
  if (org) u.searchParams.set('fq', `organization:${org}`);
  const q = ctx.options.q?.trim();
  if (q) u.searchParams.set('q', q);
  return u.href;
}

function distribution(r: Dict): RemoteDistribution | null {
  const url = str(r.url);
  if (!url) return null;
  const mediaType = str(r.mimetype);
  return { url, format: normaliseFormat(str(r.format), mediaType, url), mediaType, title: str(r.name) };
}

export function ckanPackage(base: string, p: Dict): RemoteDataset | null {
  const id = str(p.id);
  if (!id) return null;
  const name = str(p.name);
  const org = isDict(p.organization) ? p.organization : null;
  // The contact point is the maintainer, else the author (as ckanext-dcat maps them).
  const byMaintainer = !!(str(p.maintainer) || str(p.maintainer_email));
  return {
    remoteId: id,
    remoteUrl: `${base}/dataset/${encodeURIComponent(name ?? id)}`,
    title: str(p.title) ?? name ?? id,
    description: str(p.notes),
    keywords: dicts(p.tags).map((t) => str(t.name) ?? str(t.display_name)).filter((t): t is string => !!t),
    themes: dicts(p.groups).map((g) => str(g.title) ?? str(g.display_name) ?? str(g.name)).filter((g): g is string => !!g),
    license: str(p.license_title) ?? str(p.license_id),
    licenseUrl: str(p.license_url),
    publisher: org ? str(org.title) ?? str(org.name) : null,
    modified: utc(p.metadata_modified),
    issued: utc(p.metadata_created),
    language: str(p.language),
    contactName: byMaintainer ? str(p.maintainer) : str(p.author),
    contactEmail: byMaintainer ? str(p.maintainer_email) : str(p.author_email),
    accrualPeriodicity: str(p.frequency) ?? str(p.accrual_periodicity),
    distributions: dicts(p.resources).map(distribution).filter((d): d is RemoteDistribution => !!d),
  };
}

async function* list(ctx: HarvestContext): AsyncIterable<RemoteDataset> {
  const base = ctx.url.replace(/\/+$/, '');
  // Advanced by what came back: a portal whose rows maximum (ckan.search.rows_max) is below ROWS still pages right.
  for (let start = 0; ;) {
    if (ctx.signal.aborted) return;
    const url = searchUrl(ctx, base, start);
    const { body } = await fetchJson(ctx, url);
    if (!isDict(body) || typeof body.success !== 'boolean') throw badShape(url, 'no "success" key, so not a CKAN Action API answer');
    if (!body.success) {
      const err = isDict(body.error) ? body.error : {};
      const said = [str(err.__type), str(err.message) ?? JSON.stringify(body.error ?? null)].filter(Boolean).join(': ');
      throw new AgoraError('HARVEST_FAILED', `The CKAN portal answered success:false for ${url}: ${said}`, { url });
    }
    const result = body.result;
    if (!isDict(result) || typeof result.count !== 'number' || !Array.isArray(result.results)) {
      throw badShape(url, 'result.count (a number) and result.results (a list) are missing');
    }
    for (const p of dicts(result.results)) {
      const ds = ckanPackage(base, p);
      if (ds) yield ds;
    }
    start += result.results.length;
    if (result.results.length === 0 || start >= result.count) return;
  }
}

registerHarvester({
  type: 'ckan',
  label: 'CKAN (Action API)',
  options: [
    { name: 'organization', label: 'Organization', help: 'Only the datasets of this CKAN organization (its name, as in /organization/NAME).' },
    { name: 'q', label: 'Search query', help: 'A package_search q (Solr syntax), e.g. tags:transport.' },
  ],
  // CKAN API tokens go in the Authorization header as they are.
  apiKeyHeaders: (key) => ({ authorization: key }),
  list,
});
