// A fixture HTTP server for harvester tests: 127.0.0.1 on a random port, each request answered by
// a handler from its URL; the requested URLs are kept so tests can check the query strings sent.
// Also the fixtures' text and one harvester's whole list, read as a run would.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { harvesterDef } from '../../src/harvest/registry.ts';
import { harvestContext } from '../../src/harvest/context.ts';
import '../../src/harvest/harvesters/index.ts';
import type { RemoteDataset } from '../../src/harvest/types.ts';

export const fixture = (name: string) => readFileSync(new URL(`../fixtures/harvest/${name}`, import.meta.url), 'utf8');

/** Every dataset the `type` harvester lists from `base`. */
export async function harvest(type: string, base: string, options: Record<string, string> = {}): Promise<RemoteDataset[]> {
  const out: RemoteDataset[] = [];
  for await (const ds of harvesterDef(type).list(harvestContext(base, options, new AbortController().signal))) out.push(ds);
  return out;
}

export interface Answer { status?: number; type?: string; body: string }
export interface Fixture { base: string; seen: URL[]; close(): Promise<void> }

export async function serve(handler: (url: URL) => Answer): Promise<Fixture> {
  const seen: URL[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    seen.push(url);
    const a = handler(url);
    res.writeHead(a.status ?? 200, { 'content-type': a.type ?? 'application/json; charset=utf-8' });
    res.end(a.body);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return { base: `http://127.0.0.1:${port}`, seen, close: () => new Promise<void>((ok) => server.close(() => ok())) };
}
