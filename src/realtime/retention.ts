// Retention of a live dataset: records older than N days (by its date field) are deleted or, with
// hourly downsampling, each sensor's older records of one hour become one record of their averages.
// One write transaction (readers keep their snapshot meanwhile); names come from the catalog only.
import type { Catalog } from '../catalog/index.ts';
import type { Dataset } from '../core/types.ts';
import { physicalColumns, RECORD_ID_COLUMN } from '../core/physical.ts';
import { quoteIdent } from '../sql/quote.ts';
import { dialectFor } from '../sql/index.ts';
import type { LiveSettings } from './settings.ts';

const OLD = 'agora_rt_old';
const AGG = 'agora_rt_hourly';

export interface RetentionResult { deleted: number; inserted: number }

/** Applies the dataset's retention as of `now`; nothing when it has none. */
export async function applyRetention(catalog: Catalog, ds: Dataset, s: LiveSettings, now: number): Promise<RetentionResult> {
  if (s.retentionDays === null || s.timeField === null) return { deleted: 0, inserted: 0 };
  const timeField = ds.fields.find((f) => f.name === s.timeField);
  if (!timeField) return { deleted: 0, inserted: 0 };
  const table = quoteIdent(ds.table);
  const t = quoteIdent(timeField.name);
  const cutoff = new Date(now - s.retentionDays * 86_400_000).toISOString();
  const before = timeField.type === 'date' ? `${t} < CAST(? AS DATE)` : `${t} < CAST(? AS TIMESTAMPTZ)`;
  const cut = timeField.type === 'date' ? cutoff.slice(0, 10) : cutoff;
  let result: RetentionResult = { deleted: 0, inserted: 0 };
  await catalog.writeLive(async (tx) => {
    const count = async (sql: string, params: unknown[]) => Number((await tx.query(sql, params as never))[0]?.n ?? 0);
    if (!s.downsampleHourly || timeField.type !== 'datetime') {
      const n = await count(`SELECT count(*) AS n FROM ${table} WHERE ${before}`, [cut]);
      if (n) await tx.exec(`DELETE FROM ${table} WHERE ${before}`, [cut]);
      result = { deleted: n, inserted: 0 };
      return n ? [ds.dataset_id] : [];
    }
    // Hourly groups (per sensor) of older records that hold more than one record: already folded
    // hours (one record each) are left alone, so running it again changes nothing.
    const key = s.sensorField && ds.fields.some((f) => f.name === s.sensorField) ? quoteIdent(s.sensorField) : null;
    const seconds = dialectFor(catalog.backend).epochSeconds;
    const hourOf = (alias: string) => `to_timestamp(floor(${seconds(`${alias}.${t}`)} / 3600) * 3600)`;
    const inGroup = (alias: string) => `${hourOf(alias)} = o.agora_hour${key ? ` AND ${alias}.${key} IS NOT DISTINCT FROM o.agora_key` : ''}`;
    const groupCols = [`${hourOf('x')} AS agora_hour`, ...(key ? [`x.${key} AS agora_key`] : [])];
    await tx.exec(`DROP TABLE IF EXISTS ${OLD}`);
    await tx.exec(`CREATE TEMP TABLE ${OLD} AS SELECT ${groupCols.join(', ')}, count(*) AS n FROM ${table} x WHERE x.${before} GROUP BY ${groupCols.map((_, i) => i + 1).join(', ')} HAVING count(*) > 1`, [cut]);
    const groups = await count(`SELECT count(*) AS n FROM ${OLD}`, []);
    if (groups === 0) { result = { deleted: 0, inserted: 0 }; return []; }
    const cols = ds.fields.flatMap((f) => physicalColumns(f).map((c) => ({ ...c, field: f })));
    const exprs = cols.map((c) => {
      const q = quoteIdent(c.name);
      if (c.field.name === timeField.name) return `o.agora_hour AS ${q}`;
      if (key && c.name === s.sensorField) return `o.agora_key AS ${q}`;
      if (c.sqlType === 'double') return `avg(r.${q}) AS ${q}`;
      if (c.sqlType === 'bigint' && c.field.type === 'int') return `CAST(round(avg(r.${q})) AS BIGINT) AS ${q}`;
      // The first non-null value of the group (any_value, which PostgreSQL 15 lacks).
      return `(array_agg(r.${q}) FILTER (WHERE r.${q} IS NOT NULL))[1] AS ${q}`;
    });
    await tx.exec(`DROP TABLE IF EXISTS ${AGG}`);
    await tx.exec(`CREATE TEMP TABLE ${AGG} AS SELECT ${exprs.join(', ')} FROM ${table} r JOIN ${OLD} o ON ${inGroup('r')} WHERE r.${t} < CAST(? AS TIMESTAMPTZ) GROUP BY o.agora_hour${key ? ', o.agora_key' : ''} ORDER BY o.agora_hour`, [cut]);
    const deleted = await count(`SELECT sum(n) AS n FROM ${OLD}`, []);
    await tx.exec(`DELETE FROM ${table} r WHERE r.${t} < CAST(? AS TIMESTAMPTZ) AND EXISTS (SELECT 1 FROM ${OLD} o WHERE ${inGroup('r')})`, [cut]);
    const [{ m }] = await tx.query(`SELECT coalesce(max(${quoteIdent(RECORD_ID_COLUMN)}), 0) AS m FROM ${table}`);
    const names = cols.map((c) => quoteIdent(c.name));
    await tx.exec(`INSERT INTO ${table} (${quoteIdent(RECORD_ID_COLUMN)}, ${names.join(', ')}) SELECT CAST(? AS BIGINT) + row_number() OVER (), ${names.join(', ')} FROM ${AGG}`, [Number(m)]);
    result = { deleted, inserted: groups };
    return [ds.dataset_id];
  });
  return result;
}
