// The HarvestContext a run hands its harvester (get() through outbound/ with a timeout, an Accept
// header and a byte cap), and fetchText/fetchJson: one answer read, its failures named by URL and status.
import { AgoraError } from '../core/errors.ts';
import { outboundFetch, readAll, type OutboundResponse } from '../outbound/index.ts';
import type { HarvestContext } from './types.ts';

/** Limits of one request to a harvest source: a catalog page is small, a stalled portal is not waited on. */
export const HARVEST_LIMITS = { timeoutMs: 30_000, deadlineMs: 120_000, maxBytes: 32 * 2 ** 20 };

/** `auth`: headers sent with requests to the source's own origin only (its API key), never elsewhere. */
export function harvestContext(url: string, options: Record<string, string>, signal: AbortSignal, auth: Record<string, string> = {}): HarvestContext {
  const origin = new URL(url).origin;
  return {
    url,
    options,
    signal,
    async get(target, opts = {}) {
      if (signal.aborted) throw new AgoraError('HARVEST_FAILED', `Harvest of ${url} stopped before requesting ${target}: the run was cancelled or timed out.`, { url: target });
      const res = await outboundFetch(target, {
        headers: { accept: opts.accept ?? 'application/json', ...(opts.headers ?? {}), ...(new URL(target).origin === origin ? auth : {}) },
        ...HARVEST_LIMITS,
      });
      // A run cancelled mid-read stops reading: the body fails instead of trickling on.
      const stop = () => res.body.destroy(new AgoraError('HARVEST_FAILED', `Harvest of ${url} stopped while reading ${target}: the run was cancelled or timed out.`, { url: target }));
      signal.addEventListener('abort', stop, { once: true });
      res.body.once('close', () => signal.removeEventListener('abort', stop));
      return res;
    },
  };
}

const excerpt = (text: string) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 160 ? `${flat.slice(0, 160)}…` : flat;
};

/** The message a portal put in its JSON error body (CKAN `error.message`, ODS `message`), if any. */
function remoteMessage(body: unknown): string | null {
  if (!body || typeof body !== 'object') return null;
  const b = body as { error?: unknown; message?: unknown };
  const err = b.error && typeof b.error === 'object' ? (b.error as { message?: unknown; __type?: unknown }) : null;
  const msg = err?.message ?? b.message ?? (typeof b.error === 'string' ? b.error : null);
  if (typeof msg === 'string' && msg) return typeof err?.__type === 'string' ? `${err.__type}: ${msg}` : msg;
  return err ? JSON.stringify(err) : null;
}

/** GETs `url` and reads its whole body as text; an HTTP error is a HARVEST_FAILED naming the URL, the
 *  status and the portal's own message (a JSON error body's message, else an excerpt of the body). */
export async function fetchText(ctx: HarvestContext, url: string, accept = 'application/json'): Promise<{ res: OutboundResponse; text: string }> {
  const res = await ctx.get(url, { accept });
  const text = (await readAll(res)).toString('utf8');
  if (res.status < 200 || res.status > 299) {
    let said: string | null = null;
    try { said = remoteMessage(JSON.parse(text)); } catch { /* not JSON: the body's own text is shown */ }
    said = said || excerpt(text) || res.statusText || 'no body';
    throw new AgoraError('HARVEST_FAILED', `The harvest source answered HTTP ${res.status} for ${url}: ${said}`, { url, status: res.status });
  }
  return { res, text };
}

/** The media type of an answer, lower-case, without parameters ('' when it has none). */
export const mediaTypeOf = (res: OutboundResponse): string => String(res.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();

/** An excerpt of an answer's text, for error messages. */
export const excerptOf = excerpt;

/** GETs `url` and parses its JSON body; an HTTP error or a body that is not JSON is a HARVEST_FAILED naming both. */
export async function fetchJson(ctx: HarvestContext, url: string): Promise<{ res: OutboundResponse; body: unknown }> {
  const { res, text } = await fetchText(ctx, url, 'application/json');
  try {
    return { res, body: JSON.parse(text) };
  } catch {
    const type = mediaTypeOf(res) || 'no content type';
    throw new AgoraError('HARVEST_FAILED', `The harvest source answered ${url} with ${type}, not JSON: "${excerpt(text)}"`, { url, status: res.status });
  }
}

/** A HARVEST_FAILED for an answer that is JSON but not of the documented shape. */
export function badShape(url: string, what: string): AgoraError {
  return new AgoraError('HARVEST_FAILED', `The harvest source's answer for ${url} is not what the API documents: ${what}.`, { url });
}
