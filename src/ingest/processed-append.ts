// Appending to a dataset that has processors: the new rows are written to an unpublished table with
// the source's own fields, run through the pipeline into a second one, and only then, when the
// pipeline's fields are the dataset's, added after the published records in the publishing
// transaction. Both tables always go; a failure leaves the published data as it was.
import type { Catalog } from '../catalog/index.ts';
import { newRecordTable } from '../catalog/index.ts';
import { AgoraError } from '../core/errors.ts';
import { physicalColumns, RECORD_ID_COLUMN } from '../core/physical.ts';
import type { Dataset, Field } from '../core/types.ts';
import type { WriteTx } from '../storage/backend.ts';
import { quoteIdent } from '../sql/quote.ts';
import { keepSample, processTable, type Processed } from './processors/index.ts';

export async function appendProcessed(catalog: Catalog, existing: Dataset, fields: Field[], sourceName: string, title: string | undefined,
  build: (tx: WriteTx, table: string) => Promise<void>): Promise<{ dataset: Dataset; processed: Processed }> {
  const raw = newRecordTable(existing.dataset_id);
  let processed: Processed | null = null;
  try {
    await catalog.backend.write((tx) => build(tx, raw));
    processed = (await processTable(catalog, existing.dataset_id, raw, fields))!;
    const got = processed.fields.map((f) => `${f.name} (${f.type})`);
    const want = existing.fields.map((f) => `${f.name} (${f.type})`);
    if (got.join() !== want.join()) {
      throw new AgoraError('INGEST_SCHEMA_MISMATCH',
        `${sourceName}, after the dataset's processors, has the fields ${got.join(', ')}; dataset "${existing.dataset_id}" has ${want.join(', ')}.`,
        { file: sourceName, expected: want, found: got });
    }
    const cols = existing.fields.flatMap((f) => physicalColumns(f)).map((c) => quoteIdent(c.name)).join(', ');
    const from = processed.table;
    const dataset = await catalog.publishVersion({
      datasetId: existing.dataset_id, title, table: existing.table, fields: existing.fields, mode: 'append',
      recordsCount: existing.metas.default.records_count + processed.rows,
      beforeCommit: async (tx) => {
        const last = Number((await tx.query(`SELECT coalesce(max(_rid), 0) AS m FROM ${quoteIdent(existing.table)}`))[0].m);
        const rid = quoteIdent(RECORD_ID_COLUMN);
        await tx.exec(`INSERT INTO ${quoteIdent(existing.table)} (${rid}, ${cols}) SELECT ${rid} + ?, ${cols} FROM ${quoteIdent(from)} ORDER BY ${rid}`, [last]);
      },
    });
    await keepSample(catalog, existing.dataset_id, processed);
    return { dataset, processed };
  } finally {
    const drop = [raw, ...(processed ? [processed.table] : [])];
    await catalog.backend.write(async (tx) => { for (const t of drop) await tx.exec(`DROP TABLE IF EXISTS ${quoteIdent(t)}`); }).catch(() => undefined);
  }
}
