// outboundFetch against local servers: redirects to loopback, link-local and other schemes are
// refused hop by hop; a resolver that answers differently on its second call (DNS rebinding) cannot
// move the connection; size, time, redirect-count and content-type limits; importing such a URL.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboundFetch, readAll, type Resolver } from '../../src/outbound/index.ts';
import { failure, importFile, openStore } from '../ingest/helpers.ts';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
const servers: Server[] = [];
async function serve(host: string, handler: Handler, port = 0): Promise<number> {
  const s = createServer(handler);
  servers.push(s);
  await new Promise<void>((r) => s.listen(port, host, r));
  return (s.address() as AddressInfo).port;
}
afterAll(async () => { for (const s of servers) { s.closeAllConnections(); await new Promise((r) => s.close(r)); } });

let port: number;
let base: string;
const seen: string[] = [];
beforeAll(async () => {
  port = await serve('127.0.0.1', (req, res) => {
    seen.push(`${req.method} ${req.url} ${req.headers.authorization ?? ''}`);
    const go = (status: number, to: string) => { res.writeHead(status, { location: to }); res.end(); };
    if (req.url === '/ok') { res.writeHead(200, { 'content-type': 'text/csv' }); res.end('a,b\n1,2\n'); return; }
    if (req.url === '/to-metadata') return go(302, 'http://169.254.169.254/latest/meta-data/');
    if (req.url === '/to-loopback') return go(301, `http://127.0.0.2:${port}/ok`);
    if (req.url === '/to-v6-loopback') return go(307, `http://[::1]:${port}/ok`);
    if (req.url === '/to-mapped') return go(302, 'http://[::ffff:169.254.169.254]/');
    if (req.url === '/to-file') return go(302, 'file:///etc/passwd');
    if (req.url === '/to-ok') return go(302, '/ok');
    if (req.url === '/loop') return go(302, '/loop');
    if (req.url === '/post-303') return go(303, '/ok');
    if (req.url === '/elsewhere') return go(302, `http://localhost:${port}/ok`);
    if (req.url === '/big') { res.writeHead(200, { 'content-length': 2_000_000 }); res.end(Buffer.alloc(2_000_000)); return; }
    if (req.url === '/big-chunked') { res.writeHead(200); res.write(Buffer.alloc(600_000)); res.end(Buffer.alloc(600_000)); return; }
    if (req.url === '/html') { res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }); res.end('<!doctype html><p>Sign in'); return; }
    if (req.url === '/silent') { res.writeHead(200); res.write('a,b\n'); return; } // never ends
    if (req.url === '/trickle') { res.writeHead(200); const t = setInterval(() => res.write('1,2\n'), 40); res.on('close', () => clearInterval(t)); return; }
    if (req.url === '/no-answer') return; // not even a status line
    res.writeHead(404); res.end();
  });
  base = `http://127.0.0.1:${port}`;
});

const allow = ['127.0.0.1'];
async function refusal(p: Promise<unknown>): Promise<{ code: string; message: string; details: Record<string, unknown> }> {
  return p.then(() => { throw new Error('expected a refusal'); }, (e) => e);
}

describe('the address rules, hop by hop', () => {
  it('fetches an allowed address', async () => {
    const res = await outboundFetch(`${base}/ok`, { allow });
    expect([res.status, (await readAll(res)).toString()]).toEqual([200, 'a,b\n1,2\n']);
  });

  it('refuses loopback without the allow-list, naming the host and the rule', async () => {
    const e = await refusal(outboundFetch(`${base}/ok`));
    expect(e.code).toBe('OUTBOUND_REFUSED');
    expect(e.message).toBe(`Cannot fetch ${base}/ok: "127.0.0.1" is a private or local address (127.0.0.1: loopback, 127.0.0.0/8); add it to AGORA_OUTBOUND_ALLOW to allow it.`);
  });

  it.each([
    ['/to-metadata', '169.254.169.254', 'link-local'], ['/to-loopback', '127.0.0.2', 'loopback'], ['/to-v6-loopback', '::1', 'loopback'],
    ['/to-mapped', '::ffff:a9fe:a9fe', 'IPv4-mapped IPv6'],
  ])('re-checks each redirect: %s', async (path, host, rule) => {
    const e = await refusal(outboundFetch(`${base}${path}`, { allow }));
    expect(e.code).toBe('OUTBOUND_REFUSED');
    expect(e.details).toMatchObject({ host, rule });
    expect(e.message).toMatch(new RegExp(`^Cannot fetch ${base}${path}: redirected to http://\\S+, where "${host.replace(/\./g, '\\.')}" is a private or local address`));
  });

  it('refuses a redirect to another scheme, and URLs with credentials', async () => {
    expect((await refusal(outboundFetch(`${base}/to-file`, { allow }))).message).toMatch(/redirected to file:\/\/\/etc\/passwd, where only http and https URLs are fetched, not file/);
    expect((await refusal(outboundFetch(`http://u:p@127.0.0.1:${port}/ok`, { allow }))).details.rule).toBe('credentials');
  });

  it('follows a checked redirect; a 303 after POST becomes a GET', async () => {
    const res = await outboundFetch(`${base}/to-ok`, { allow });
    expect([res.url, (await readAll(res)).toString()]).toEqual([`${base}/ok`, 'a,b\n1,2\n']);
    seen.length = 0;
    await readAll(await outboundFetch(`${base}/post-303`, { allow, method: 'POST', body: 'x=1' }));
    expect(seen).toEqual(['POST /post-303 ', 'GET /ok ']);
  });

  it('does not carry credentials to another origin', async () => {
    const resolver: Resolver = async () => [{ address: '127.0.0.1', family: 4 }];
    seen.length = 0;
    await readAll(await outboundFetch(`${base}/elsewhere`, { allow, resolver, headers: { authorization: 'Bearer t' } }));
    expect(seen).toEqual(['GET /elsewhere Bearer t', 'GET /ok ']);
  });
});

describe('DNS rebinding', () => {
  it('resolves once and connects to the address it checked', async () => {
    // "public" stands for a public server: allowed here; the internal one listens on the same port.
    const internal: string[] = [];
    const p = await serve('127.0.0.3', (_req, res) => { res.end('public'); });
    await serve('127.0.0.1', (req, res) => { internal.push(req.url ?? ''); res.end('internal'); }, p);
    const answers = ['127.0.0.3', '127.0.0.1'];
    const calls: string[] = [];
    const resolver: Resolver = async (host) => { calls.push(host); return [{ address: answers[Math.min(calls.length - 1, 1)], family: 4 }]; };
    const res = await outboundFetch(`http://rebind.example:${p}/data`, { allow: ['127.0.0.3'], resolver });
    expect((await readAll(res)).toString()).toBe('public');
    expect([calls, internal, res.address]).toEqual([['rebind.example'], [], '127.0.0.3']);
    // The second answer (the inside) is refused when it is the one checked.
    const e = await refusal(outboundFetch(`http://rebind.example:${p}/data`, { allow: ['127.0.0.3'], resolver }));
    expect(e.details).toMatchObject({ host: 'rebind.example', address: '127.0.0.1', rule: 'loopback' });
    expect(internal).toEqual([]);
  });

  it('refuses a host when any of its addresses is refused', async () => {
    const resolver: Resolver = async () => [{ address: '93.184.216.34', family: 4 }, { address: '10.0.0.5', family: 4 }];
    expect((await refusal(outboundFetch('http://two-faced.example/', { resolver }))).details).toMatchObject({ address: '10.0.0.5', rule: 'private' });
  });
});

describe('limits', () => {
  it('refuses a declared body over maxBytes before reading it, and a chunked one while reading', async () => {
    expect((await refusal(outboundFetch(`${base}/big`, { allow, maxBytes: 1_000_000 }))).message).toMatch(/the answer is 2000000 bytes, over the limit of 1000000/);
    const res = await outboundFetch(`${base}/big-chunked`, { allow, maxBytes: 1_000_000 });
    const e = await refusal(readAll(res));
    expect([e.code, e.details.rule]).toEqual(['OUTBOUND_REFUSED', 'size']);
  });

  it('gives up on a server that stays silent, or that never finishes', async () => {
    expect((await refusal(outboundFetch(`${base}/no-answer`, { allow, timeoutMs: 200 }))).message).toMatch(/"127\.0\.0\.1" sent nothing for 0\.2 s/);
    const silent = await outboundFetch(`${base}/silent`, { allow, timeoutMs: 200 });
    expect((await refusal(readAll(silent))).details.rule).toBe('time');
    const trickle = await outboundFetch(`${base}/trickle`, { allow, timeoutMs: 200, deadlineMs: 300 });
    expect((await refusal(readAll(trickle))).message).toMatch(/not finished within 0\.3 s/);
  });

  it('stops after maxRedirects', async () => {
    expect((await refusal(outboundFetch(`${base}/loop`, { allow, maxRedirects: 3 }))).message).toMatch(/more than 3 redirects/);
  });

  it('checks the content type', async () => {
    expect((await refusal(outboundFetch(`${base}/html`, { allow, accept: ['application/json'] }))).message).toMatch(/the answer is text\/html, expected application\/json/);
  });
});

describe('URL sources', () => {
  it('a redirect to the metadata address or an HTML page fails the import, nothing is published', async () => {
    const store = await openStore();
    process.env.AGORA_OUTBOUND_ALLOW = '127.0.0.1';
    try {
      expect(await failure(importFile(store, `${base}/to-metadata`, 'x'))).toMatchObject({ code: 'OUTBOUND_REFUSED', message: expect.stringMatching(/169\.254\.169\.254/) });
      expect(await failure(importFile(store, `${base}/html`, 'x'))).toMatchObject({ code: 'OUTBOUND_REFUSED', message: expect.stringMatching(/text\/html, not a data file/) });
      expect(store.catalog.list()).toEqual([]);
      expect((await importFile(store, `${base}/to-ok`, 'ok')).rowsLoaded).toBe(1);
    } finally { delete process.env.AGORA_OUTBOUND_ALLOW; await store.close(); }
  });
});
