// The keys every data block shares: the dataset it reads and its own ODSQL where (checked).
import type { Dataset } from '../../core/types.ts';
import type { DataEnv } from '../data-env.ts';
import { optText, text, type Obj } from '../read.ts';

export function readDataBlock(o: Obj, at: string, env: DataEnv): { ds: Dataset; base: { dataset: string; where?: string } } {
  const id = text(o, 'dataset', at, { max: 200 });
  const ds = env.dataset(id, `${at}.dataset`);
  const where = optText(o, 'where', at, 4000);
  if (where) env.query(ds, { where: [where] }, `${at}.where`);
  return { ds, base: { dataset: id, ...(where ? { where } : {}) } };
}
