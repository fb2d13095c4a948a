// "Another site" for the embed tests: a page served from a second loopback port, so it is a
// different origin from the portal (as a real embedding site is) without leaving this machine.
import { createServer, type Server } from 'node:http';

export interface HostSite { url: string; close: () => Promise<void> }

export async function hostSite(html: string): Promise<HostSite> {
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
