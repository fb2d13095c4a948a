// `agora query DATASET_ID --select .. --where ..`: runs the Explore API records call in-process
// (the very route HTTP clients hit), so the CLI and the API can never disagree; anonymous, or as the
// user of an API key (--apikey or AGORA_APIKEY) with that user's access rules.
import { DATA_HELP, type Command } from './command.ts';
import { withPortal } from './open.ts';

export const queryCommand: Command = {
  name: 'query',
  summary: 'query a dataset with ODSQL (same path as the records API)',
  usage: `Usage: agora query DATASET_ID [--select S] [--where W ...] [--group-by G] [--order-by O]
                   [--limit N] [--offset N] [--refine field:value ...] [--exclude field:value ...]
                   [--timezone TZ] [--apikey KEY] [--data DIR]

Prints the Explore API v2.1 records answer as JSON: {"total_count": .., "results": [..]}.
  --apikey KEY        answer as this API key's user, their access rules applied (default: env
                      AGORA_APIKEY; without either, as an anonymous caller). The variable keeps
                      the key out of the process list.
${DATA_HELP}`,
  options: {
    select: { type: 'string' }, where: { type: 'string', multiple: true }, 'group-by': { type: 'string' },
    'order-by': { type: 'string' }, limit: { type: 'string' }, offset: { type: 'string' },
    refine: { type: 'string', multiple: true }, exclude: { type: 'string', multiple: true }, timezone: { type: 'string' },
    apikey: { type: 'string' },
  },
  run: (args) => withPortal(args, async (ctx) => {
    const id = args.positionals[0];
    if (!id) { console.error('agora query: missing DATASET_ID'); return 2; }
    const qs = new URLSearchParams();
    const v = args.values;
    const put = (k: string, x: unknown) => { for (const s of [x].flat()) if (typeof s === 'string') qs.append(k, s); };
    put('select', v.select); put('where', v.where); put('group_by', v['group-by']); put('order_by', v['order-by']);
    put('limit', v.limit); put('offset', v.offset); put('refine', v.refine); put('exclude', v.exclude); put('timezone', v.timezone);
    const { buildApp } = await import('../server/app.ts');
    const app = await buildApp(ctx, { web: false });
    const key = (typeof v.apikey === 'string' ? v.apikey : process.env.AGORA_APIKEY ?? '').trim();
    const headers = key ? { authorization: `Apikey ${key}` } : undefined;
    const res = await app.inject({ method: 'GET', url: `/api/explore/v2.1/catalog/datasets/${encodeURIComponent(id)}/records?${qs}`, headers });
    await app.close();
    const body = res.json() as { message?: string };
    if (res.statusCode !== 200) { console.error(`agora query: ${body.message ?? res.body}`); return 1; }
    console.log(JSON.stringify(body, null, 2));
    return 0;
  }),
};
