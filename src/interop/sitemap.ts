// sitemap.xml (sitemaps.org protocol 0.9) and robots.txt for search engines: the public pages of
// the portal and every dataset an anonymous visitor may see (never a restricted one or a draft).
import type { AppContext } from '../server/context.ts';
import type { Dataset } from '../core/types.ts';
import { visibleDatasets } from './visibility.ts';
import { escapeText } from './xml.ts';

export interface SitemapEntry { loc: string; lastmod?: string }

/** The protocol's W3C datetime; a date that does not parse is left out rather than sent invalid. */
function lastmod(ds: Dataset): string | undefined {
  const m = ds.metas.default;
  const when = m.modified ?? m.data_processed ?? m.metadata_processed;
  if (!when) return undefined;
  const t = Date.parse(when);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

/** Always the anonymous view, whoever asks: a signed-in crawler must not publish restricted URLs.
 *  `pages`: the public published pages (dashboards, stories), as paths such as /pages/air-quality. */
export function sitemapEntries(ctx: Pick<AppContext, 'catalog' | 'config'>, pages: Array<{ path: string; lastmod: string | null }> = []): SitemapEntry[] {
  const base = ctx.config.baseUrl.replace(/\/$/, '');
  return [
    { loc: `${base}/` },
    { loc: `${base}/datasets` },
    ...pages.map((p) => ({ loc: `${base}${p.path}`, ...(p.lastmod ? { lastmod: new Date(p.lastmod).toISOString() } : {}) })),
    ...visibleDatasets(ctx).map((ds) => ({ loc: `${base}/datasets/${encodeURIComponent(ds.dataset_id)}`, lastmod: lastmod(ds) })),
  ];
}

export function sitemapXml(entries: SitemapEntry[]): string {
  const urls = entries.map((e) => `  <url><loc>${escapeText(e.loc)}</loc>${e.lastmod ? `<lastmod>${e.lastmod}</lastmod>` : ''}</url>`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`;
}

/** Crawlers may read the public site and the API; the back office, sign-in and embeds (copies of
 *  dataset views) are kept out of search results. */
export function robotsTxt(baseUrl: string): string {
  const base = baseUrl.replace(/\/$/, '');
  return ['User-agent: *', 'Disallow: /admin', 'Disallow: /signin', 'Disallow: /embed/', 'Disallow: /api/automation/', 'Allow: /', '', `Sitemap: ${base}/sitemap.xml`, ''].join('\n');
}
