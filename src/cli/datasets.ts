// `agora datasets`: the catalog as a table (id, title, records, modified).
import { DATA_HELP, type Command } from './command.ts';
import { withPortal } from './open.ts';

export const datasetsCommand: Command = {
  name: 'datasets',
  summary: 'list the datasets (id, title, records, modified)',
  usage: `Usage: agora datasets [--json] [--data DIR]\n\n  --json              print the list as JSON\n${DATA_HELP}`,
  options: { json: { type: 'boolean' } },
  run: (args) => withPortal(args, async (ctx) => {
    const rows = ctx.catalog.list().map((d) => ({
      id: d.dataset_id, title: d.metas.default.title, records: d.metas.default.records_count, modified: d.metas.default.modified ?? '',
    }));
    if (args.values.json) { console.log(JSON.stringify(rows, null, 2)); return 0; }
    if (rows.length === 0) { console.log('No datasets. Import one with: agora import FILE --id DATASET_ID'); return 0; }
    const w = { id: Math.max(2, ...rows.map((r) => r.id.length)), title: Math.min(50, Math.max(5, ...rows.map((r) => r.title.length))) };
    const cut = (s: string, n: number) => (s.length > n ? s.slice(0, n - 1) + '…' : s);
    console.log(`${'ID'.padEnd(w.id)}  ${'TITLE'.padEnd(w.title)}  ${'RECORDS'.padStart(10)}  MODIFIED`);
    for (const r of rows) console.log(`${r.id.padEnd(w.id)}  ${cut(r.title, w.title).padEnd(w.title)}  ${String(r.records).padStart(10)}  ${r.modified}`);
    return 0;
  }),
};
