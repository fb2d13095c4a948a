// `agora user add|list|reset-password|set-password|lock|unlock`: creates accounts (scrypt-hashed password,
// optional email, admin flag, groups), lists them, issues reset tokens, sets passwords, locks and
// unlocks accounts (a new password or a lock ends the user's sessions). Passwords are never printed.
import { cliActor, ensureAudit, ensureGovernance, DOMAIN_PERMISSIONS, MIN_PASSWORD_LENGTH } from '../governance/index.ts';
import { PasswordResets } from '../governance/resets.ts';
import { DATA_HELP, type Command } from './command.ts';
import { withPortal } from './open.ts';

export const userCommand: Command = {
  name: 'user',
  summary: 'add, list, lock or unlock user accounts, set or reset their passwords',
  usage: `Usage: agora user add USERNAME --password P [--email E] [--admin] [--group G ...] [--permission P ...] [--data DIR]
       agora user list [--json] [--data DIR]
       agora user reset-password USERNAME [--data DIR]
       agora user set-password USERNAME --password P [--data DIR]
       agora user lock USERNAME | agora user unlock USERNAME [--data DIR]

  --password P        the password (at least ${MIN_PASSWORD_LENGTH} characters; stored as a scrypt hash)
  --email E           the user's email address
  --admin             the user administers the portal (sees and manages everything)
  --group G           add the user to group G (which must exist: agora group add G); repeatable
  --permission P      a domain permission: ${DOMAIN_PERMISSIONS.join(', ')}; repeatable
  --json              list as JSON
  reset-password prints a one-time token (valid one hour) as its last line; the user sets a new
  password with POST /api/auth/password-reset/confirm {"token", "password"}.
  set-password and lock end every session of the user; a locked user cannot sign in and the user's
  API keys are refused until unlock (the keys are kept).
${DATA_HELP}`,
  options: {
    password: { type: 'string' }, email: { type: 'string' }, admin: { type: 'boolean' },
    group: { type: 'string', multiple: true }, permission: { type: 'string', multiple: true }, json: { type: 'boolean' },
  },
  run: (args) => withPortal(args, async (ctx) => {
    const [sub, username] = args.positionals;
    const gov = await ensureGovernance(ctx);
    if (sub === 'list') {
      const users = gov.users().map((u) => ({
        username: u.username, email: u.email, is_admin: u.isAdmin, permissions: u.permissions, groups: gov.groupsOf(u.username), is_active: u.isActive,
      }));
      if (args.values.json) console.log(JSON.stringify(users, null, 2));
      else for (const u of users) console.log(`${u.username}\t${u.email ?? ''}\t${u.is_admin ? 'admin' : ''}\t${u.groups.join(',')}${u.is_active ? '' : '\tlocked'}`);
      return 0;
    }
    if (sub === 'reset-password') {
      if (!username) { console.error('agora user reset-password: missing USERNAME'); return 2; }
      const resets = new PasswordResets(ctx.backend, gov);
      await resets.open();
      const token = await resets.issue(username);
      await (await ensureAudit(ctx)).record({ actor: cliActor(), action: 'password_reset.request', target: username, ip: null });
      console.log(`Password reset token for ${username}, valid one hour (POST /api/auth/password-reset/confirm {"token", "password"}):`);
      console.log(token);
      return 0;
    }
    if (sub === 'lock' || sub === 'unlock' || sub === 'set-password') {
      if (!username) { console.error(`agora user ${sub}: missing USERNAME`); return 2; }
      const password = args.values.password as string | undefined;
      if (sub === 'set-password' && !password) { console.error('agora user set-password: missing --password'); return 2; }
      const was = gov.getUser(username);
      await gov.updateUser(username, sub === 'set-password' ? { password } : { isActive: sub === 'unlock' });
      const action = sub === 'set-password' ? 'user.password_set' : `user.${sub}`;
      await (await ensureAudit(ctx)).record({ actor: cliActor(), action, target: username, ip: null });
      if (sub === 'set-password') console.log(`Set the password of ${username}; their sessions ended.`);
      else if (was.isActive === (sub === 'unlock')) console.log(`${username} was already ${sub === 'lock' ? 'locked' : 'unlocked'}.`);
      else console.log(sub === 'lock' ? `Locked ${username}: their sessions ended and their API keys are refused until unlock.` : `Unlocked ${username}.`);
      return 0;
    }
    if (sub !== 'add') { console.error(`agora user: expected "add", "list", "reset-password", "set-password", "lock" or "unlock", got ${sub ? `"${sub}"` : 'nothing'}`); return 2; }
    if (!username) { console.error('agora user add: missing USERNAME'); return 2; }
    const password = args.values.password as string | undefined;
    if (!password) { console.error('agora user add: missing --password'); return 2; }
    const u = await gov.addUser({
      username, password, email: (args.values.email as string | undefined) ?? null, isAdmin: Boolean(args.values.admin),
      groups: (args.values.group as string[] | undefined) ?? [], permissions: (args.values.permission as string[] | undefined) ?? [],
    });
    const groups = gov.groupsOf(u.username);
    await (await ensureAudit(ctx)).record({ actor: cliActor(), action: 'user.add', target: u.username, detail: { is_admin: u.isAdmin, permissions: u.permissions, groups }, ip: null });
    console.log(`Added user ${u.username}${u.isAdmin ? ' (admin)' : ''}${groups.length ? ` in ${groups.join(', ')}` : ''}.`);
    return 0;
  }),
};
