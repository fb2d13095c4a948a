// The server of bench:realtime, in its own process so that the load and the 1,000 stream clients do
// not share its event loop: serves DATA_DIR on a loopback port and prints "PORT <n>".
import { buildApp } from '../src/server/app.ts';
import { openPortal } from '../src/server/portal.ts';

process.env.AGORA_RATE_LIMIT_ANONYMOUS = 'off';
const ctx = await openPortal({ dataDir: process.argv[2], baseUrl: 'http://127.0.0.1', subscribe: true });
const app = await buildApp(ctx, { web: false });
await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`PORT ${(app.server.address() as { port: number }).port}\n`);
