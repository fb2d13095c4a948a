// The shape of a CLI command and the shared option parsing. Commands are thin: each calls the
// same functions the HTTP routes call.
import { parseArgs, type ParseArgsConfig } from 'node:util';

export interface Command {
  name: string;
  summary: string;
  /** Full --help text (usage line, options). */
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  /** Returns the process exit code. */
  run(args: ParsedArgs): Promise<number>;
}

export interface ParsedArgs {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
  /** --data DIR, env AGORA_DATA, default ./agora-data (resolved by config). */
  dataDir?: string;
  /** --store URL, env AGORA_STORE: empty for the embedded store in the data directory, or postgres://… */
  store?: string;
}

export const COMMON_OPTIONS: NonNullable<ParseArgsConfig['options']> = {
  data: { type: 'string' },
  store: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

export const DATA_HELP = `  --data DIR          data directory (default ./agora-data, env AGORA_DATA)
  --store URL         keep everything in PostgreSQL (postgres://user@host:5432/db, env AGORA_STORE;
                      schema: env AGORA_STORE_SCHEMA; a read replica: env AGORA_STORE_READ_URL)`;

export function parseCommandArgs(cmd: Command, argv: string[]): ParsedArgs {
  const { values, positionals } = parseArgs({
    args: argv, options: { ...COMMON_OPTIONS, ...cmd.options }, allowPositionals: true, strict: true,
  });
  return {
    values: values as ParsedArgs['values'], positionals, dataDir: values.data as string | undefined,
    ...(typeof values.store === 'string' ? { store: values.store } : {}),
  };
}
