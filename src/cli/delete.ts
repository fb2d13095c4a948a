// `agora delete DATASET_ID`: removes a dataset, its records and its metadata.
import { DATA_HELP, type Command } from './command.ts';
import { withPortal } from './open.ts';

export const deleteCommand: Command = {
  name: 'delete',
  summary: 'delete a dataset and its records',
  usage: `Usage: agora delete DATASET_ID [--data DIR]\n\n${DATA_HELP}`,
  options: {},
  run: (args) => withPortal(args, async (ctx) => {
    const id = args.positionals[0];
    if (!id) { console.error('agora delete: missing DATASET_ID'); return 2; }
    await ctx.catalog.delete(id);
    console.log(`Deleted ${id}.`);
    return 0;
  }),
};
