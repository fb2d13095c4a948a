// Builds the browser app with Vite when its bundle is missing, so `npm start` works on a fresh clone.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const WEB_DIST = join(ROOT, 'web', 'dist');

export function ensureWebBuilt(log: (m: string) => void): boolean {
  if (existsSync(join(WEB_DIST, 'index.html'))) return true;
  const config = join(ROOT, 'web', 'vite.config.ts');
  if (!existsSync(config)) return false;
  log('Building the web app (first start)…');
  const vite = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  const r = spawnSync(process.execPath, [vite, 'build', '--config', config, '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  return r.status === 0;
}
