// Records between a record table and the processors: rows read in batches (physical columns to
// logical values: points as {lon, lat}, shapes and JSON parsed, dates as text), and processed
// records written into a new, unpublished record table batch by batch through the writer's staging.
import { AgoraError, isAgoraError } from '../../core/errors.ts';
import { GEO_SUFFIX, physicalColumns, RECORD_ID_COLUMN } from '../../core/physical.ts';
import { STAGE_ORDER_COLUMN, type Row, type Backend } from '../../storage/backend.ts';
import { quoteIdent } from '../../sql/quote.ts';
import { toPhysical, recordProblem, type PhysicalRecord } from '../../realtime/records.ts';
import type { PField, Rec, Value } from './types.ts';

const STAGE = 'agora_proc_stage';

function logical(f: PField, r: Row): Value {
  if (f.type === 'geo_point_2d') {
    const lon = r[f.name + GEO_SUFFIX.lon]; const lat = r[f.name + GEO_SUFFIX.lat];
    return typeof lon === 'number' && typeof lat === 'number' ? { lon, lat } : null;
  }
  const v = r[f.name];
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return f.type === 'date' ? v.toISOString().slice(0, 10) : v.toISOString();
  if ((f.type === 'geo_shape' || f.type === 'json_blob') && typeof v === 'string') return JSON.parse(v) as Value;
  return v as Value;
}

export const recordOf = (fields: readonly PField[], r: Row): Rec => Object.fromEntries(fields.map((f) => [f.name, logical(f, r)]));

/** The table's records in record-id order, in batches. */
export async function* readRecords(backend: Backend, table: string, fields: readonly PField[], limit?: number): AsyncIterable<Rec[]> {
  const lim = limit === undefined ? '' : ` LIMIT ${Math.trunc(limit)}`;
  for await (const rows of backend.stream(`SELECT * FROM ${quoteIdent(table)} ORDER BY ${quoteIdent(RECORD_ID_COLUMN)}${lim}`)) yield rows.map((r) => recordOf(fields, r));
}

/** A processed value made to fit its field's type where that is lossless (numbers as text, numeric text as numbers). */
function conform(f: PField, v: Value | undefined): Value {
  if (v === undefined || v === null) return null;
  switch (f.type) {
    case 'text': return typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);
    case 'int': case 'double': return typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : v;
    case 'boolean': return v === 'true' ? true : v === 'false' ? false : v;
    default: return v;
  }
}

/** A processed record as stored columns; a value that does not fit fails naming the record and field. */
export function physicalOf(fields: readonly PField[], rec: Rec, n: number): PhysicalRecord {
  const shaped: Record<string, Value> = {};
  for (const f of fields) shaped[f.name] = conform(f, rec[f.name]);
  try {
    return toPhysical(fields.map((f) => ({ ...f, description: null, annotations: {} })), shaped, n);
  } catch (e) {
    if (!isAgoraError(e)) throw e;
    throw new AgoraError('PROCESSOR_FAILED', `The processed record ${n} does not fit the fields: ${recordProblem(e).replace(/^Record at index \d+: /, '')}; nothing was published.`,
      { record: n, field: e.details.field ?? null });
  }
}

/** Writes physical records after those already in `table` (record ids continue from `offset`). */
export async function appendPhysical(backend: Backend, table: string, fields: readonly PField[], rows: PhysicalRecord[], offset: number): Promise<void> {
  const cols = fields.flatMap((f) => physicalColumns(f));
  const names = cols.map((c) => quoteIdent(c.name)).join(', ');
  await backend.write(async (tx) => {
    await tx.stageRows(STAGE, cols, rows);
    await tx.exec(`INSERT INTO ${quoteIdent(table)} (${quoteIdent(RECORD_ID_COLUMN)}${names ? ', ' + names : ''})
      SELECT CAST(? AS BIGINT) + ${STAGE_ORDER_COLUMN}${names ? ', ' + names : ''} FROM ${STAGE} ORDER BY ${STAGE_ORDER_COLUMN}`, [offset]);
  });
}
