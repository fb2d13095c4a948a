// The intake log: pushed and MQTT records are appended here and fsync'd before they are acknowledged,
// then applied to the store by the writer. Segment files of checksummed JSON lines; replayed at start.
// Written by hand: an fsync'd append log with group commit is a few dozen lines, and no npm package
// does just this without bringing its own storage engine.
import { mkdirSync, readdirSync, readFileSync, unlinkSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import type { PhysicalRecord } from './records.ts';

/** push: records to add (or replace, by the dataset's id fields); delete: records matching these
 *  values; delete_ids: records by id. */
export type LogOp =
  | { op: 'push'; records: PhysicalRecord[] }
  | { op: 'delete'; records: PhysicalRecord[] }
  | { op: 'delete_ids'; ids: number[] };
export type LogEntry = LogOp & { seq: number; dataset: string };

const SEGMENT_BYTES = 32 * 1024 * 1024;
const SEGMENT = /^intake-(\d{12})\.log$/;

interface Waiting { seq: number; line: string; resolve: () => void; reject: (e: unknown) => void }

export class IntakeLog {
  private seq = 0;
  private fh: FileHandle | null = null;
  private size = 0;
  private pending: Waiting[] = [];
  private flushing: Promise<void> | null = null;
  /** Segment files with the first sequence number each holds, oldest first. */
  private segments: Array<{ first: number; path: string }> = [];

  /** `dir` null: nothing is written (an in-memory portal keeps no data across restarts anyway). */
  private constructor(private readonly dir: string | null) {}

  /** Opens the log and gives the entries after `appliedSeq` (acknowledged, not yet in the store). */
  static open(dir: string | null, appliedSeq: number): { log: IntakeLog; unapplied: LogEntry[] } {
    const log = new IntakeLog(dir);
    log.seq = appliedSeq;
    const unapplied: LogEntry[] = [];
    if (!dir) return { log, unapplied };
    mkdirSync(dir, { recursive: true });
    const files = readdirSync(dir).filter((f) => SEGMENT.test(f)).sort();
    for (const f of files) {
      const path = join(dir, f);
      log.segments.push({ first: Number(SEGMENT.exec(f)![1]), path });
      for (const line of readFileSync(path, 'utf8').split('\n')) {
        const entry = parseLine(line);
        if (!entry) continue; // a torn last line: never acknowledged, its fsync had not returned
        if (entry.seq > log.seq) log.seq = entry.seq;
        if (entry.seq > appliedSeq) unapplied.push(entry);
      }
    }
    return { log, unapplied };
  }

  /** Appends an entry; resolves with its sequence number once it is on disk (fsync'd). Entries
   *  arriving while a write is under way share the next write and fsync (group commit). */
  append(dataset: string, op: LogOp): Promise<LogEntry> {
    const entry = { ...op, seq: ++this.seq, dataset } as LogEntry;
    if (!this.dir) return Promise.resolve(entry);
    const json = JSON.stringify(entry);
    const line = `${crc32(json).toString(16).padStart(8, '0')}\t${json}\n`;
    return new Promise<LogEntry>((resolve, reject) => {
      this.pending.push({ seq: entry.seq, line, resolve: () => resolve(entry), reject });
      this.flushing ??= this.flush().finally(() => { this.flushing = null; });
    });
  }

  private async flush(): Promise<void> {
    while (this.pending.length) {
      const batch = this.pending.splice(0);
      try {
        const fh = await this.current(batch[0].seq);
        const buf = Buffer.from(batch.map((w) => w.line).join(''));
        await fh.write(buf);
        await fh.datasync();
        this.size += buf.length;
        for (const w of batch) w.resolve();
      } catch (e) {
        // A failed write may have left part of a line: the next append starts a fresh segment.
        await this.fh?.close().catch(() => undefined);
        this.fh = null;
        for (const w of batch) w.reject(e);
      }
    }
  }

  private async current(firstSeq: number): Promise<FileHandle> {
    if (this.fh && this.size < SEGMENT_BYTES) return this.fh;
    await this.fh?.close();
    const path = join(this.dir!, `intake-${String(firstSeq).padStart(12, '0')}.log`);
    this.fh = await open(path, 'a');
    this.size = 0;
    this.segments.push({ first: firstSeq, path });
    return this.fh;
  }

  /** Deletes the segments whose every entry is at or before `appliedSeq` (never the one being written). */
  release(appliedSeq: number): void {
    while (this.segments.length > 1 && this.segments[1].first - 1 <= appliedSeq) {
      unlinkSync(this.segments.shift()!.path);
    }
  }

  async close(): Promise<void> {
    await this.flushing;
    await this.fh?.close();
    this.fh = null;
  }
}

function parseLine(line: string): LogEntry | null {
  const tab = line.indexOf('\t');
  if (tab !== 8) return null;
  const json = line.slice(9);
  if (parseInt(line.slice(0, 8), 16) !== crc32(json)) return null;
  try {
    return JSON.parse(json) as LogEntry;
  } catch {
    return null;
  }
}
