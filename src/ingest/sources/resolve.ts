// Turns the user's source (a local path or an http(s) URL) into a local file: URLs are downloaded
// to the import's workspace with progress; any failure is INGEST_UNREACHABLE naming the URL.
import { createWriteStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AgoraError } from '../../core/errors.ts';
import type { ImportProgress } from '../types.ts';
import type { Workspace } from './files.ts';

export interface LocalSource {
  path: string;
  /** A name for messages and format detection: the file name, or the URL's last path segment. */
  name: string;
  size: number;
}

export function isUrl(source: string): boolean { return /^https?:\/\//i.test(source); }

export async function resolveSource(source: string, ws: Workspace, progress: (p: ImportProgress) => void): Promise<LocalSource> {
  if (isUrl(source)) return download(source, ws, progress);
  let size: number;
  try {
    const st = statSync(source);
    if (!st.isFile()) throw new Error('not a file');
    size = st.size;
  } catch {
    throw new AgoraError('INGEST_UNREACHABLE', `Cannot read ${source}: no such file.`, { source });
  }
  return { path: source, name: basename(source), size };
}

async function download(url: string, ws: Workspace, progress: (p: ImportProgress) => void): Promise<LocalSource> {
  const name = urlFileName(url);
  const path = ws.file('download' + (name.match(/\.[a-z0-9]+$/i)?.[0] ?? ''));
  let res: Response;
  try {
    res = await fetch(url, { redirect: 'follow', signal: AbortSignal.timeout(60_000) });
  } catch (e) {
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    throw new AgoraError('INGEST_UNREACHABLE', `Cannot fetch ${url}: ${cause?.code ?? cause?.message ?? (e as Error).message}.`, { url });
  }
  if (!res.ok || !res.body) {
    await res.body?.cancel().catch(() => undefined);
    throw new AgoraError('INGEST_UNREACHABLE', `Cannot fetch ${url}: HTTP ${res.status} ${res.statusText}.`, { url, status: res.status });
  }
  const totalBytes = Number(res.headers.get('content-length')) || undefined;
  let bytes = 0;
  const body = Readable.fromWeb(res.body as import('node:stream/web').ReadableStream<Uint8Array>);
  body.on('data', (c: Buffer) => { bytes += c.length; progress({ phase: 'download', bytes, totalBytes }); });
  try {
    await pipeline(body, createWriteStream(path));
  } catch (e) {
    throw new AgoraError('INGEST_UNREACHABLE', `Cannot fetch ${url}: the download broke off (${(e as Error).message}).`, { url });
  }
  return { path, name: contentDispositionName(res.headers.get('content-disposition')) ?? name, size: bytes };
}

function urlFileName(url: string): string {
  try {
    const last = new URL(url).pathname.split('/').filter(Boolean).pop();
    return last ? decodeURIComponent(last) : 'download';
  } catch {
    return 'download';
  }
}

function contentDispositionName(h: string | null): string | null {
  const m = h && /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(h);
  return m ? decodeURIComponent(m[1]) : null;
}
