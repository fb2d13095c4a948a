// The catalog as a queryable table: one row per dataset with its searchable metadata, kept in step
// with the catalog, described as a pseudo-dataset so catalog ODSQL runs through the same pipeline.
import type { Backend, WriteTx } from '../storage/backend.ts';
import type { Dataset, Field, FieldType } from '../core/types.ts';
import type { Catalog } from './store.ts';
import { dialectFor, type Dialect } from '../sql/index.ts';

export const CATALOG_TABLE = 'agora_catalog_search';
/** The catalog table once per subset of features a caller's view may drop (see catalogMaskedDataset). */
export const CATALOG_MASKED_VIEW = 'agora_catalog_search_masked';
/** The column of the masked view naming the dropped features, sorted and comma-joined ('' = none). */
export const FEATURES_MASK = 'features_mask';
const FEATURES = ['analyze', 'geo', 'timeserie'];

const COLUMNS: Array<[name: string, type: FieldType, sql: string, multivalued?: boolean, facet?: boolean]> = [
  ['dataset_id', 'text', 'VARCHAR'],
  ['dataset_uid', 'text', 'VARCHAR'],
  ['title', 'text', 'VARCHAR'],
  ['description', 'text', 'VARCHAR'],
  ['theme', 'text', 'VARCHAR[]', true, true],
  ['keyword', 'text', 'VARCHAR[]', true, true],
  ['publisher', 'text', 'VARCHAR', false, true],
  ['license', 'text', 'VARCHAR', false, true],
  ['language', 'text', 'VARCHAR', false, true],
  ['territory', 'text', 'VARCHAR[]', true, true],
  ['features', 'text', 'VARCHAR[]', true, true],
  ['modified', 'datetime', 'TIMESTAMPTZ'],
  ['data_processed', 'datetime', 'TIMESTAMPTZ'],
  ['records_count', 'int', 'BIGINT'],
  ['has_records', 'boolean', 'BOOLEAN'],
  ['_rid', 'int', 'BIGINT'],
];

export const CATALOG_FACETS = COLUMNS.filter((c) => c.at(4)).map((c) => c[0]);

/** The pseudo-dataset describing the catalog table to the ODSQL analyzer. */
export function catalogSearchDataset(): Dataset {
  const fields: Field[] = COLUMNS.filter(([n]) => n !== '_rid').map(([name, type, , multivalued, facet]) => ({
    name, label: name, type, description: null,
    annotations: { ...(multivalued ? { multivalued: ',' } : {}), ...(facet ? { facet: true } : {}) },
  }));
  const now = new Date(0).toISOString();
  return {
    dataset_uid: 'catalog', dataset_id: 'catalog', table: CATALOG_TABLE, fields, has_records: true,
    is_restricted: false, is_published: true, created: now, data_version: 0,
    metas: { default: { title: 'Catalog' } as Dataset['metas']['default'], dcat: {} as Dataset['metas']['dcat'] },
  };
}

/**
 * The catalog seen through feature masks, for callers whose rules hide a dataset's geo or date
 * fields (or its rows): every row appears once per mask, with the masked features dropped, and a
 * hidden FEATURES_MASK field the caller's access filter uses to pick one row per dataset. Callers
 * without rules keep the plain table.
 */
export function catalogMaskedDataset(): Dataset {
  const ds = catalogSearchDataset();
  return { ...ds, table: CATALOG_MASKED_VIEW, fields: [...ds.fields, { name: FEATURES_MASK, label: FEATURES_MASK, type: 'text', description: null, annotations: {} }] };
}

/** The mask key of the features a caller's view drops: sorted, comma-joined, '' for none. */
export function featuresMask(all: string[], shown: string[]): string {
  const keep = new Set(shown);
  return all.filter((f) => !keep.has(f)).sort().join(',');
}

function subsets(xs: string[]): string[][] {
  return xs.reduce<string[][]>((acc, x) => [...acc, ...acc.map((s) => [...s, x])], [[]]);
}

export function featuresOf(ds: Dataset): string[] {
  const types = new Set(ds.fields.map((f) => f.type));
  const out: string[] = [];
  if (types.has('geo_point_2d') || types.has('geo_shape')) out.push('geo');
  if (ds.has_records) out.push('analyze');
  if (types.has('date') || types.has('datetime')) out.push('timeserie');
  if (ds.is_live) out.push('realtime');
  return out;
}

async function writeRow(tx: WriteTx, d: Dialect, ds: Dataset, rid: number): Promise<void> {
  const m = ds.metas.default;
  await tx.exec(`DELETE FROM ${CATALOG_TABLE} WHERE dataset_id = ?`, [ds.dataset_id]);
  const list = (xs: string[]) => JSON.stringify(xs ?? []);
  const l = d.textListFromJson('?');
  await tx.exec(
    `INSERT INTO ${CATALOG_TABLE} VALUES (?, ?, ?, ?, ${l}, ${l}, ?, ?, ?, ${l}, ${l}, CAST(? AS TIMESTAMPTZ), CAST(? AS TIMESTAMPTZ), ?, ?, ?)`,
    [ds.dataset_id, ds.dataset_uid, m.title, stripTags(m.description ?? ''), list(m.theme), list(m.keyword), m.publisher,
      m.license, m.language, list(m.territory), list(featuresOf(ds)), m.modified, m.data_processed, m.records_count,
      ds.has_records, rid],
  );
}

export function stripTags(html: string): string {
  return html.replace(/<[^>]*>/g, ' ').replace(/&nbsp;/g, ' ').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/\s+/g, ' ').trim();
}

/** Creates the table, fills it from the catalog and keeps it in step with every change. */
export async function attachSearchTable(backend: Backend, catalog: Catalog): Promise<void> {
  const cols = COLUMNS.map(([n, , sql]) => `"${n}" ${sql}`).join(', ');
  const d = dialectFor(backend);
  const all = catalog.list();
  await backend.write(async (tx) => {
    await tx.exec(`DROP VIEW IF EXISTS ${CATALOG_MASKED_VIEW}`);
    await tx.exec(`DROP TABLE IF EXISTS ${CATALOG_TABLE}`);
    await tx.exec(`CREATE TABLE ${CATALOG_TABLE} (${cols})`);
    let i = 0;
    for (const ds of all) await writeRow(tx, d, ds, ++i);
    // Mask lists are constants built here from FEATURES, not caller input.
    const masks = subsets(FEATURES).map((m) => `('${m.join(',')}', CAST(ARRAY[${m.map((f) => `'${f}'`).join(', ')}] AS VARCHAR[]))`).join(', ');
    const shown = COLUMNS.map(([n]) => (n === 'features' ? `${d.listWithout('t.features', 'm.dropped')} AS features` : `t."${n}"`)).join(', ');
    await tx.exec(`CREATE VIEW ${CATALOG_MASKED_VIEW} AS SELECT ${shown}, m.mask AS "${FEATURES_MASK}" FROM ${CATALOG_TABLE} t CROSS JOIN (VALUES ${masks}) AS m(mask, dropped)`);
  });
  let next = all.length;
  // A change made by another process was written to this table there.
  catalog.onChange((ds, id, origin) => origin === 'remote' ? undefined :
    backend.write(async (tx) => {
      if (ds) await writeRow(tx, d, ds, ++next);
      else await tx.exec(`DELETE FROM ${CATALOG_TABLE} WHERE dataset_id = ?`, [id]);
    }));
}
