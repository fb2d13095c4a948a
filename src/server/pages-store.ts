// The context's page store (dashboards and data stories), opened on first use, and the
// dependencies the pages operations need (the accounts store, the catalog for checking blocks).
import type { AppContext } from './context.ts';
import { ensureGovernance } from '../governance/index.ts';
import { PageStore, catalogEnv, type PageDeps } from '../pages/index.ts';

const opened = new WeakMap<AppContext, Promise<PageDeps>>();

export function ensurePages(ctx: AppContext): Promise<PageDeps> {
  let p = opened.get(ctx);
  if (!p) {
    p = (async () => {
      const pages = new PageStore(ctx.backend);
      await pages.open();
      return { pages, store: await ensureGovernance(ctx), env: catalogEnv((id) => ctx.catalog.find(id)) };
    })();
    opened.set(ctx, p);
  }
  return p;
}
