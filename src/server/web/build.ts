// Where the built web app lives, and building it when it is missing (npm start, e2e tests).
// Uses Vite's JavaScript API with web/vite.config.ts; never runs at request time.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const WEB_ROOT = fileURLToPath(new URL('../../../web/', import.meta.url));

export function webDistDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.AGORA_WEB_DIST ?? join(WEB_ROOT, 'dist');
}

export function isWebBuilt(dir = webDistDir()): boolean {
  return existsSync(join(dir, 'index.html'));
}

/** Builds web/dist with Vite unless it exists (or `force`). Returns the dist directory. */
export async function ensureWebBuilt(opts: { force?: boolean; quiet?: boolean } = {}): Promise<string> {
  const dir = webDistDir();
  if (!opts.force && isWebBuilt(dir)) return dir;
  const vite = await import('vite');
  // Vite follows NODE_ENV when it is set: under a test runner (NODE_ENV=test) it would ship React's
  // development build, unminified and twice the size. The portal always gets the production build.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await vite.build({ configFile: join(WEB_ROOT, 'vite.config.ts'), mode: 'production', logLevel: opts.quiet ? 'warn' : 'info' });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV; else process.env.NODE_ENV = nodeEnv;
  }
  return dir;
}
