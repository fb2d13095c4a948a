// One HTTP(S) exchange connected to an address checked in address.ts (the `lookup` hook answers
// with it, so the socket cannot go elsewhere; TLS still verifies the certificate for the host name).
// Written on node:http because fetch() has no way to pin the address it connects to.
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { OutboundProblem, type Pinned } from './address.ts';

export interface Hop {
  method: string; headers: Record<string, string>; body?: string | Buffer; timeoutMs: number;
  /** Aborting it ends the exchange, body included; `abort` does so with the problem to report. */
  signal: AbortSignal; abort: (why: OutboundProblem) => void;
}

/** The response head arrives within `timeoutMs`, and the socket may not stay silent longer than that later. */
export function exchange(url: URL, pinned: Pinned, hop: Hop): Promise<IncomingMessage> {
  const lookup: LookupFunction = (_host, options, cb) => {
    const done = cb as (err: NodeJS.ErrnoException | null, address: string | Array<{ address: string; family: number }>, family?: number) => void;
    if ((options as { all?: boolean }).all) done(null, [{ address: pinned.address, family: pinned.family }]);
    else done(null, pinned.address, pinned.family);
  };
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(url, { method: hop.method, headers: hop.headers, lookup, signal: hop.signal, agent: false }, (res) => {
      res.on('error', () => undefined); // reported through the body stream that reads it
      resolve(res);
    });
    req.setTimeout(hop.timeoutMs, () => {
      hop.abort(new OutboundProblem('refused', `"${pinned.host}" sent nothing for ${hop.timeoutMs / 1000} s`, { host: pinned.host, rule: 'time' }));
    });
    req.on('error', (e) => reject(e instanceof OutboundProblem ? e : failure(e, pinned.host, hop.signal)));
    req.end(hop.body);
  });
}

/** A network error as the problem to report: its code (ECONNREFUSED, ECONNRESET…) when it has one. */
export function failure(e: unknown, host: string, signal?: AbortSignal): OutboundProblem {
  // An abort we asked for (a timeout) names its reason; the errors it causes on the way do not.
  if (signal?.aborted && signal.reason instanceof OutboundProblem) return signal.reason;
  if (e instanceof OutboundProblem) return e;
  const err = e as NodeJS.ErrnoException;
  return new OutboundProblem('failed', err.code ?? err.message, { host });
}
