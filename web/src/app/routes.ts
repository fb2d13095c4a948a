// Matches a path to a page descriptor. Pure: no React, no I/O.

export type EmbedView = 'table' | 'map' | 'analyze';

export type Route =
  | { page: 'home' }
  | { page: 'catalog' }
  | { page: 'dataset'; datasetId: string }
  | { page: 'embed'; datasetId: string; view: EmbedView }
  | { page: 'signin' }
  | { page: 'admin'; path: string }
  | { page: 'not-found' };

export function matchRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/') return { page: 'home' };
  if (path === '/datasets') return { page: 'catalog' };
  if (path === '/signin') return { page: 'signin' };
  // The back office parses the rest of its path itself (web/src/admin/).
  if (path === '/admin' || path.startsWith('/admin/')) return { page: 'admin', path: path.slice('/admin'.length) || '/' };
  let m = /^\/datasets\/([^/]+)$/.exec(path);
  if (m) return { page: 'dataset', datasetId: decodeURIComponent(m[1]) };
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
