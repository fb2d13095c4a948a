// The range filters' ODSQL and histogram queries against the real Explore API (Fastify inject):
// counts equal the demo's Seattle weather file filtered here by hand, odd field names included.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { openPortal, closePortal } from '../../src/server/portal.ts';
import { buildApp } from '../../src/server/app.ts';
import { importDataset } from '../../src/ingest/index.ts';
import { vegaFile } from '../../src/demo/index.ts';
import type { AppContext } from '../../src/server/context.ts';
import { countUrl, recordsUrl } from '../../web/src/api/dataset.ts';
import { NO_FILTERS, type Filters } from '../../web/src/state/filters.ts';
import type { RangeFilter } from '../../web/src/state/ranges.ts';
import { bucketGroupBy, dateStep, emptyBars, fillBars, numberWidth, type Bucketing } from '../../web/src/dataset/ranges/buckets.ts';

interface Day { date: string; precipitation: number; temp_max: number; weather: string }
const days: Day[] = readFileSync(vegaFile('seattle-weather.csv'), 'utf8').trim().split('\n').slice(1).map((line) => {
  const [date, precipitation, temp_max, , , weather] = line.split(',');
  return { date, precipitation: Number(precipitation), temp_max: Number(temp_max), weather };
});
const ODD = [{ and: 1.5, date: '2020-01-31' }, { and: -3, date: '2020-02-01' }, { and: 7, date: '2020-02-29' }, { and: 10, date: '2020-03-01' }];

let ctx: AppContext;
let app: FastifyInstance;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'agora-ranges-'));
  const odd = join(dir, 'odd.csv');
  writeFileSync(odd, `and,date\n${ODD.map((r) => `${r.and},${r.date}`).join('\n')}\n`);
  ctx = await openPortal({ inMemory: true, baseUrl: 'http://portal.test' });
  await importDataset(ctx.catalog, { source: vegaFile('seattle-weather.csv'), datasetId: 'seattle-weather', title: 'Seattle weather', mode: 'create' });
  await importDataset(ctx.catalog, { source: odd, datasetId: 'odd', title: 'Odd names', mode: 'create' });
  app = await buildApp(ctx);
});
afterAll(async () => { await app?.close(); if (ctx) await closePortal(ctx); rmSync(dir, { recursive: true, force: true }); });

async function count(id: string, f: Filters): Promise<number> {
  const r = await app.inject({ method: 'GET', url: countUrl(id, f) });
  expect(r.statusCode, r.body).toBe(200);
  return r.json().total_count;
}

const spring: RangeFilter = { field: 'date', kind: 'date', from: '2012-03-01', to: '2012-05-31' };
const mild: RangeFilter = { field: 'temp_max', kind: 'number', from: '10', to: '15.6' };

describe('range filters through the records API', () => {
  it('counts a date range with both days included', async () => {
    expect(await count('seattle-weather', { ...NO_FILTERS, ranges: [spring] })).toBe(days.filter((d) => d.date >= '2012-03-01' && d.date <= '2012-05-31').length);
    expect(days.filter((d) => d.date >= '2012-03-01' && d.date <= '2012-05-31').length).toBe(92);
  });

  it('combines a date range, a number range, a refinement and a where', async () => {
    const f: Filters = { ...NO_FILTERS, where: 'precipitation > 0', refine: [{ field: 'weather', value: 'rain' }], ranges: [spring, mild] };
    const expected = days.filter((d) => d.date >= '2012-03-01' && d.date <= '2012-05-31' && d.temp_max >= 10 && d.temp_max <= 15.6 && d.weather === 'rain' && d.precipitation > 0).length;
    expect(expected).toBeGreaterThan(0);
    expect(await count('seattle-weather', f)).toBe(expected);
  });

  it('handles open ends and negative bounds', async () => {
    const cold: RangeFilter = { field: 'temp_max', kind: 'number', from: '', to: '-0.5' };
    expect(await count('seattle-weather', { ...NO_FILTERS, ranges: [cold] })).toBe(days.filter((d) => d.temp_max <= -0.5).length);
    const from2015: RangeFilter = { field: 'date', kind: 'date', from: '2015-07-01', to: '' };
    expect(await count('seattle-weather', { ...NO_FILTERS, ranges: [from2015] })).toBe(days.filter((d) => d.date >= '2015-07-01').length);
  });

  it('quotes field names that are ODSQL keywords (`and`, `date`)', async () => {
    const f: Filters = { ...NO_FILTERS, ranges: [{ field: 'and', kind: 'number', from: '-3', to: '7' }, { field: 'date', kind: 'date', from: '2020-02-01', to: '2020-02-29' }] };
    expect(await count('odd', f)).toBe(ODD.filter((r) => r.and >= -3 && r.and <= 7 && r.date >= '2020-02-01' && r.date <= '2020-02-29').length);
  });
});

describe('histogram queries', () => {
  async function bars(field: string, b: Bucketing, min: string | number, max: string | number, f: Filters = NO_FILTERS) {
    const r = await app.inject({ method: 'GET', url: recordsUrl('seattle-weather', f, [['select', 'count(*) as n'], ['group_by', `${bucketGroupBy(field, b)} as b`], ['limit', 100]]) });
    expect(r.statusCode, r.body).toBe(200);
    return fillBars(emptyBars(min, max, b), r.json().results, b);
  }

  it('gives one bar per month with the month\'s day count', async () => {
    const b: Bucketing = { kind: 'date', step: dateStep('2012-01-01', '2015-12-31') };
    const got = await bars('date', b, '2012-01-01', '2015-12-31');
    expect(got).toHaveLength(48);
    expect(got.slice(0, 3).map((x) => [x.from, x.to, x.count])).toEqual([['2012-01-01', '2012-01-31', 31], ['2012-02-01', '2012-02-29', 29], ['2012-03-01', '2012-03-31', 31]]);
    // A bar's bounds as a range filter count exactly its records.
    expect(await count('seattle-weather', { ...NO_FILTERS, ranges: [{ field: 'date', kind: 'date', from: got[1].from, to: got[1].to }] })).toBe(29);
  });

  it('gives number bars that add up to the records with a value, under the other filters', async () => {
    const min = Math.min(...days.map((d) => d.temp_max));
    const max = Math.max(...days.map((d) => d.temp_max));
    const b: Bucketing = { kind: 'number', width: numberWidth(min, max, false) };
    const rain: Filters = { ...NO_FILTERS, refine: [{ field: 'weather', value: 'rain' }] };
    const got = await bars('temp_max', b, min, max, rain);
    expect(got.reduce((s, x) => s + x.count, 0)).toBe(days.filter((d) => d.weather === 'rain').length);
    const w = (b as { width: number }).width;
    const first = got.find((x) => x.count > 0)!;
    expect(first.count).toBe(days.filter((d) => d.weather === 'rain' && Math.floor(d.temp_max / w) * w === Number(first.from)).length);
  });
});
