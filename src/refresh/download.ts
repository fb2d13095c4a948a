// One source URL of a refresh: a conditional GET (If-None-Match / If-Modified-Since from the last
// answer's validators) through the outbound module, retried with exponential back-off when the
// network fails or the server answers 429/5xx; refusals and other answers are not retried.
import { AgoraError, isAgoraError } from '../core/errors.ts';
import { outboundFetch } from '../outbound/index.ts';
import { saveResponse, sourceLimits } from '../ingest/sources/resolve.ts';
import type { Workspace } from '../ingest/sources/files.ts';
import type { Validators } from './store.ts';

export interface RetryPolicy {
  /** Tries in all (3 by default). */
  tries: number;
  /** Wait before the 2nd try; doubled for each later one (2 s by default). */
  backoffMs: number;
  sleep: (ms: number) => Promise<void>;
}

export type Fetched =
  | { kind: 'unchanged'; attempts: number }
  | { kind: 'changed'; path: string; name: string; validators: Validators; attempts: number };

const transient = (e: unknown) => isAgoraError(e) && (e.code === 'OUTBOUND_FAILED' || (e.code === 'INGEST_UNREACHABLE' && [429, 500, 502, 503, 504].includes(Number(e.details.status))));

/** Downloads `url` into `ws` (as `stem`.ext) unless it is unchanged since `known`; `deadline` (epoch ms) bounds every try and wait. */
export async function fetchIfChanged(url: string, known: Validators | null, ws: Workspace, stem: string, deadline: number, retry: RetryPolicy): Promise<Fetched> {
  const headers: Record<string, string> = {};
  if (known?.etag) headers['if-none-match'] = known.etag;
  if (known?.lastModified) headers['if-modified-since'] = known.lastModified;
  for (let attempt = 1; ; attempt++) {
    const left = deadline - Date.now();
    if (left <= 0) throw timedOut(url);
    try {
      const res = await outboundFetch(url, { headers, deadlineMs: left, timeoutMs: Math.min(60_000, left), maxBytes: sourceLimits().maxBytes, refuse: ['text/html'] });
      if (res.status === 304) { res.body.destroy(); return { kind: 'unchanged', attempts: attempt }; }
      const etag = header(res.headers.etag);
      const lastModified = header(res.headers['last-modified']);
      // Servers that ignore the conditional headers but send the same validators: nothing changed.
      if (known && ((etag && etag === known.etag) || (!etag && lastModified && lastModified === known.lastModified)) && res.status === 200) {
        res.body.destroy();
        return { kind: 'unchanged', attempts: attempt };
      }
      const saved = await saveResponse(res, url, ws, () => undefined, stem);
      return { kind: 'changed', path: saved.path, name: saved.name, validators: { etag, lastModified }, attempts: attempt };
    } catch (e) {
      const wait = retry.backoffMs * 2 ** (attempt - 1);
      if (!transient(e) || attempt >= retry.tries) throw withAttempts(e, attempt);
      if (Date.now() + wait >= deadline) throw timedOut(url);
      await retry.sleep(wait);
    }
  }
}

function header(v: string | string[] | undefined): string | null {
  return (Array.isArray(v) ? v[0] : v) ?? null;
}

function timedOut(url: string): AgoraError {
  return new AgoraError('OUTBOUND_REFUSED', `Cannot fetch ${url}: the refresh ran out of time.`, { url, rule: 'time' });
}

function withAttempts(e: unknown, attempts: number): unknown {
  if (isAgoraError(e)) e.details.attempts = attempts;
  return e;
}
