// Renaming and deleting fields of data already published (loaded without resources, e.g. from the
// command line): a new record table is written from the published one and swapped in atomically.
// Only generated and checked names reach the SQL, all quoted.
import type { Catalog } from '../catalog/index.ts';
import { newRecordTable } from '../catalog/index.ts';
import { physicalColumns, RECORD_ID_COLUMN } from '../core/physical.ts';
import type { Dataset, Field } from '../core/types.ts';
import { quoteIdent } from '../sql/quote.ts';
import type { FieldFate } from './field-configs.ts';

/** Publishes the dataset's records with the fates' names, without the deleted fields; the old table
 *  is dropped by the swap, and a failure leaves the published data as it was. */
export async function reshapePublished(catalog: Catalog, ds: Dataset, fates: readonly FieldFate[]): Promise<Dataset> {
  const byName = new Map(ds.fields.map((f) => [f.name, f]));
  const columns = [quoteIdent(RECORD_ID_COLUMN)];
  const fields: Field[] = [];
  for (const fate of fates) {
    const f = byName.get(fate.from);
    if (fate.deleted || !f) continue;
    const to = physicalColumns({ name: fate.name, type: f.type });
    physicalColumns(f).forEach((c, k) => columns.push(`${quoteIdent(c.name)} AS ${quoteIdent(to[k].name)}`));
    fields.push({ ...f, name: fate.name });
  }
  const table = newRecordTable(ds.dataset_id);
  try {
    await catalog.backend.write((tx) => tx.exec(
      `CREATE TABLE ${quoteIdent(table)} AS SELECT ${columns.join(', ')} FROM ${quoteIdent(ds.table)} ORDER BY ${quoteIdent(RECORD_ID_COLUMN)}`));
    return await catalog.publishVersion({ datasetId: ds.dataset_id, table, fields, recordsCount: ds.metas.default.records_count, mode: 'replace' });
  } catch (e) {
    await catalog.backend.write((tx) => tx.exec(`DROP TABLE IF EXISTS ${quoteIdent(table)}`)).catch(() => undefined);
    throw e;
  }
}
