// `agora processors DATASET_ID [--import FILE] [--format yaml|json]`: prints a dataset's processor
// pipeline as a YAML or JSON document, or replaces it with one read from a file (checked against the
// dataset's fields first: a wrong processor or parameter is named and nothing is stored).
import { readFileSync } from 'node:fs';
import { DATA_HELP, type Command } from './command.ts';
import { withPortal } from './open.ts';

export const processorsCommand: Command = {
  name: 'processors',
  summary: "show or replace a dataset's processors (YAML or JSON)",
  usage: `Usage: agora processors DATASET_ID [--import FILE] [--format yaml|json] [--data DIR]

  --import FILE       replace the pipeline with the document in FILE (YAML or JSON:
                      {"processors": [{"type": "string_replace", "field": "city", "old": "a", "new": "b"}, …]})
  --format F          how the pipeline is printed: yaml (default) or json
${DATA_HELP}`,
  options: { import: { type: 'string' }, format: { type: 'string' } },
  run: (args) => withPortal(args, async (ctx) => {
    const id = args.positionals[0];
    if (!id) { console.error('agora processors: missing DATASET_ID'); return 2; }
    const format = (args.values.format as string | undefined) ?? 'yaml';
    if (format !== 'yaml' && format !== 'json') { console.error('agora processors: --format is yaml or json'); return 2; }
    const { newUid } = await import('../governance/drafts.ts');
    const { pipelineDocument, processorStore, putPipeline, readPipelineDocument } = await import('../ingest/processors/index.ts');
    const ds = ctx.catalog.get(id);
    const file = args.values.import as string | undefined;
    if (file) await putPipeline(ctx.catalog, ds, readPipelineDocument(readFileSync(file, 'utf8'), () => newUid('pr')));
    process.stdout.write(pipelineDocument((await processorStore(ctx.catalog)).pipeline(ds.dataset_uid), format));
    return 0;
  }),
};
