// Streaming plumbing shared by renderers: gzip wrapping for compressed=true, a bridge from
// libraries that write to a Node stream into our pull-based async iterables (with back-pressure),
// temp directories that are always removed, and export file names. No format knowledge here.
import { once } from 'node:events';
import { mkdtemp, open, rm, type FileHandle } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable, pipeline, type Writable } from 'node:stream';
import { createGzip } from 'node:zlib';
import type { Renderer } from './renderer.ts';

/** Gzips a rendered export (compressed=true); errors of the source surface while iterating. */
export function gzipStream(source: AsyncIterable<Buffer | string>): AsyncIterable<Buffer> {
  const gzip = createGzip();
  pipeline(Readable.from(source, { objectMode: false }), gzip, () => { /* errors reach the iterator via gzip */ });
  return gzip;
}

/** The download file name, e.g. `trees.csv`, `trees.csv.gz` when compressed. */
export function exportFilename(datasetId: string, renderer: Renderer, compressed: boolean): string {
  return `${datasetId}.${renderer.extension}${compressed ? '.gz' : ''}`;
}

/** Resolves once `sink` can take more (immediately if its buffer is below the high-water mark). */
export async function drained(sink: Writable, signal?: AbortSignal): Promise<void> {
  if (sink.writableNeedDrain) await once(sink, 'drain', { signal });
}

/**
 * Runs `produce`, which writes into a PassThrough (directly or by piping a library's output into it),
 * and yields what comes out. The producer must await `drained(sink, signal)` between batches; when the
 * consumer stops early, `signal` aborts and the sink is destroyed.
 */
export async function* pumpThrough(
  produce: (sink: PassThrough, signal: AbortSignal) => Promise<void>,
  highWaterMark = 1 << 16,
): AsyncGenerator<Buffer> {
  const sink = new PassThrough({ highWaterMark });
  const abort = new AbortController();
  let failure: unknown;
  const done = produce(sink, abort.signal).then(
    () => { if (!sink.writableEnded) sink.end(); },
    (e: unknown) => { failure = e; sink.destroy(e instanceof Error ? e : new Error(String(e))); },
  );
  try {
    for await (const chunk of sink) yield chunk as Buffer;
  } finally {
    abort.abort();
    if (!sink.destroyed && !sink.readableEnded) sink.destroy();
    await done;
  }
  if (failure) throw failure;
}

/** Creates a private temp directory, hands it to `use`, and removes it whatever happens. */
export async function* withTempDir<T>(prefix: string, use: (dir: string) => AsyncIterable<T>): AsyncGenerator<T> {
  const dir = await mkdtemp(join(tmpdir(), `agora-${prefix}-`));
  try {
    yield* use(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Streams a file while `writing` (the engine) is still writing it, and to its end once that settles;
 * rethrows the writer's error. When the consumer stops early it still waits for the writer, so the
 * caller may remove the file afterwards. Polls every few milliseconds when it has caught up.
 */
export async function* tailFile(path: string, writing: Promise<void>, chunkSize = 1 << 18): AsyncGenerator<Buffer> {
  let settled = false;
  let failure: unknown;
  const done = writing.then(() => { settled = true; }, (e: unknown) => { settled = true; failure = e; });
  let file: FileHandle | null = null;
  try {
    let position = 0;
    for (;;) {
      const finished = settled; // read before reading, so nothing written before the end is missed
      if (!file) file = await open(path, 'r').catch(() => null);
      if (file) {
        const buffer = Buffer.allocUnsafe(chunkSize);
        const { bytesRead } = await file.read(buffer, 0, chunkSize, position);
        if (bytesRead > 0) {
          position += bytesRead;
          yield buffer.subarray(0, bytesRead);
          continue;
        }
      }
      if (finished) break;
      await Promise.race([done, sleep(5)]);
    }
    if (failure) throw failure;
  } finally {
    await file?.close();
    await done;
  }
}

/** Collects an async iterable of chunks into one Buffer (tests and small outputs only). */
export async function collect(source: AsyncIterable<Buffer | string>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of source) parts.push(typeof c === 'string' ? Buffer.from(c, 'utf8') : c);
  return Buffer.concat(parts);
}
