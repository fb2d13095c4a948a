// outboundFetch: the one way Agora requests another host. Each hop's host is resolved and checked
// once and the connection pinned to that address (address.ts, request.ts); redirects are followed
// here by hand, each re-checked; limits on redirects, time, size and content type.
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { Transform, type Readable } from 'node:stream';
import { AllowList } from './policy.ts';
import { OutboundProblem, pinHost, type Resolver } from './address.ts';
import { exchange, failure } from './request.ts';

export interface OutboundOptions {
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Redirects followed at most (5). */
  maxRedirects?: number;
  /** Body bytes read at most (64 MiB); a larger Content-Length is refused before reading. */
  maxBytes?: number;
  /** Longest wait for the answer, and longest silence while reading it (30 s). */
  timeoutMs?: number;
  /** The whole exchange, body included (120 s). */
  deadlineMs?: number;
  /** Media types the answer may have (any when unset); `refuse`: media types it may not have. */
  accept?: readonly string[];
  refuse?: readonly string[];
  /** Addresses or CIDR ranges allowed beyond AGORA_OUTBOUND_ALLOW (tests, a configured trusted host). */
  allow?: readonly string[];
  resolver?: Resolver;
}

export interface OutboundResponse {
  /** The URL that answered, after redirects. */
  url: string;
  status: number;
  statusText: string;
  headers: IncomingHttpHeaders;
  /** The address the connection was pinned to. */
  address: string;
  /** The body within the limits; reading past one fails with the AgoraError naming it. */
  body: Readable;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export async function outboundFetch(url: string, opts: OutboundOptions = {}): Promise<OutboundResponse> {
  const o = { maxRedirects: 5, maxBytes: 64 * 2 ** 20, timeoutMs: 30_000, deadlineMs: 120_000, ...opts };
  const allow = AllowList.fromEnv(process.env, o.allow ?? []);
  const controller = new AbortController();
  const abort = (why: OutboundProblem) => controller.abort(why);
  const deadline = setTimeout(() => abort(new OutboundProblem('refused', `not finished within ${o.deadlineMs / 1000} s`, { rule: 'time' })), o.deadlineMs);
  let current: URL;
  try { current = new URL(url); } catch { clearTimeout(deadline); throw new OutboundProblem('refused', 'not a valid URL', { rule: 'scheme' }).toError(url); }
  let method: string = o.method ?? 'GET';
  let body = o.body;
  let headers = { ...(o.headers ?? {}) };
  try {
    for (let hops = 0; ; hops++) {
      const pinned = await pinHost(current, allow, o.resolver);
      const res = await exchange(current, pinned, { method, headers, body, timeoutMs: o.timeoutMs, signal: controller.signal, abort });
      const status = res.statusCode ?? 0;
      if (REDIRECTS.has(status) && res.headers.location) {
        res.resume();
        if (hops >= o.maxRedirects) throw new OutboundProblem('refused', `more than ${o.maxRedirects} redirects`, { rule: 'redirects' });
        let next: URL;
        try { next = new URL(res.headers.location, current); } catch { throw new OutboundProblem('failed', `redirected to an invalid URL (${res.headers.location})`); }
        if (status === 303 || ((status === 301 || status === 302) && method === 'POST')) { method = 'GET'; body = undefined; }
        // Credentials are for the origin they were given to.
        if (next.origin !== current.origin) headers = Object.fromEntries(Object.entries(headers).filter(([k]) => !/^(authorization|cookie)$/i.test(k)));
        current = next;
        continue;
      }
      checkHead(res, o);
      return { url: current.href, status, statusText: res.statusMessage ?? '', headers: res.headers, address: pinned.address, body: limited(res, o.maxBytes, url, () => clearTimeout(deadline), controller.signal) };
    }
  } catch (e) {
    clearTimeout(deadline);
    const problem = failure(e, current.hostname, controller.signal);
    const redirected = current.href !== new URL(url).href;
    const shown = redirected ? new OutboundProblem(problem.kind, `redirected to ${current.href}, where ${problem.reason}`, problem.details) : problem;
    throw shown.toError(url);
  }
}

const mediaType = (h: string | undefined) => (h ?? '').split(';')[0].trim().toLowerCase();

function checkHead(res: IncomingMessage, o: OutboundOptions & { maxBytes: number }): void {
  const type = mediaType(res.headers['content-type']);
  const refuse = (reason: string, rule: string) => { res.destroy(); return new OutboundProblem('refused', reason, { rule }); };
  if (o.accept && !o.accept.includes(type)) throw refuse(`the answer is ${type || 'of no content type'}, expected ${o.accept.join(' or ')}`, 'content type');
  if (type && o.refuse?.includes(type)) throw refuse(`the answer is ${type}, not a data file`, 'content type');
  const length = Number(res.headers['content-length']);
  if (length > o.maxBytes) throw refuse(`the answer is ${length} bytes, over the limit of ${o.maxBytes}`, 'size');
}

/** The body as read through a byte counter: past `maxBytes`, or when the exchange is aborted, the
 *  stream fails with the AgoraError naming the URL and the limit. */
function limited(res: IncomingMessage, maxBytes: number, url: string, done: () => void, signal: AbortSignal): Readable {
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      bytes += chunk.length;
      if (bytes > maxBytes) cb(new OutboundProblem('refused', `the answer is over the limit of ${maxBytes} bytes`, { rule: 'size' }).toError(url));
      else cb(null, chunk);
    },
  });
  const fail = (e: unknown) => counter.destroy(failure(e, new URL(url).hostname, signal).toError(url));
  res.on('error', fail);
  res.on('aborted', () => fail(new OutboundProblem('failed', 'the connection broke off')));
  counter.on('close', () => { done(); res.destroy(); });
  res.pipe(counter);
  return counter;
}

/** The whole body (within the limits) as one buffer. */
export async function readAll(res: OutboundResponse): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of res.body) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}
