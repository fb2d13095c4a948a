// What a block may name in the catalog: a dataset by id, its fields (of given types), and ODSQL
// that must compile against it. Checked when a page is saved, by the same plan stage the API uses.
import type { AgoraError } from '../core/errors.ts';
import type { RecordsQuery } from '../core/request.ts';
import type { Dataset, Field, FieldType } from '../core/types.ts';
import { compileRecords, duckdbDialect } from '../plan/index.ts';
import { invalid } from './read.ts';

export interface DataEnv {
  dataset(id: string, at: string): Dataset;
  field(ds: Dataset, name: string, at: string, types?: readonly FieldType[]): Field;
  /** Compiles the query as the records endpoint would; a refusal names `at` and the ODSQL error.
   *  `aggregated`: the select is one group (aggregates, no group_by) or groups. */
  query(ds: Dataset, q: Partial<RecordsQuery>, at: string): { aggregated: boolean };
}

export function catalogEnv(find: (id: string) => Dataset | undefined): DataEnv {
  return {
    dataset(id, at) {
      const ds = find(id);
      if (!ds) throw invalid(at, `no dataset "${id}" in the catalog`);
      return ds;
    },
    field(ds, name, at, types) {
      const f = ds.fields.find((x) => x.name === name);
      if (!f) throw invalid(at, `dataset ${ds.dataset_id} has no field "${name}"`);
      if (types && !types.includes(f.type)) throw invalid(at, `field "${name}" of ${ds.dataset_id} is ${f.type}; expected ${types.join(' or ')}`);
      return f;
    },
    query(ds, q, at) {
      try {
        return { aggregated: compileRecords(ds, { where: [], refine: [], exclude: [], ...q }, { mode: 'records', access: {}, dialect: duckdbDialect }).grouped };
      } catch (e) {
        const cause = (e as AgoraError).details?.cause ?? (e as Error).message;
        throw invalid(at, String(cause));
      }
    },
  };
}
