// A child process for the crash test: serves the portal of DATA_DIR on a free loopback port and prints
// "PORT <n>", then serves until it is killed (kill -9) by the test.
import { buildApp } from '../../../src/server/app.ts';
import { openPortal } from '../../../src/server/portal.ts';

const [dataDir] = process.argv.slice(2);
process.env.AGORA_RATE_LIMIT_ANONYMOUS = 'off';
const ctx = await openPortal({ dataDir, baseUrl: 'http://portal.test' });
const app = await buildApp(ctx, { web: false });
await app.listen({ port: 0, host: '127.0.0.1' });
const addr = app.server.address();
process.stdout.write(`PORT ${typeof addr === 'object' && addr ? addr.port : 0}\n`);
