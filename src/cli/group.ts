// `agora group add|list`: creates user groups (optionally with domain permissions) and lists them
// with their members. Members are added with `agora user add --group`.
import { cliActor, ensureAudit, ensureGovernance, DOMAIN_PERMISSIONS } from '../governance/index.ts';
import { DATA_HELP, type Command } from './command.ts';
import { withPortal } from './open.ts';

export const groupCommand: Command = {
  name: 'group',
  summary: 'add or list user groups',
  usage: `Usage: agora group add NAME [--permission P ...] [--data DIR]
       agora group list [--json] [--data DIR]

  --permission P      a domain permission of every member: ${DOMAIN_PERMISSIONS.join(', ')}; repeatable
  --json              list as JSON
${DATA_HELP}`,
  options: { permission: { type: 'string', multiple: true }, json: { type: 'boolean' } },
  run: (args) => withPortal(args, async (ctx) => {
    const [sub, name] = args.positionals;
    const gov = await ensureGovernance(ctx);
    if (sub === 'list') {
      const groups = gov.groups().map((g) => ({ name: g.name, permissions: g.permissions, members: gov.members(g.name) }));
      if (args.values.json) console.log(JSON.stringify(groups, null, 2));
      else for (const g of groups) console.log(`${g.name}\t${g.permissions.join(',')}\t${g.members.join(',')}`);
      return 0;
    }
    if (sub !== 'add') { console.error(`agora group: expected "add" or "list", got ${sub ? `"${sub}"` : 'nothing'}`); return 2; }
    if (!name) { console.error('agora group add: missing NAME'); return 2; }
    const g = await gov.addGroup(name, (args.values.permission as string[] | undefined) ?? []);
    await (await ensureAudit(ctx)).record({ actor: cliActor(), action: 'group.add', target: g.name, detail: { permissions: g.permissions }, ip: null });
    console.log(`Added group ${g.name}.`);
    return 0;
  }),
};
