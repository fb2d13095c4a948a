// The `datajson` harvester: a DCAT-US 1.1 (Project Open Data) `data.json` catalog — the file itself, or
// a portal root whose /data.json it reads — each `dataset` entry and its `distribution` list mapped to a RemoteDataset.
//
// data.json is one document with no paging: the whole catalog comes in one answer (within HARVEST_LIMITS).
import { registerHarvester } from '../registry.ts';
import { isDict, str, type Dict } from '../values.ts';
import { normaliseFormat } from '../formats.ts';
import { badShape, fetchJson } from '../context.ts';
import { AgoraError } from '../../core/errors.ts';
import type { HarvestContext, RemoteDataset, RemoteDistribution } from '../types.ts';

const strs = (v: unknown): string[] => (Array.isArray(v) ? v.map(str).filter((s): s is string => !!s) : str(v) ? [str(v)!] : []);
const isUrl = (s: string) => /^https?:\/\//i.test(s);

/** The URLs to read, in order: the data.json URL itself, or a portal root's /data.json and then the root. */
export function catalogUrls(url: string): string[] {
  const base = url.replace(/\/+$/, '');
  let path = '';
  try { path = new URL(base).pathname; } catch { /* checkSourceUrl already refused it */ }
  return /\.json$/i.test(path) ? [base] : [`${base}/data.json`, base];
}

function distribution(d: Dict): RemoteDistribution | null {
  const url = str(d.downloadURL) ?? str(d.accessURL);
  if (!url) return null;
  const mediaType = str(d.mediaType);
  return { url, format: normaliseFormat(str(d.format), mediaType, url), mediaType, title: str(d.title) };
}

/** Maps one `dataset` entry (schema v1.1 field names); one without an identifier is left out, as it has no stable id. */
export function dataJsonDataset(d: Dict): RemoteDataset | null {
  const id = str(d.identifier);
  if (!id) return null;
  const license = str(d.license);
  const publisher = isDict(d.publisher) ? str(d.publisher.name) : str(d.publisher);
  const contact = isDict(d.contactPoint) ? d.contactPoint : {};
  const email = str(contact.hasEmail);
  return {
    remoteId: id,
    remoteUrl: str(d.landingPage),
    title: str(d.title) ?? id,
    description: str(d.description),
    keywords: strs(d.keyword),
    themes: strs(d.theme),
    license: license && !isUrl(license) ? license : null,
    licenseUrl: license && isUrl(license) ? license : null,
    publisher,
    modified: str(d.modified),
    issued: str(d.issued),
    language: strs(d.language)[0] ?? null,
    contactName: str(contact.fn),
    contactEmail: email ? email.replace(/^mailto:/i, '') : null,
    accrualPeriodicity: str(d.accrualPeriodicity),
    distributions: (Array.isArray(d.distribution) ? d.distribution.filter(isDict) : []).map(distribution).filter((x): x is RemoteDistribution => !!x),
  };
}

/** The catalog document: the first candidate URL that answers a data.json; the first one's failure otherwise. */
async function readCatalog(ctx: HarvestContext): Promise<{ url: string; datasets: unknown[] }> {
  let first: unknown = null;
  for (const url of catalogUrls(ctx.url)) {
    try {
      const { body } = await fetchJson(ctx, url);
      if (!isDict(body) || !Array.isArray(body.dataset)) throw badShape(url, 'no "dataset" list, so not a DCAT-US (Project Open Data) data.json catalog');
      return { url, datasets: body.dataset };
    } catch (e) {
      if (!(e instanceof AgoraError) || e.code !== 'HARVEST_FAILED' || ctx.signal.aborted) throw e;
      first ??= e;
    }
  }
  throw first;
}

async function* list(ctx: HarvestContext): AsyncIterable<RemoteDataset> {
  if (ctx.signal.aborted) return;
  const { datasets } = await readCatalog(ctx);
  for (const d of datasets) {
    if (ctx.signal.aborted) return;
    const ds = isDict(d) ? dataJsonDataset(d) : null;
    if (ds) yield ds;
  }
}

registerHarvester({
  type: 'datajson',
  label: 'DCAT-US / Project Open Data (data.json)',
  options: [],
  list,
});
