// The configured basemap is used only when it answers with a MapLibre style (version 8) in time;
// otherwise the map draws its data on a plain background. Styles served by a local HTTP server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { PLAIN_STYLE, resolveStyle } from '../../web/src/dataset/map/basemap.ts';

let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/style.json') { res.writeHead(200, { 'content-type': 'application/json' }); res.end(JSON.stringify({ version: 8, sources: {}, layers: [] })); return; }
    if (req.url === '/not-a-style.json') { res.writeHead(200, { 'content-type': 'application/json' }); res.end('{"hello":"world"}'); return; }
    if (req.url === '/slow.json') return; // never answers
    res.writeHead(404); res.end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(async () => { server.closeAllConnections(); await new Promise((r) => server.close(r)); });

describe('basemap style', () => {
  it('uses the configured style when it answers with a MapLibre style', async () => {
    expect(await resolveStyle(`${base}/style.json`)).toEqual({ style: `${base}/style.json`, plain: false });
  });
  it('falls back to the plain background when none is configured, missing, not a style, or too slow', async () => {
    const plain = { style: PLAIN_STYLE, plain: true };
    expect(await resolveStyle(null)).toEqual(plain);
    expect(await resolveStyle(`${base}/missing.json`)).toEqual(plain);
    expect(await resolveStyle(`${base}/not-a-style.json`)).toEqual(plain);
    expect(await resolveStyle(`${base}/slow.json`, 200)).toEqual(plain);
  });
});
