// The two records-page shapes of bench:api, shared by the server side (the hand-written SQL run by
// DuckDB alone) and the load generator process (the HTTP paths); request i gets its own literals.
import { RECORD_ID_COLUMN } from '../src/core/physical.ts';

export interface PageShape {
  label: string;
  /** The Explore API query string of request i. */
  query: (i: number) => { where: string; order_by: string; limit: string };
  /** The same page and its total_count written by hand for DuckDB: SQL with `${table}` and the bound values. */
  sql: (table: string) => { page: string; count: string };
  /** The same pair for PostgreSQL (table bench_flights), and the indexes a DBA would add for it. */
  pg: { page: string; count: string; indexes: string[] };
  params: (i: number) => unknown[];
}

const at = (ms: number) => new Date(ms).toISOString().slice(0, 19) + 'Z';
/** A 24-hour window starting at a different minute for every request (no two requests alike). */
const windowStart = (i: number) => Date.UTC(2001, 0, 1) + (i % 250_000) * 60_000;
const rid = `"${RECORD_ID_COLUMN}"`;

export const PAGE_SHAPES: Record<'a' | 'b', PageShape> = {
  a: {
    label: '(a) where distance > X and origin = "ATL", order_by date',
    query: (i) => ({ where: `distance > ${200 + (i % 2000)} and origin = "ATL"`, order_by: 'date', limit: '20' }),
    sql: (t) => ({
      page: `SELECT * FROM "${t}" WHERE distance > ? AND origin = 'ATL' ORDER BY date, ${rid} LIMIT 20`,
      count: `SELECT count(*) FROM "${t}" WHERE distance > ? AND origin = 'ATL'`,
    }),
    pg: {
      page: `SELECT * FROM bench_flights WHERE distance > $1 AND origin = 'ATL' ORDER BY date, _rid LIMIT 20`,
      count: `SELECT count(*) FROM bench_flights WHERE distance > $1 AND origin = 'ATL'`,
      indexes: ['CREATE INDEX ON bench_flights (origin, date, _rid)', 'CREATE INDEX ON bench_flights (origin, distance)'],
    },
    params: (i) => [200 + (i % 2000)],
  },
  b: {
    label: '(b) where a 24-hour date window, order_by distance desc',
    query: (i) => ({ where: `date >= date'${at(windowStart(i))}' and date < date'${at(windowStart(i) + 86_400_000)}'`, order_by: 'distance desc', limit: '20' }),
    sql: (t) => ({
      page: `SELECT * FROM "${t}" WHERE date >= ?::TIMESTAMPTZ AND date < ?::TIMESTAMPTZ ORDER BY distance DESC, ${rid} LIMIT 20`,
      count: `SELECT count(*) FROM "${t}" WHERE date >= ?::TIMESTAMPTZ AND date < ?::TIMESTAMPTZ`,
    }),
    pg: {
      page: `SELECT * FROM bench_flights WHERE date >= $1::timestamptz AND date < $2::timestamptz ORDER BY distance DESC, _rid LIMIT 20`,
      count: `SELECT count(*) FROM bench_flights WHERE date >= $1::timestamptz AND date < $2::timestamptz`,
      indexes: ['CREATE INDEX ON bench_flights (date) INCLUDE (distance)'],
    },
    params: (i) => [at(windowStart(i)), at(windowStart(i) + 86_400_000)],
  },
};

export const RECORDS_PATH = '/api/explore/v2.1/catalog/datasets/flights/records';
export const LOAD = { connections: 32, seconds: 10 };
