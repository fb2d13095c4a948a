// Turns the user's source (a local path or an http(s) URL) into a local file: URLs are downloaded
// through the outbound module (address rules, pinned connection, checked redirects, limits) to the
// import's workspace with progress; a refusal is OUTBOUND_REFUSED, any other failure INGEST_UNREACHABLE.
import { createWriteStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { AgoraError, isAgoraError } from '../../core/errors.ts';
import { outboundFetch, type OutboundResponse } from '../../outbound/index.ts';
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

/** Largest download (AGORA_SOURCE_MAX_MB, 2048 MiB by default) and the longest one (AGORA_SOURCE_TIMEOUT_S, 30 min). */
export function sourceLimits(): { maxBytes: number; deadlineMs: number } {
  const mb = Number(process.env.AGORA_SOURCE_MAX_MB || 2048);
  const s = Number(process.env.AGORA_SOURCE_TIMEOUT_S || 1800);
  return { maxBytes: (mb > 0 ? mb : 2048) * 2 ** 20, deadlineMs: (s > 0 ? s : 1800) * 1000 };
}

/** A network failure is INGEST_UNREACHABLE (same message); a refusal keeps OUTBOUND_REFUSED. */
const unreachable = (e: unknown): unknown =>
  isAgoraError(e) && e.code === 'OUTBOUND_FAILED' ? new AgoraError('INGEST_UNREACHABLE', e.message, e.details) : e;

async function download(url: string, ws: Workspace, progress: (p: ImportProgress) => void): Promise<LocalSource> {
  let res: OutboundResponse;
  try {
    res = await outboundFetch(url, { ...sourceLimits(), timeoutMs: 60_000, refuse: ['text/html'] });
  } catch (e) {
    throw unreachable(e);
  }
  return saveResponse(res, url, ws, progress);
}

/** Writes an answer's body to the workspace as `stem` + the file's extension, named from Content-Disposition or the URL. */
export async function saveResponse(res: OutboundResponse, url: string, ws: Workspace, progress: (p: ImportProgress) => void, stem = 'download'): Promise<LocalSource> {
  if (res.status < 200 || res.status >= 300) {
    res.body.destroy();
    throw new AgoraError('INGEST_UNREACHABLE', `Cannot fetch ${url}: HTTP ${res.status} ${res.statusText}.`, { url, status: res.status });
  }
  // The first URL's file name unless only the redirect's has an extension (e.g. /latest → /2024.csv).
  const byUrl = [url, res.url].map(urlFileName).find((n) => /\.[a-z0-9]+$/i.test(n)) ?? urlFileName(url);
  const name = contentDispositionName(res.headers['content-disposition'] ?? null) ?? byUrl;
  const path = ws.file(stem + (name.match(/\.[a-z0-9]+$/i)?.[0] ?? ''));
  const totalBytes = Number(res.headers['content-length']) || undefined;
  let bytes = 0;
  res.body.on('data', (c: Buffer) => { bytes += c.length; progress({ phase: 'download', bytes, totalBytes }); });
  try {
    await pipeline(res.body, createWriteStream(path));
  } catch (e) {
    if (isAgoraError(e) && e.code === 'OUTBOUND_REFUSED') throw e;
    const why = isAgoraError(e) && typeof e.details.reason === 'string' ? e.details.reason : (e as Error).message;
    throw new AgoraError('INGEST_UNREACHABLE', `Cannot fetch ${url}: the download broke off (${why}).`, { url });
  }
  return { path, name, size: bytes };
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
