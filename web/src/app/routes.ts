// Matches a path to a page descriptor. Pure: no React, no I/O.

export type EmbedView = 'table' | 'map' | 'analyze';

export type Route =
  | { page: 'home' }
  | { page: 'catalog' }
  | { page: 'reuses' }
  | { page: 'dataset'; datasetId: string }
  | { page: 'embed'; datasetId: string; view: EmbedView }
  | { page: 'pageview'; slug: string }
  | { page: 'embed-page'; slug: string; blockId?: string }
  | { page: 'signin' }
  | { page: 'admin'; path: string }
  | { page: 'not-found' };

export function matchRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/') return { page: 'home' };
  if (path === '/datasets') return { page: 'catalog' };
  if (path === '/reuses') return { page: 'reuses' };
  if (path === '/signin') return { page: 'signin' };
  // The back office parses the rest of its path itself (web/src/admin/).
  if (path === '/admin' || path.startsWith('/admin/')) return { page: 'admin', path: path.slice('/admin'.length) || '/' };
  let m = /^\/datasets\/([^/]+)$/.exec(path);
  if (m) return { page: 'dataset', datasetId: decodeURIComponent(m[1]) };
  m = /^\/pages\/([^/]+)$/.exec(path);
  if (m) return { page: 'pageview', slug: decodeURIComponent(m[1]) };
  m = /^\/embed\/pages\/([^/]+)(?:\/blocks\/([^/]+))?$/.exec(path);
  if (m) return { page: 'embed-page', slug: decodeURIComponent(m[1]), ...(m[2] ? { blockId: decodeURIComponent(m[2]) } : {}) };
  m = /^\/embed\/datasets\/([^/]+)\/(table|map|analyze)$/.exec(path);
  if (m) return { page: 'embed', datasetId: decodeURIComponent(m[1]), view: m[2] as EmbedView };
  return { page: 'not-found' };
}

export function datasetHref(datasetId: string, search?: URLSearchParams | string): string {
  const q = search ? String(search) : '';
  return `/datasets/${encodeURIComponent(datasetId)}${q ? `?${q}` : ''}`;
}

export function embedHref(datasetId: string, view: EmbedView, search?: URLSearchParams | string): string {
  const q = search ? String(search) : '';
  return `/embed/datasets/${encodeURIComponent(datasetId)}/${view}${q ? `?${q}` : ''}`;
}

/** A page (dashboard or story); `search` keeps the filter bar's picks. */
export function pageHref(slug: string, search?: URLSearchParams | string): string {
  const q = search ? String(search) : '';
  return `/pages/${encodeURIComponent(slug)}${q ? `?${q}` : ''}`;
}

/** A whole page, or one of its blocks, without the portal's chrome (for iframes). */
export function pageEmbedHref(slug: string, blockId?: string, search?: URLSearchParams | string): string {
  const q = search ? String(search) : '';
  return `/embed/pages/${encodeURIComponent(slug)}${blockId ? `/blocks/${encodeURIComponent(blockId)}` : ''}${q ? `?${q}` : ''}`;
}
