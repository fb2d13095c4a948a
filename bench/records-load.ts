// The load generator of bench:api's records pages, in its own process so that it does not share the
// server's event loop: autocannon at 32 connections, new literals on every request; prints JSON.
import autocannon from 'autocannon';
import { LOAD, PAGE_SHAPES, RECORDS_PATH } from './records-shapes.ts';

const [port, shapeName] = process.argv.slice(2);
const shape = PAGE_SHAPES[shapeName as 'a' | 'b'];
if (!port || !shape) throw new Error('usage: records-load.ts PORT a|b');
let n = 0;
const r = await autocannon({
  url: `http://127.0.0.1:${port}`, connections: Number(process.env.AGORA_BENCH_CONNECTIONS ?? LOAD.connections), duration: LOAD.seconds,
  requests: [{ setupRequest: (req) => ({ ...req, path: `${RECORDS_PATH}?${new URLSearchParams(shape.query(n++))}` }) }],
});
console.log(JSON.stringify({ rps: r.requests.average, p99: r.latency.p99, failed: r.errors + r.non2xx }));
