// `agora apikey create|revoke|list`: API keys of a user. `create` prints the new key as its last
// line (shown once: only its hash is stored); `list` never shows secrets.
import { cliActor, ensureAudit, ensureGovernance, KEY_SCOPES, parseKey } from '../governance/index.ts';
import { DATA_HELP, type Command } from './command.ts';
import { withPortal } from './open.ts';

export const apikeyCommand: Command = {
  name: 'apikey',
  summary: 'create, revoke or list API keys',
  usage: `Usage: agora apikey create USERNAME [--scope S ...] [--data DIR]
       agora apikey revoke KEY_ID [--data DIR]
       agora apikey list [USERNAME] [--json] [--data DIR]

  --scope S           a management power the key may use: ${KEY_SCOPES.join(', ')}; repeatable.
                      Without scopes the key only reads (with its user's access to datasets).
  --json              list as JSON
  The new key is printed as the last line of "create"; send it as "Authorization: Apikey KEY"
  or "?apikey=KEY".
${DATA_HELP}`,
  options: { scope: { type: 'string', multiple: true }, json: { type: 'boolean' } },
  run: (args) => withPortal(args, async (ctx) => {
    const [sub, arg] = args.positionals;
    const gov = await ensureGovernance(ctx);
    if (sub === 'list') {
      const keys = gov.apiKeys(arg).map((k) => ({ key_id: k.keyId, username: k.username, scopes: k.scopes, created: k.created, revoked: k.revoked }));
      if (args.values.json) console.log(JSON.stringify(keys, null, 2));
      else for (const k of keys) console.log(`${k.key_id}\t${k.username}\t${k.scopes.join(',')}\t${k.revoked ? `revoked ${k.revoked}` : 'active'}`);
      return 0;
    }
    if (sub === 'create') {
      if (!arg) { console.error('agora apikey create: missing USERNAME'); return 2; }
      const k = await gov.createApiKey(arg, (args.values.scope as string[] | undefined) ?? []);
      await (await ensureAudit(ctx)).record({ actor: cliActor(), action: 'apikey.create', target: arg, detail: { key_id: k.keyId, scopes: k.scopes }, ip: null });
      console.log(`Created API key ${k.keyId} for ${arg}${k.scopes.length ? ` (scopes: ${k.scopes.join(', ')})` : ' (read only)'}. It is shown once:`);
      console.log(k.key);
      return 0;
    }
    if (sub === 'revoke') {
      if (!arg) { console.error('agora apikey revoke: missing KEY_ID'); return 2; }
      const k = await gov.revokeApiKey(parseKey(arg)?.keyId ?? arg);
      await (await ensureAudit(ctx)).record({ actor: cliActor(), action: 'apikey.revoke', target: k.username, detail: { key_id: k.keyId }, ip: null });
      console.log(`Revoked API key ${k.keyId} of ${k.username}.`);
      return 0;
    }
    console.error(`agora apikey: expected "create", "revoke" or "list", got ${sub ? `"${sub}"` : 'nothing'}`);
    return 2;
  }),
};
