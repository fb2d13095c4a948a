// HTTP client for the public API: builds URLs, fetches JSON, turns error bodies into ApiError.
// Knows nothing about pages; a small cache makes tab switches and back/forward instant.

export const EXPLORE = '/api/explore/v2.1';

export type Params = Array<[string, string | number | undefined | null]>;

export class ApiError extends Error {
  constructor(message: string, readonly status: number, readonly code: string | null) {
    super(message);
  }
}

export function buildUrl(path: string, params: Params = []): string {
  const sp = new URLSearchParams();
  for (const [k, v] of params) if (v !== undefined && v !== null && v !== '') sp.append(k, String(v));
  const q = sp.toString();
  return `${path}${q ? `?${q}` : ''}`;
}

export function exploreUrl(path: string, params: Params = []): string {
  return buildUrl(`${EXPLORE}${path}`, params);
}

const cache = new Map<string, unknown>();
const CACHE_MAX = 300;

function remember(url: string, body: unknown): void {
  cache.set(url, body);
  if (cache.size > CACHE_MAX) cache.delete(cache.keys().next().value as string);
}

export function cached<T>(url: string): T | undefined {
  return cache.get(url) as T | undefined;
}

async function errorFrom(res: Response): Promise<ApiError> {
  let message = `${res.status} ${res.statusText}`;
  let code: string | null = null;
  try {
    const body = await res.json() as Record<string, unknown>;
    const m = body.message ?? body.error;
    if (typeof m === 'string' && m) message = m;
    if (typeof body.error_code === 'string') code = body.error_code;
  } catch { /* not JSON: keep the status line */ }
  return new ApiError(message, res.status, code);
}

export async function getJson<T>(url: string, signal?: AbortSignal, useCache = true): Promise<T> {
  if (useCache && cache.has(url)) return cache.get(url) as T;
  const res = await fetch(url, { signal, headers: { accept: 'application/json' } });
  if (!res.ok) throw await errorFrom(res);
  const body = await res.json() as T;
  if (useCache) remember(url, body);
  return body;
}

export async function postJson<T>(url: string, body: unknown = {}): Promise<T> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw await errorFrom(res);
  return await res.json() as T;
}
