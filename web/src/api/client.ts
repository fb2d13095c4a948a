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

// Live datasets: when new records arrive, the dataset's cached answers are dropped and its epoch
// moves on, so every view of it (useApi, the table's pages) loads again.
const epochs = new Map<string, number>();
const epochListeners = new Set<() => void>();
const DATASET_PATH = /^\/api\/explore\/v2\.1\/catalog\/datasets\/([^/?]+)(?:[/?]|$)/;

/** The dataset a URL describes or reads (records, facets, exports), or null. */
export function datasetOfUrl(url: string | null): string | null {
  const m = url ? DATASET_PATH.exec(url) : null;
  return m ? decodeURIComponent(m[1]) : null;
}

export function epochOf(datasetId: string | null): number {
  return datasetId ? epochs.get(datasetId) ?? 0 : 0;
}

export function onEpoch(fn: () => void): () => void {
  epochListeners.add(fn);
  return () => { epochListeners.delete(fn); };
}

/** The dataset's data changed: forget its cached answers (its description too: the record count moved). */
export function invalidateDataset(datasetId: string): void {
  for (const url of [...cache.keys()]) if (datasetOfUrl(url) === datasetId) cache.delete(url);
  epochs.set(datasetId, epochOf(datasetId) + 1);
  for (const l of epochListeners) l();
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

/** Requests started ahead of their use (prefetchJson): a getJson of the same URL waits for them. */
const inflight = new Map<string, Promise<unknown>>();

export async function getJson<T>(url: string, signal?: AbortSignal, useCache = true): Promise<T> {
  if (useCache && cache.has(url)) return cache.get(url) as T;
  const ahead = useCache ? inflight.get(url) : undefined;
  if (ahead) {
    const body = await ahead as T;
    if (signal?.aborted) throw new DOMException('Aborted', 'AbortError');
    return body;
  }
  const body = await load<T>(url, signal);
  if (useCache) remember(url, body);
  return body;
}

async function load<T>(url: string, signal?: AbortSignal): Promise<T> {
  const res = await fetch(url, { signal, headers: { accept: 'application/json' } });
  if (!res.ok) throw await errorFrom(res);
  return await res.json() as T;
}

/** Starts loading a URL the page will ask for soon (its answer is then cached); errors are left to that use. */
export function prefetchJson<T>(url: string): Promise<T> {
  if (cache.has(url)) return Promise.resolve(cache.get(url) as T);
  const known = inflight.get(url);
  if (known) return known as Promise<T>;
  const p = load<T>(url).then((body) => { remember(url, body); return body; });
  inflight.set(url, p);
  void p.catch(() => undefined).finally(() => inflight.delete(url));
  return p;
}
