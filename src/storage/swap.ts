// The swap every backend shares: publish (repoint the catalog, maybe add rows) and drop the replaced
// table in one write transaction, so readers see the old version until the commit, the new after.
import type { Backend, WriteTx } from './backend.ts';
import { quoteIdent } from '../sql/quote.ts';

export function swapThenDrop(backend: Pick<Backend, 'write'>, publish: (tx: WriteTx) => Promise<void>, replacedTable: string | null): Promise<void> {
  return backend.write(async (tx) => {
    await publish(tx);
    if (replacedTable) await tx.exec(`DROP TABLE IF EXISTS ${quoteIdent(replacedTable)}`);
  });
}
