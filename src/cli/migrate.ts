// `agora migrate --from DIR --to postgres://…`: moves a whole embedded portal into a PostgreSQL schema
// in one transaction, checked table by table (rows, checksum) before the commit. Reads DIR read-only;
// prints host:port and schema, never the URL's password.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from './command.ts';
import type { TableResult } from '../storage/migrate/copy.ts';

const USAGE = `Usage: agora migrate --from DIR --to postgres://user@host:5432/db [--schema S] [--replace]

Copies every table of the embedded portal in DIR (catalog, users, groups, keys, rules, sessions, audit,
pages, real-time settings, every dataset's records) into PostgreSQL, in one transaction, then compares
each table's row count and checksum on both sides before committing: all of it lands, or nothing.
DIR is only read (the portal there must be stopped).

  --from DIR          the data directory of the embedded portal (holds agora.duckdb)
  --to URL            the PostgreSQL database (postgres://user[:password]@host:port/db)
  --schema S          the target schema (default: env AGORA_STORE_SCHEMA, else public)
  --replace           drop the target schema's Agora tables first, even if they hold a portal`;

export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'move an embedded portal into PostgreSQL (checked by counts and checksums)',
  usage: USAGE,
  options: { from: { type: 'string' }, to: { type: 'string' }, schema: { type: 'string' }, replace: { type: 'boolean' } },
  async run(args) {
    const fail = (msg: string) => { console.error(`agora migrate: ${msg}\n\n${USAGE}`); return 2; };
    const from = args.values.from as string | undefined;
    const to = args.values.to as string | undefined;
    if (!from) return fail('missing --from DIR');
    if (!to) return fail('missing --to postgres://…');
    const { isPostgresUrl } = await import('../server/store.ts');
    if (!isPostgresUrl(to)) return fail('--to must be a postgres:// URL');
    if (!existsSync(join(from, 'agora.duckdb'))) { console.error(`agora migrate: ${from} holds no Agora portal (no agora.duckdb there).`); return 1; }
    const schema = (args.values.schema as string | undefined) || process.env.AGORA_STORE_SCHEMA || 'public';
    return migrate(from, to, schema, Boolean(args.values.replace));
  },
};

async function migrate(from: string, to: string, schema: string, replace: boolean): Promise<number> {
  const [{ DuckDBBackend }, { PostgresBackend }, { where }, { migrateStore, VerifyError }, { unappliedEntries }] = await Promise.all([
    import('../storage/duckdb/index.ts'), import('../storage/postgres/index.ts'), import('../storage/postgres/connect.ts'),
    import('../storage/migrate/copy.ts'), import('../storage/migrate/realtime.ts')]);
  const started = Date.now();
  const source = new DuckDBBackend({ dataDir: from, readOnly: true });
  await source.open();
  const workDir = mkdtempSync(join(tmpdir(), 'agora-migrate-'));
  try {
    const pending = await unappliedEntries(source, from);
    if (pending > 0) {
      console.error(`agora migrate: ${join(from, 'realtime')} holds ${pending} real-time entries acknowledged but not yet applied to the store. `
        + `Open the portal on ${from} once so it applies them (e.g. "agora datasets --data ${from}"), then run migrate again; migrate never writes its source.`);
      return 1;
    }
    const target = new PostgresBackend({ url: to, schema });
    await target.open();
    console.log(`Migrating ${from} to PostgreSQL at ${where(to)}, schema ${schema}${replace ? ' (replacing its Agora tables)' : ''}`);
    try {
      const results = await migrateStore(source, target, { schema, replace, workDir, onProgress: (line) => console.log(`  ${line}`) });
      printResults(results);
      const rows = results.reduce((n, r) => n + r.rows, 0);
      console.log(`Migrated ${results.length} tables, ${rows} rows in ${((Date.now() - started) / 1000).toFixed(1)} s; counts and checksums agree.`);
      return 0;
    } catch (e) {
      if (e instanceof VerifyError) { printResults(e.results); console.error(`agora migrate: ${e.message}`); return 1; }
      throw e;
    } finally {
      await target.close();
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true });
    await source.close();
  }
}

function printResults(results: TableResult[]): void {
  const width = Math.max(5, ...results.map((r) => r.table.length));
  console.log(`${'table'.padEnd(width)}  ${'rows'.padStart(9)}  checksum      `);
  for (const r of results) {
    const status = r.ok ? 'OK' : `MISMATCH (target: ${r.targetRows} rows, checksum ${r.targetChecksum})`;
    console.log(`${r.table.padEnd(width)}  ${String(r.rows).padStart(9)}  ${r.checksum}  ${status}`);
  }
}
