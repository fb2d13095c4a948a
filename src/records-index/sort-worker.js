// The records index's sorting thread: sorts positions by one or two columns' keys (orders.ts's
// sortedOrder) off the event loop. Plain JavaScript so a Worker can start it without a build step:
// it registers tsx itself, then loads the TypeScript module it runs.
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { sortedOrder } = await import('./orders.ts');
parentPort.on('message', ({ id, keys, then }) => {
  const order = sortedOrder(keys, then ?? undefined);
  parentPort.postMessage({ id, order }, [order.buffer]);
});
