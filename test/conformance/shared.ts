// Where the third-party reference files live: ../shared beside the repository (never copied in).
// AGORA_SHARED overrides it; a clone made elsewhere on a dev machine falls back to /work/shared.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

function findShared(): string {
  const tried = [process.env.AGORA_SHARED, resolve(import.meta.dirname, '../../../shared'), '/work/shared']
    .filter((p): p is string => Boolean(p));
  const found = tried.find((p) => existsSync(join(p, 'reference')));
  if (!found) throw new Error(`The conformance tests need the shared reference files; none found in: ${tried.join(', ')}. Set AGORA_SHARED.`);
  return found;
}

export const SHARED = findShared();
export const REFERENCE = join(SHARED, 'reference');
export const DATA = join(SHARED, 'data');
