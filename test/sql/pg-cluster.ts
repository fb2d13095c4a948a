// A throwaway PostgreSQL cluster for dialect tests, when the machine has the PostgreSQL binaries
// (initdb, pg_ctl) and the unaccent/fuzzystrmatch extensions; null otherwise (tests skip, saying why).
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface PgCluster { client: pg.Client; stop(): Promise<void> }

function findBin(name: string): string | null {
  for (const dir of ['/usr/local/bin', '/usr/lib/postgresql/15/bin', '/usr/lib/postgresql/16/bin', '/usr/bin']) {
    if (existsSync(join(dir, name))) return join(dir, name);
  }
  return null;
}

export function pgAvailable(): string | null {
  if (!findBin('initdb') || !findBin('pg_ctl')) return 'PostgreSQL binaries (initdb, pg_ctl) not found';
  return null;
}

export async function startCluster(): Promise<PgCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'agora-pg-'));
  const asRoot = process.getuid?.() === 0;
  // PostgreSQL refuses to run as root: run it as the postgres system user then.
  const run = (bin: string, args: string[]) => {
    const cmd = asRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] as const : [bin, args] as const;
    return execFileSync(cmd[0], cmd[1] as string[], { stdio: 'pipe' });
  };
  if (asRoot) execFileSync('chown', ['postgres', dir]);
  else chownSync(dir, process.getuid!(), process.getgid!());
  const data = join(dir, 'data');
  const port = 20000 + Math.floor(Math.random() * 20000);
  run(findBin('initdb')!, ['-D', data, '-U', 'agora', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  run(findBin('pg_ctl')!, ['-D', data, '-w', '-l', join(dir, 'log'), '-o', `-k ${dir} -p ${port} -c listen_addresses=''`, 'start']);
  const client = new pg.Client({ host: dir, port, user: 'agora', database: 'postgres' });
  await client.connect();
  return {
    client,
    async stop() {
      await client.end().catch(() => undefined);
      try { run(findBin('pg_ctl')!, ['-D', data, '-m', 'immediate', 'stop']); } catch { /* already stopped */ }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
