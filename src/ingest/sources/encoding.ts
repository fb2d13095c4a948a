// Text encodings of CSV/JSON sources: checks the whole file is UTF-8 (fast, streaming), detects
// UTF-16 and Windows-1252/Latin-1 when it is not, and transcodes to a temp UTF-8 file with
// iconv-lite. Mixed or undecodable files fail with INGEST_ENCODING naming the line.
import { createReadStream, createWriteStream } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { pipeline } from 'node:stream/promises';
import iconv from 'iconv-lite';
import { AgoraError } from '../../core/errors.ts';
import { readHead } from './files.ts';

export interface TextFile { path: string; encoding: string; transcoded: boolean }
type OnBytes = (bytes: number) => void;

const CHUNK = 4 << 20;

/** Makes sure `path` can be read as UTF-8: returns it, or a transcoded copy written to `tmpPath`. */
export async function ensureUtf8(path: string, name: string, tmpPath: string, forced: string | undefined, onBytes: OnBytes): Promise<TextFile> {
  const head = await readHead(path, 64 * 1024);
  let encoding = forced ? canonical(forced, name) : sniffBom(head) ?? sniffUtf16(head);
  if (!encoding) {
    if (hasBinaryZeros(head)) throw new AgoraError('INGEST_ENCODING', `${name}: the file holds binary data (NUL bytes), not text.`, { file: name });
    const firstBad = await firstInvalidUtf8(path, onBytes);
    if (firstBad === null) return { path, encoding: 'utf-8', transcoded: false };
    encoding = await guessSingleByte(path, name, firstBad);
  } else if (encoding === 'utf-8') {
    const firstBad = await firstInvalidUtf8(path, onBytes);
    if (firstBad !== null) {
      const line = await lineAt(path, firstBad);
      throw new AgoraError('INGEST_ENCODING', `${name} line ${line}: bytes that are not valid UTF-8 (at byte ${firstBad}).`, { file: name, line, byte: firstBad });
    }
    return { path, encoding, transcoded: false };
  }
  await pipeline(createReadStream(path), iconv.decodeStream(encoding, { stripBOM: true }), iconv.encodeStream('utf8'), createWriteStream(tmpPath));
  return { path: tmpPath, encoding, transcoded: true };
}

/** Whether ensureUtf8 would keep `path` as it is once no invalid UTF-8 is found in it: no encoding forced
 *  (or UTF-8 forced), no UTF-16 byte order mark or pattern, no NUL bytes in the first 64 KiB. */
export async function plainUtf8Candidate(path: string, forced: string | undefined): Promise<boolean> {
  if (forced !== undefined) return /^utf-?8$/i.test(forced.trim());
  const head = await readHead(path, 64 * 1024);
  return !sniffBom(head) && !sniffUtf16(head) && !hasBinaryZeros(head);
}

function canonical(enc: string, name: string): string {
  const e = enc.trim().toLowerCase();
  if (e === 'utf8' || e === 'utf-8') return 'utf-8';
  if (!iconv.encodingExists(e)) throw new AgoraError('INGEST_ENCODING', `${name}: unknown encoding "${enc}" (try utf-8, windows-1252, latin1, utf-16le).`, { file: name });
  return e;
}

function sniffBom(b: Buffer): string | null {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return null; // UTF-8 with BOM: still validated as UTF-8
  if (b[0] === 0xff && b[1] === 0xfe) return 'utf-16le';
  if (b[0] === 0xfe && b[1] === 0xff) return 'utf-16be';
  return null;
}

/** UTF-16 without BOM: ASCII text shows a NUL in every other byte. */
function sniffUtf16(b: Buffer): string | null {
  if (b.length < 4) return null;
  let evenZeros = 0, oddZeros = 0;
  for (let i = 0; i + 1 < b.length; i += 2) { if (b[i] === 0) evenZeros++; if (b[i + 1] === 0) oddZeros++; }
  const pairs = Math.floor(b.length / 2);
  if (oddZeros > pairs * 0.4 && evenZeros < pairs * 0.05) return 'utf-16le';
  if (evenZeros > pairs * 0.4 && oddZeros < pairs * 0.05) return 'utf-16be';
  return null;
}

function hasBinaryZeros(b: Buffer): boolean { return b.includes(0); }

/** Byte offset of the first invalid UTF-8 sequence, or null; streams the whole file. */
export async function firstInvalidUtf8(path: string, onBytes: OnBytes = () => undefined): Promise<number | null> {
  let carry = Buffer.alloc(0);
  let offset = 0; // file offset of carry[0]
  let read = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: CHUNK })) {
    read += (chunk as Buffer).length;
    onBytes(read);
    const buf = carry.length ? Buffer.concat([carry, chunk as Buffer]) : (chunk as Buffer);
    const cut = completeLength(buf);
    const body = buf.subarray(0, cut);
    if (!isUtf8(body)) return offset + scanInvalid(body);
    carry = Buffer.from(buf.subarray(cut));
    offset += cut;
  }
  return carry.length && !isUtf8(carry) ? offset : null;
}

/** Length of `b` without a trailing, possibly incomplete multi-byte sequence. */
function completeLength(b: Buffer): number {
  for (let back = 1; back <= 3 && back <= b.length; back++) {
    const byte = b[b.length - back];
    if ((byte & 0xc0) === 0x80) continue; // continuation byte
    const need = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return need > back ? b.length - back : b.length;
  }
  return b.length;
}

/** Offset of the first invalid sequence in a buffer known to be invalid (slow path). */
function scanInvalid(b: Buffer): number {
  let i = 0;
  while (i < b.length) {
    const n = sequenceLength(b, i);
    if (n === 0) return i;
    i += n;
  }
  return b.length;
}

/** Length of the valid UTF-8 sequence starting at i, or 0 when it is invalid. */
function sequenceLength(b: Buffer, i: number): number {
  const c = b[i];
  if (c < 0x80) return 1;
  const n = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
  if (n === 0 || i + n > b.length) return 0;
  for (let k = 1; k < n; k++) if ((b[i + k] & 0xc0) !== 0x80) return 0;
  return isUtf8(b.subarray(i, i + n)) ? n : 0;
}

/** Windows-1252 or Latin-1 for a non-UTF-8 file, unless it mixes in real UTF-8 text. */
async function guessSingleByte(path: string, name: string, firstBad: number): Promise<string> {
  let valid = 0, invalid = 0, latin1Only = false;
  for await (const chunk of createReadStream(path, { highWaterMark: CHUNK })) {
    const b = chunk as Buffer;
    for (let i = 0; i < b.length;) {
      if (b[i] < 0x80) { i++; continue; }
      if (b[i] === 0x81 || b[i] === 0x8d || b[i] === 0x8f || b[i] === 0x90 || b[i] === 0x9d) latin1Only = true;
      const n = sequenceLength(b, i);
      if (n > 1) { valid++; i += n; } else { invalid++; i++; }
    }
  }
  if (valid > 0 && valid >= (valid + invalid) * 0.1) {
    const line = await lineAt(path, firstBad);
    throw new AgoraError('INGEST_ENCODING',
      `${name} line ${line}: bytes that are not valid UTF-8 (at byte ${firstBad}), while other lines are UTF-8: the file mixes encodings. Re-save it as UTF-8, or force one with --encoding.`,
      { file: name, line, byte: firstBad });
  }
  return latin1Only ? 'latin1' : 'windows-1252';
}

/** 1-based line number of a byte offset. */
export async function lineAt(path: string, offset: number): Promise<number> {
  if (offset <= 0) return 1;
  let line = 1;
  let seen = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: CHUNK, start: 0, end: offset - 1 })) {
    const b = chunk as Buffer;
    for (let i = b.indexOf(10); i !== -1; i = b.indexOf(10, i + 1)) line++;
    seen += b.length;
  }
  return seen ? line : 1;
}
