// The table block: a filtered, sorted view of a dataset (chosen fields, ODSQL order_by, a limit).
import type { BlockKind } from './kind.ts';
import type { TableBlock } from '../types.ts';
import { readDataBlock } from './data-block.ts';
import { invalid, list, optInt, optText } from '../read.ts';

export const tableBlock: BlockKind = {
  type: 'table',
  keys: ['dataset', 'where', 'fields', 'order_by', 'limit'],
  parse(o, at, env) {
    const { ds, base } = readDataBlock(o, at, env);
    const out: Record<string, unknown> = { ...base };
    const fields = list(o, 'fields', at, 50);
    if (fields.length) {
      out.fields = fields.map((f, i) => {
        if (typeof f !== 'string') throw invalid(`${at}.fields[${i}]`, 'expected a field name');
        return env.field(ds, f, `${at}.fields[${i}]`).name;
      });
    }
    const order = optText(o, 'order_by', at, 1000);
    if (order) { env.query(ds, { order_by: order }, `${at}.order_by`); out.order_by = order; }
    const limit = optInt(o, 'limit', at, 1, 100);
    if (limit !== undefined) out.limit = limit;
    return out;
  },
  datasets: (b) => [(b as TableBlock).dataset],
};
