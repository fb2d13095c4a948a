// Reads what a dataset's OpenAPI document shows from the live data: a few example records and
// the distinct values of facet fields, through the ODSQL plan with the caller's access rules.
import type { FastifyRequest } from 'fastify';
import type { Dataset, Field } from '../../core/types.ts';
import { compileRecords } from '../../plan/index.ts';
import type { AppContext } from '../../server/context.ts';
import { toApiValue } from '../../server/respond/values.ts';
import { recordRules } from '../visibility.ts';
import type { DatasetSamples } from './dataset-doc.ts';

export const MAX_ENUM = 50;
const ENUM_TYPES = new Set(['text', 'int', 'boolean']);

export async function datasetSamples(ctx: AppContext, req: FastifyRequest, ds: Dataset, fields: Field[]): Promise<DatasetSamples> {
  const opts = { mode: 'records' as const, access: recordRules(req, ds), dialect: ctx.dialect };
  const { records, count } = compileRecords(ds, { where: [], refine: [], exclude: [], limit: 2 }, opts);
  const [rows, counted] = await Promise.all([ctx.backend.query(records.sql, records.params), ctx.backend.query(count.sql, count.params)]);
  const columns = records.columns.filter((c) => c.name !== '_rid');
  const examples = rows.map((r) => Object.fromEntries(columns.map((c) => [c.name, toApiValue(r[c.name], c.type, 'UTC')])));
  const enums: DatasetSamples['enums'] = {};
  for (const f of fields.filter((x) => x.annotations.facet && ENUM_TYPES.has(x.type))) {
    const q = compileRecords(ds, { select: `\`${f.name}\``, group_by: `\`${f.name}\``, order_by: `\`${f.name}\``, where: [], refine: [], exclude: [], limit: MAX_ENUM + 1 }, opts).records;
    const values = (await ctx.backend.query(q.sql, q.params)).map((r) => toApiValue(r[f.name], f.type, 'UTC')).filter((v) => v !== null) as Array<string | number | boolean>;
    if (values.length > 0 && values.length <= MAX_ENUM) enums[f.name] = values;
  }
  return { examples, enums, total: Number(Object.values(counted[0] ?? { n: 0 })[0]) };
}
