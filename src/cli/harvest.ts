// `agora harvest types|preview|list|run`: the harvester types and their options, what a first harvest
// of a source would create here (remote datasets listed through the checked outbound module), and the
// portal's stored harvesters, one of which `run` runs now as its owner (what a schedule would do).
import { DATA_HELP, type Command } from './command.ts';
import { withPortal } from './open.ts';

/** How long a preview may page through a remote catalog before it stops and says so. */
const PREVIEW_TIMEOUT_MS = 10 * 60_000;

function optionsOf(raw: string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const o of raw ?? []) {
    const eq = o.indexOf('=');
    if (eq < 1) throw new Error(`--option ${JSON.stringify(o)}: expected NAME=VALUE`);
    out[o.slice(0, eq)] = o.slice(eq + 1);
  }
  return out;
}

async function stored(args: Parameters<Command['run']>[0], sub: 'list' | 'run', uid: string | undefined): Promise<number> {
  if (sub === 'run' && !uid) { console.error('agora harvest run: expected the UID of a harvester (agora harvest list shows them)'); return 2; }
  return withPortal(args, async (ctx) => {
    const { ensureHarvest } = await import('../harvest/index.ts');
    const { runBody } = await import('../harvest/api.ts');
    const h = await ensureHarvest(ctx);
    if (sub === 'list') {
      const rows = [];
      for (const s of h.store.all()) {
        const [last] = await h.store.runsOf(s.uid);
        rows.push({ uid: s.uid, type: s.type, name: s.name, url: s.url, schedule: s.schedule?.cron ?? null, last_run: last ? runBody(last) : null });
      }
      if (args.values.json) console.log(JSON.stringify(rows, null, 2));
      else for (const r of rows) console.log(`${r.uid}\t${r.type}\t${r.name}\t${r.url}\t${r.schedule ?? 'no schedule'}\t${r.last_run ? `${r.last_run.outcome} ${r.last_run.started_at}` : 'never run'}`);
      return 0;
    }
    const source = h.store.get(uid!);
    if (!source) { console.error(`agora harvest run: no harvester "${uid}" (agora harvest list shows them)`); return 1; }
    const run = await h.runner.start(source, 'manual', source.owner);
    if (args.values.json) console.log(JSON.stringify(runBody(run), null, 2));
    else {
      console.log(`${source.name}: ${run.outcome} — ${run.remote} remote, ${run.created} created, ${run.updated} updated, ${run.unchanged} unchanged, ${run.removed} removed${run.message ? `. ${run.message}` : ''}`);
      for (const [id, e] of Object.entries(run.errors)) console.log(`  ${id}: ${e}`);
    }
    return run.outcome === 'done' ? 0 : 1;
  });
}

export const harvestCommand: Command = {
  name: 'harvest',
  summary: 'list harvester types, or preview what harvesting another portal would create',
  usage: `Usage: agora harvest types [--json]
       agora harvest preview TYPE URL [--option NAME=VALUE ...] [--prefix P] [--json] [--data DIR]
       agora harvest list [--json] [--data DIR]
       agora harvest run UID [--json] [--data DIR]

  types               the harvester types (ckan, ods, …) and the options each takes
  preview             lists every dataset the source offers and the id each would get here
                      (ids already used in this portal are never taken: -2, -3, … are added)
  --option NAME=VALUE a harvester option, e.g. organization=transport (ckan), where=… (ods); repeatable
  --prefix P          put P before every new dataset id
  list                the stored harvesters (made through the Automation API or the back office)
  run                 runs harvester UID now, as its owner, and prints the outcome (exit 1 unless done)
  --json              print JSON
${DATA_HELP}`,
  options: { option: { type: 'string', multiple: true }, prefix: { type: 'string' }, json: { type: 'boolean' } },
  async run(args) {
    const [sub, type, url] = args.positionals;
    const { harvesterDefs, harvesterDef } = await import('../harvest/registry.ts');
    await import('../harvest/harvesters/index.ts');
    if (sub === 'types') {
      const defs = harvesterDefs().map((d) => ({ type: d.type, label: d.label, options: d.options }));
      if (args.values.json) console.log(JSON.stringify(defs, null, 2));
      else for (const d of defs) console.log(`${d.type}\t${d.label}\t${d.options.map((o) => `${o.name}${o.required ? ' (required)' : ''}`).join(', ')}`);
      return 0;
    }
    if (sub === 'list' || sub === 'run') return stored(args, sub, type);
    if (sub !== 'preview') { console.error(`agora harvest: expected "types", "preview", "list" or "run", got ${sub ? `"${sub}"` : 'nothing'}`); return 2; }
    if (!type || !url) { console.error('agora harvest preview: expected TYPE URL'); return 2; }
    const { checkOptions, checkSourceUrl } = await import('../harvest/options.ts');
    const { harvestContext } = await import('../harvest/context.ts');
    const { planHarvest } = await import('../harvest/plan.ts');
    const def = harvesterDef(type);
    const source = checkSourceUrl(url);
    const options = checkOptions(def, optionsOf(args.values.option as string[] | undefined));
    return withPortal(args, async (ctx) => {
      const remote = [];
      for await (const ds of def.list(harvestContext(source, options, AbortSignal.timeout(PREVIEW_TIMEOUT_MS)))) remote.push(ds);
      const plan = planHarvest(remote, [], (id) => ctx.catalog.find(id) !== undefined, (args.values.prefix as string | undefined) ?? '');
      const rows = plan.create.map(({ remote: r, datasetId }) => ({
        dataset_id: datasetId, remote_id: r.remoteId, title: r.title, remote_url: r.remoteUrl,
        formats: [...new Set(r.distributions.map((d) => d.format ?? 'unknown'))],
      }));
      if (args.values.json) {
        console.log(JSON.stringify({ source, type, create: rows, duplicates: plan.duplicates }, null, 2));
        return 0;
      }
      for (const r of rows) console.log(`${r.dataset_id}\t${r.title}\t${r.formats.join(',') || 'no files'}\t${r.remote_url ?? ''}`);
      const dup = plan.duplicates.length ? `; ${plan.duplicates.length} listed twice by the source (kept once)` : '';
      console.log(`${source} (${def.type}) offers ${rows.length} datasets: a first harvest would create ${rows.length} here${dup}.`);
      return 0;
    });
  },
};
