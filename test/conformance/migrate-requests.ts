// The Explore and Automation API requests migrate-postgres.test.ts asks of the embedded portal and of
// its copy on PostgreSQL (same bodies expected), and the stations CSV with tricky values (-0.0, 1e300).
import type { FastifyInstance } from 'fastify';

export const STATIONS = ['station;city;opened;bikes;rating;electric', 'A01;Paris;2020-01-05;12;4.5;true', 'B01;Lyon;2019-07-14;20;;true',
  'C01;Évry;2022-02-02;;-0.0;false', 'C02;"Saint-Denis; Nord";2022-05-06;9;1e300;false'].join('\n');

const API = '/api/explore/v2.1';
/** [url, api key name or null] */
const REQUESTS: Array<[string, string | null]> = [
  [`${API}/catalog/datasets?order_by=dataset_id&limit=100`, null],
  [`${API}/catalog/datasets/stations/records?order_by=station&limit=100`, null],
  [`${API}/catalog/datasets/stations/records?order_by=station&limit=100`, 'ana'],
  [`${API}/catalog/datasets/stations/records?select=city,avg(rating)%20as%20r&group_by=city&order_by=city`, null],
  [`${API}/catalog/datasets/points/records?order_by=nom&limit=100`, null],
  [`${API}/catalog/datasets/points/exports/geojson`, null],
  [`${API}/catalog/datasets/air/records?order_by=sensor_id&limit=100`, 'root'],
  ['/api/automation/v1.0/pages/', 'root'],
];

export type Answer = { status: number; body: string };

export async function answersOf(app: FastifyInstance, keys: Record<string, string>): Promise<Map<string, Answer>> {
  const out = new Map<string, Answer>();
  for (const [url, who] of REQUESTS) {
    const res = await app.inject({ url, headers: who ? { authorization: `Apikey ${keys[who]}` } : {} });
    out.set(`${who ?? '-'} ${url}`, { status: res.statusCode, body: res.body });
  }
  return out;
}
