// A small hand-made dataset in an in-memory DuckDB, laid out as src/core/physical.ts says, for
// engine tests: compiled ODSQL runs here and is compared with hand-written SQL on the same table.
import { physicalColumns } from '../../src/core/physical.ts';
import type { Dataset, Field, FieldType } from '../../src/core/types.ts';
import { DuckDBBackend } from '../../src/storage/duckdb/index.ts';

const f = (name: string, type: FieldType, annotations: Field['annotations'] = {}): Field => ({ name, label: name.toUpperCase(), type, description: null, annotations });

export const FIELDS: Field[] = [
  f('name', 'text'), f('city', 'text', { facet: true }), f('species', 'text'), f('height', 'double'), f('age', 'int'),
  f('planted', 'date'), f('measured', 'datetime'), f('public', 'boolean'), f('geo', 'geo_point_2d'), f('shape', 'geo_shape'),
  f('tags', 'text', { multivalued: ',' }), f('date', 'date'), f('info', 'json_blob'), f('secret', 'text'),
];

export function dataset(table = 'rec_trees'): Dataset {
  return {
    dataset_uid: 'da_test', dataset_id: 'trees', table, fields: FIELDS,
    metas: { default: {} as never, dcat: {} as never }, has_records: true, is_restricted: false, is_published: true,
    created: '2021-01-01T00:00:00Z', data_version: 1,
  };
}

type Row = {
  name: string; city: string | null; species: string | null; height: number | null; age: number | null; planted: string | null;
  measured: string | null; public: boolean | null; geo: [number, number] | null; shape: string | null; tags: string[] | null; date: string | null; secret: string;
};

const sq = (x: [number, number], r: number) => ({ type: 'Polygon', coordinates: [[[x[0] - r, x[1] - r], [x[0] + r, x[1] - r], [x[0] + r, x[1] + r], [x[0] - r, x[1] + r], [x[0] - r, x[1] - r]]] });

// Paris landmarks (lon, lat) give hand-checkable distances.
export const ROWS: Row[] = [
  { name: 'Platane du Boulevard de Sébastopol', city: 'Paris', species: 'Platanus', height: 25.5, age: 120, planted: '1901-03-15', measured: '2021-09-01T22:30:00Z', public: true, geo: [2.3499, 48.8606], shape: JSON.stringify(sq([2.3499, 48.8606], 0.001)), tags: ['remarkable', 'old'], date: '2021-09-01', secret: 's1' },
  { name: 'Chêne de la Tour Eiffel', city: 'Paris', species: 'Quercus', height: 18, age: 80, planted: '1941-11-02', measured: '2021-09-02T08:00:00Z', public: true, geo: [2.2945, 48.8584], shape: JSON.stringify(sq([2.2945, 48.8584], 0.002)), tags: ['old'], date: '2021-09-02', secret: 's2' },
  { name: 'Tilleul du Louvre', city: 'Paris', species: 'Tilia', height: 12.25, age: 35, planted: '1986-05-20', measured: '2021-10-15T12:00:00Z', public: false, geo: [2.3376, 48.8606], shape: JSON.stringify({ type: 'Point', coordinates: [2.3376, 48.8606] }), tags: [], date: '2021-10-15', secret: 's3' },
  { name: 'Marronnier de Notre-Dame', city: 'Paris', species: 'Aesculus', height: 20, age: 150, planted: '1871-04-01', measured: '2020-12-31T23:30:00Z', public: true, geo: [2.3499, 48.853], shape: null, tags: ['remarkable'], date: '2020-12-31', secret: 's4' },
  { name: 'Platane de la Place Bellecour', city: 'Lyon', species: 'Platanus', height: 30, age: 200, planted: '1821-06-06', measured: '2021-01-01T00:30:00Z', public: true, geo: [4.8320, 45.7578], shape: JSON.stringify(sq([4.832, 45.7578], 0.003)), tags: ['remarkable', 'tall'], date: '2021-01-01', secret: 's5' },
  { name: 'Cèdre du Parc de la Tête d\'Or', city: 'Lyon', species: 'Cedrus', height: 22.75, age: 140, planted: '1881-09-09', measured: '2021-06-21T10:00:00Z', public: false, geo: [4.8516, 45.7772], shape: null, tags: null, date: null, secret: 's6' },
  { name: 'Film tree of Marseille', city: 'Marseille', species: null, height: null, age: null, planted: null, measured: null, public: null, geo: null, shape: null, tags: ['films'], date: null, secret: 's7' },
  { name: 'The book of secrets', city: 'Marseille', species: 'Pinus', height: 9, age: 12, planted: '2009-02-28', measured: '2021-03-31T23:59:59Z', public: true, geo: [5.3698, 43.2965], shape: null, tags: ['filming'], date: '2021-03-31', secret: 's8' },
  { name: 'Olivier de Nice', city: 'Nice', species: 'Olea', height: 6.5, age: 300, planted: '1721-01-01', measured: '2021-09-30T21:59:59Z', public: true, geo: [7.2620, 43.7102], shape: JSON.stringify(sq([7.262, 43.7102], 0.01)), tags: ['old', 'remarkable'], date: '2021-09-30', secret: 's9' },
  { name: 'Action movies tree', city: null, species: 'Platanus', height: 14, age: 60, planted: '1961-07-14', measured: '2021-09-15T00:00:00Z', public: false, geo: [2.3522, 48.8566], shape: null, tags: null, date: '2021-09-15', secret: 's10' },
];

export async function openFixture(table = 'rec_trees'): Promise<DuckDBBackend> {
  const db = new DuckDBBackend({ dataDir: null, readPoolSize: 1, threads: 1 });
  await db.open();
  const sqlType: Record<string, string> = { text: 'VARCHAR', bigint: 'BIGINT', double: 'DOUBLE', boolean: 'BOOLEAN', date: 'DATE', timestamptz: 'TIMESTAMPTZ', json: 'JSON' };
  const cols = ['"_rid" BIGINT'];
  for (const field of FIELDS) {
    for (const c of physicalColumns(field)) cols.push(`"${c.name}" ${field.annotations.multivalued ? 'VARCHAR[]' : sqlType[c.sqlType]}`);
  }
  await db.write(async (tx) => {
    await tx.exec(`CREATE TABLE "${table}" (${cols.join(', ')})`);
    for (const [i, r] of ROWS.entries()) {
      const shape = r.shape ? JSON.parse(r.shape) : null;
      const pts: number[][] = shape ? (shape.type === 'Point' ? [shape.coordinates] : shape.coordinates.flat()) : [];
      const bb = pts.length ? [Math.min(...pts.map((p) => p[0])), Math.min(...pts.map((p) => p[1])), Math.max(...pts.map((p) => p[0])), Math.max(...pts.map((p) => p[1]))] : [null, null, null, null];
      const centre = pts.length ? [((bb[0] as number) + (bb[2] as number)) / 2, ((bb[1] as number) + (bb[3] as number)) / 2] : [null, null];
      const values = [
        i + 1, r.name, r.city, r.species, r.height, r.age, r.planted, r.measured, r.public, r.geo?.[0] ?? null, r.geo?.[1] ?? null,
        r.shape, centre[0], centre[1], bb[0], bb[1], bb[2], bb[3], r.tags === null ? null : JSON.stringify(r.tags), r.date, r.name === 'Tilleul du Louvre' ? '{"a": [1, 2]}' : null, r.secret,
      ];
      const ph = values.map((v, k) => (k === 18 ? 'CAST(CAST(? AS JSON) AS VARCHAR[])' : k === 6 || k === 19 ? 'CAST(? AS DATE)' : k === 7 ? 'CAST(? AS TIMESTAMPTZ)' : '?'));
      await tx.exec(`INSERT INTO "${table}" VALUES (${ph.join(', ')})`, values as never);
    }
  });
  return db;
}
