// `agora group add|list|add-member|remove-member`: creates user groups (optionally with domain
// permissions), lists them with their members, and changes membership.
import { cliActor, ensureAudit, ensureGovernance, DOMAIN_PERMISSIONS } from '../governance/index.ts';
import { DATA_HELP, type Command } from './command.ts';
import { withPortal } from './open.ts';

export const groupCommand: Command = {
  name: 'group',
  summary: 'add or list user groups',
  usage: `Usage: agora group add NAME [--permission P ...] [--data DIR]
       agora group list [--json] [--data DIR]
       agora group add-member NAME USERNAME [--data DIR]
       agora group remove-member NAME USERNAME [--data DIR]

  --permission P      a domain permission of every member: ${DOMAIN_PERMISSIONS.join(', ')}; repeatable
  --json              list as JSON
${DATA_HELP}`,
  options: { permission: { type: 'string', multiple: true }, json: { type: 'boolean' } },
  run: (args) => withPortal(args, async (ctx) => {
    const [sub, name, member] = args.positionals;
    const gov = await ensureGovernance(ctx);
    if (sub === 'list') {
      const groups = gov.groups().map((g) => ({ name: g.name, permissions: g.permissions, members: gov.members(g.name) }));
      if (args.values.json) console.log(JSON.stringify(groups, null, 2));
      else for (const g of groups) console.log(`${g.name}\t${g.permissions.join(',')}\t${g.members.join(',')}`);
      return 0;
    }
    if (sub === 'add-member' || sub === 'remove-member') {
      if (!name || !member) { console.error(`agora group ${sub}: expected NAME USERNAME`); return 2; }
      gov.getGroup(name);
      gov.getUser(member);
      if (sub === 'add-member') await gov.addMember(name, member);
      else await gov.removeMember(name, member);
      await (await ensureAudit(ctx)).record({ actor: cliActor(), action: sub === 'add-member' ? 'group.member.add' : 'group.member.remove', target: name, detail: { username: member }, ip: null });
      console.log(`${sub === 'add-member' ? 'Added' : 'Removed'} ${member} ${sub === 'add-member' ? 'to' : 'from'} group ${name}.`);
      return 0;
    }
    if (sub !== 'add') { console.error(`agora group: expected "add", "list", "add-member" or "remove-member", got ${sub ? `"${sub}"` : 'nothing'}`); return 2; }
    if (!name) { console.error('agora group add: missing NAME'); return 2; }
    const g = await gov.addGroup(name, (args.values.permission as string[] | undefined) ?? []);
    await (await ensureAudit(ctx)).record({ actor: cliActor(), action: 'group.add', target: g.name, detail: { permissions: g.permissions }, ip: null });
    console.log(`Added group ${g.name}.`);
    return 0;
  }),
};
