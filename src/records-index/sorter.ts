// Sorted orders built on a worker thread, so sorting millions of keys (a second or more) never holds
// up the requests being answered meanwhile. One thread, started when a sort is asked for and ended
// when none is left (sorts are rare: a new data version, a new sort key), so it never holds the process.
import { Worker } from 'node:worker_threads';
import type { SortedOrder } from './orders.ts';

let worker: Worker | null = null;
let nextId = 0;
const waiting = new Map<number, { resolve: (o: SortedOrder) => void; reject: (e: Error) => void }>();

function thread(): Worker {
  if (worker) return worker;
  const w = new Worker(new URL('./sort-worker.js', import.meta.url));
  w.on('message', ({ id, order }: { id: number; order: SortedOrder }) => {
    waiting.get(id)?.resolve(order);
    waiting.delete(id);
    if (waiting.size === 0 && worker === w) {
      worker = null;
      void w.terminate();
    }
  });
  const fail = (e: Error) => {
    if (worker !== w) return;
    for (const p of waiting.values()) p.reject(e);
    waiting.clear();
    worker = null;
  };
  w.on('error', fail);
  w.on('exit', (code) => { if (worker === w) fail(new Error(`the records index's sorting thread stopped (exit code ${code})`)); });
  worker = w;
  return w;
}

/** Positions sorted by `keys` then `then` (nulls last, ties by position), computed on the sorting
 *  thread; the keys are copied to it, the order comes back without a copy. */
export function sortOffThread(keys: Float64Array, then?: Float64Array): Promise<SortedOrder> {
  return new Promise((resolve, reject) => {
    const id = nextId++;
    waiting.set(id, { resolve, reject });
    thread().postMessage({ id, keys, then: then ?? null });
  });
}
