// Opens the portal's store for a one-shot CLI command and closes it afterwards. The portal modules
// load on first use, so `agora --help` and usage errors answer at once.
import type { AppContext } from '../server/context.ts';
import type { ParsedArgs } from './command.ts';

export async function withPortal<T>(args: ParsedArgs, fn: (ctx: AppContext) => Promise<T>): Promise<T> {
  const { closePortal, openPortal } = await import('../server/portal.ts');
  const ctx = await openPortal({ dataDir: args.dataDir, ...(args.store !== undefined ? { store: args.store } : {}) });
  try { return await fn(ctx); } finally { await closePortal(ctx); }
}
