// Resolves an outbound URL's host ONCE and checks every address it answers against policy.ts; the
// request then connects to the address returned here (see request.ts), never resolving again, so a
// DNS answer that changes between the check and the connect (rebinding) cannot reach inside.
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { AgoraError } from '../core/errors.ts';
import { AllowList, refusedBy } from './policy.ts';

/** How host names become addresses; tests pass a stub (e.g. one that answers differently each call). */
export type Resolver = (host: string) => Promise<Array<{ address: string; family: number }>>;

export const systemResolver: Resolver = (host) => lookup(host, { all: true, verbatim: true });

export interface Pinned { host: string; address: string; family: 4 | 6 }

/** Why an outbound request was refused or failed, without the "Cannot fetch URL" framing callers add. */
export class OutboundProblem extends Error {
  constructor(readonly kind: 'refused' | 'failed', readonly reason: string, readonly details: Record<string, unknown> = {}) { super(reason); }
  /** As the AgoraError a caller shows: `Cannot fetch <url>: <reason>.` */
  toError(url: string): AgoraError {
    return new AgoraError(this.kind === 'refused' ? 'OUTBOUND_REFUSED' : 'OUTBOUND_FAILED', `Cannot fetch ${url}: ${this.reason}.`, { url, reason: this.reason, ...this.details });
  }
}

/** The address to connect to for `url`, after checking every address its host resolves to (one
 *  refused address refuses the host: which one a client would pick is not ours to know). */
export async function pinHost(url: URL, allow: AllowList, resolver: Resolver = systemResolver): Promise<Pinned> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new OutboundProblem('refused', `only http and https URLs are fetched, not ${url.protocol.replace(/:$/, '')}`, { rule: 'scheme' });
  }
  if (url.username || url.password) throw new OutboundProblem('refused', 'URLs with a user name or password are not fetched', { rule: 'credentials' });
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let answers: Array<{ address: string; family: number }>;
  if (isIP(host)) answers = [{ address: host, family: isIP(host) }];
  else {
    try { answers = await resolver(host); } catch (e) {
      throw new OutboundProblem('failed', `cannot resolve host "${host}" (${(e as { code?: string }).code ?? (e as Error).message})`, { host });
    }
    if (answers.length === 0) throw new OutboundProblem('failed', `cannot resolve host "${host}" (no address)`, { host });
  }
  for (const a of answers) {
    const refused = refusedBy(a.address);
    if (refused && !allow.allows(a.address)) {
      throw new OutboundProblem('refused',
        `"${host}" is a private or local address (${a.address}: ${refused.rule}, ${refused.range}); add it to AGORA_OUTBOUND_ALLOW to allow it`,
        { host, address: a.address, rule: refused.rule });
    }
  }
  const first = answers[0];
  return { host, address: first.address, family: isIP(first.address) === 6 ? 6 : 4 };
}

/** Checks a URL for a library that connects by itself (MQTT): the same rules, but that library
 *  resolves the host again when it connects, so this cannot pin the address. */
export function checkUrl(url: string, opts: { allow?: readonly string[]; resolver?: Resolver } = {}): Promise<Pinned> {
  return pinHost(new URL(url), AllowList.fromEnv(process.env, opts.allow ?? []), opts.resolver);
}
