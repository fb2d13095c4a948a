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
}

export const COMMON_OPTIONS: NonNullable<ParseArgsConfig['options']> = {
  data: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

export const DATA_HELP = '  --data DIR          data directory (default ./agora-data, env AGORA_DATA)';

export function parseCommandArgs(cmd: Command, argv: string[]): ParsedArgs {
  const { values, positionals } = parseArgs({
    args: argv, options: { ...COMMON_OPTIONS, ...cmd.options }, allowPositionals: true, strict: true,
  });
  return { values: values as ParsedArgs['values'], positionals, dataDir: values.data as string | undefined };
}
