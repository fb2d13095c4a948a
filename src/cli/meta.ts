// `agora meta DATASET_ID [--set key=value ...]`: shows or edits dataset metadata (default and dcat
// templates; lists comma-separated). All assignments are checked before anything is written.
import { applyMeta, parseMetaAssignment } from '../catalog/metas.ts';
import { DATA_HELP, type Command } from './command.ts';
import { withPortal } from './open.ts';

export const metaCommand: Command = {
  name: 'meta',
  summary: 'show or set dataset metadata',
  usage: `Usage: agora meta DATASET_ID [--set key=value ...] [--data DIR]

  --set key=value     set a metadata value; repeatable. Keys of the default template: title,
                      description (HTML, sanitised), theme, keyword, territory, attributions
                      (lists, comma-separated: keyword=trees,nature), license, license_url, language,
                      publisher, references, timezone. dcat template: dcat.creator, contributor,
                      contact_name, contact_email, accrualperiodicity, spatial, temporal, granularity,
                      issued, conformsto (the dcat. prefix is optional).
${DATA_HELP}`,
  options: { set: { type: 'string', multiple: true } },
  run: (args) => withPortal(args, async (ctx) => {
    const id = args.positionals[0];
    if (!id) { console.error('agora meta: missing DATASET_ID'); return 2; }
    let metas = ctx.catalog.get(id).metas;
    const sets = (args.values.set as string[] | undefined) ?? [];
    for (const s of sets) {
      const { template, key, value } = parseMetaAssignment(s);
      metas = applyMeta(metas, template, key, value);
    }
    if (sets.length) metas = (await ctx.catalog.updateMetas(id, metas)).metas;
    console.log(JSON.stringify(metas, null, 2));
    return 0;
  }),
};
