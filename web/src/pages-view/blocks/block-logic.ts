// The pure parts of the built-in blocks, kept out of their .tsx files so they are unit-tested:
// which image addresses load, a table's columns and its simple order, a chart block's settings as
// the Analyze tab's ChartSpec. No React, no I/O.
import type { ApiField } from '../../api/types.ts';
import { isGeoType } from '../../format/format.ts';
import { DEFAULT_TOP, type ChartSpec } from '../../dataset/analyze/spec.ts';
import type { ChartBlock, TableBlock } from '../../api/page-model.ts';

/** Only http(s) and same-site paths are loaded (no javascript:, data: or protocol-relative addresses). */
export function safeImageUrl(url: string): string | null {
  const u = url.trim();
  return /^(https?:\/\/[^\s]|\/(?![/\\]))/i.test(u) ? u : null;
}

/** Columns without a `fields` list: the first six that are not geometry. */
export const DEFAULT_COLUMNS = 6;
export const DEFAULT_ROWS = 10;

export function tableFields(block: Pick<TableBlock, 'fields'>, fields: ApiField[]): ApiField[] {
  const byName = new Map(fields.map((f) => [f.name, f]));
  const names = block.fields?.length ? block.fields : fields.filter((f) => !isGeoType(f.type)).slice(0, DEFAULT_COLUMNS).map((f) => f.name);
  return names.map((n) => byName.get(n)).filter((f): f is ApiField => !!f);
}

/** A simple "field [asc|desc]" order, for aria-sort and the table view's `sort`; null for anything else. */
export function simpleOrder(orderBy: string | undefined): { field: string; dir: 'asc' | 'desc' } | null {
  const m = /^\s*(`?)([A-Za-z_]\w*)\1\s*(asc|desc)?\s*$/i.exec(orderBy ?? '');
  return m ? { field: m[2], dir: (m[3]?.toLowerCase() ?? 'asc') as 'asc' | 'desc' } : null;
}

/** The dataset table view's query for a table block: its where, and its order as `sort`. */
export function tableViewSearch(where: string, orderBy: string | undefined): URLSearchParams {
  const sp = new URLSearchParams({ tab: 'table' });
  if (where) sp.set('where', where);
  const order = simpleOrder(orderBy);
  if (order) sp.set('sort', `${order.dir === 'desc' ? '-' : ''}${order.field}`);
  return sp;
}

export function chartSpecOf(c: ChartBlock['chart']): ChartSpec {
  return { x: c.x, gran: c.gran, series: c.series?.length ? c.series : [{ agg: 'count' }], split: c.split, type: c.type, stack: !!c.stack, top: c.top ?? DEFAULT_TOP };
}
