// The `agora` command line: dispatches to one file per command, prints --help, maps errors to a
// message on stderr and a non-zero exit code.
import { isAgoraError } from '../core/errors.ts';
import { parseCommandArgs, type Command } from './command.ts';
import { serveCommand } from './serve.ts';
import { importCommand } from './import.ts';
import { datasetsCommand } from './datasets.ts';
import { deleteCommand } from './delete.ts';
import { metaCommand } from './meta.ts';
import { queryCommand } from './query.ts';
import { userCommand } from './user.ts';
import { groupCommand } from './group.ts';
import { harvestCommand } from './harvest.ts';
import { apikeyCommand } from './apikey.ts';
import { migrateCommand } from './migrate.ts';
import { processorsCommand } from './processors.ts';

const COMMANDS: Command[] = [serveCommand, importCommand, datasetsCommand, deleteCommand, metaCommand, processorsCommand, queryCommand, userCommand, groupCommand, harvestCommand, apikeyCommand, migrateCommand];

function usage(): string {
  const lines = COMMANDS.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`);
  return `Usage: agora <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nRun "agora <command> --help" for a command's options.`;
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return name ? 0 : 1;
  }
  const cmd = COMMANDS.find((c) => c.name === name);
  if (!cmd) {
    console.error(`agora: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  try {
    const args = parseCommandArgs(cmd, rest);
    if (args.values.help) {
      console.log(cmd.usage);
      return 0;
    }
    return await cmd.run(args);
  } catch (e) {
    if (isAgoraError(e)) console.error(`agora ${name}: ${e.message}`);
    else if ((e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`agora ${name}: ${(e as Error).message}\n\n${cmd.usage}`);
      return 2;
    } else console.error(`agora ${name}: ${(e as Error).stack ?? e}`);
    return 1;
  }
}

const code = await main(process.argv.slice(2));
if (code !== -1) process.exitCode = code;
