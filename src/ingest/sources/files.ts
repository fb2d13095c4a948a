// Small file helpers shared by the readers: the head of a file, and a per-import temp workspace
// (downloads, transcoded copies, staged files) removed when the import ends, whatever happens.
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export async function readHead(path: string, n: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of createReadStream(path, { start: 0, end: n - 1 })) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

export interface Workspace { dir: string; file(name: string): string; dispose(): void }

export function newWorkspace(): Workspace {
  const dir = mkdtempSync(join(tmpdir(), 'agora-ingest-'));
  return {
    dir,
    file: (name) => join(dir, name),
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}
