// An append-only temp file written in large chunks, for renderers whose format needs counts or
// widths before the data (shapefile, GPX tracks). Buffers at most `flushBytes` in memory.
import { open, type FileHandle } from 'node:fs/promises';
import { createReadStream } from 'node:fs';

export class SpoolFile {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private bytesWritten = 0;
  private constructor(readonly path: string, private readonly fh: FileHandle, private readonly flushBytes: number) {}

  static async create(path: string, flushBytes = 1 << 20): Promise<SpoolFile> {
    return new SpoolFile(path, await open(path, 'w'), flushBytes);
  }

  /** Queues bytes; writes them out once the queue passes flushBytes. */
  async push(chunk: Buffer | string): Promise<void> {
    const b = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    this.pending.push(b);
    this.pendingBytes += b.length;
    if (this.pendingBytes >= this.flushBytes) await this.flush();
  }

  async flush(): Promise<void> {
    if (!this.pendingBytes) return;
    const data = Buffer.concat(this.pending, this.pendingBytes);
    this.pending = [];
    this.pendingBytes = 0;
    await this.fh.write(data);
    this.bytesWritten += data.length;
  }

  /** Bytes in the file once flushed. */
  get size(): number { return this.bytesWritten + this.pendingBytes; }

  async close(): Promise<void> {
    await this.flush();
    await this.fh.close();
  }

  /** Streams the (closed) file back. */
  read(): AsyncIterable<Buffer> {
    return createReadStream(this.path, { highWaterMark: 1 << 16 }) as AsyncIterable<Buffer>;
  }
}
