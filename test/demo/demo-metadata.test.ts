// The demo catalog reads as a city's portal: every dataset has a standard theme, a publisher, a licence
// with its URL and a reference; its period (dcat.temporal) is the min/max of its own date field as DuckDB
// reads it from the source file (vega-datasets, or the synthetic CSV written out); synthetic sets say so.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DATASETS, DEMO_PORTAL_NAME, isDemoCatalog, loadDemoCatalog, SYNTHETIC_CSV, vegaFile } from '../../src/demo/index.ts';
import { closePortal, openPortal } from '../../src/server/portal.ts';
import type { AppContext } from '../../src/server/context.ts';

const dir = mkdtempSync(join(tmpdir(), 'agora-demo-meta-'));
let ctx: AppContext;
beforeAll(async () => {
  ctx = await openPortal({ dataDir: join(dir, 'data') });
  await loadDemoCatalog(ctx.catalog);
}, 120_000);
afterAll(async () => {
  await closePortal(ctx);
  rmSync(dir, { recursive: true, force: true });
});

/** Themes of the Opendatasoft standard list (English labels). */
const ODS_THEMES = new Set(['Administration, Government, Public finances, Citizenship', 'Economy, Business, SME, Economic development, Employment',
  'Environment', 'Transport, Movements', 'Health', 'Culture, Heritage', 'Education, Training, Research, Teaching',
  'Spatial planning, Town planning, Buildings, Equipment, Housing', 'Services, Social', 'Sports, Leisure', 'Justice, Safety, Police, Crime']);

/** The source file of a demo dataset as DuckDB should read it: the vega-datasets file, or the synthetic CSV. */
function sourceFile(id: string): { path: string; reader: string } | null {
  const d = DEMO_DATASETS.find((x) => x.id === id)!;
  if (d.source.kind === 'synthetic') {
    const path = join(dir, `${id}.csv`);
    writeFileSync(path, SYNTHETIC_CSV[d.source.generator]());
    return { path, reader: 'read_csv' };
  }
  if (d.source.kind === 'vega') return { path: vegaFile(d.source.file), reader: d.source.file.endsWith('.json') ? 'read_json' : 'read_csv' };
  return null;
}

/** min and max of a column, as text, straight from the source file (DuckDB identifiers are case-insensitive). */
async function sourceSpan(file: { path: string; reader: string }, column: string): Promise<[string, string]> {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  try {
    const q = `SELECT min("${column.replace(/"/g, '""')}")::VARCHAR, max("${column.replace(/"/g, '""')}")::VARCHAR FROM ${file.reader}(?)`;
    const [lo, hi] = (await c.runAndReadAll(q, [file.path])).getRows()[0];
    return [String(lo), String(hi)];
  } finally { c.closeSync(); db.closeSync(); }
}

describe('the demo catalog as a city portal', () => {
  it('is branded as a fictional city when it is the catalog served', () => {
    expect(DEMO_PORTAL_NAME).toMatch(/City of Northbridge/);
    expect(isDemoCatalog(ctx.catalog)).toBe(true);
  });

  it('gives every dataset a standard theme, a publisher, a licence with its URL and a reference', () => {
    for (const d of ctx.catalog.list()) {
      const m = d.metas.default;
      expect(m.theme.length, d.dataset_id).toBeGreaterThan(0);
      for (const t of m.theme) expect(ODS_THEMES.has(t), `${d.dataset_id}: ${t}`).toBe(true);
      expect(m.publisher, d.dataset_id).toBeTruthy();
      expect(m.license, d.dataset_id).toBeTruthy();
      expect(m.license_url, d.dataset_id).toMatch(/^https:\/\//);
      const synthetic = DEMO_DATASETS.find((x) => x.id === d.dataset_id)!.synthetic;
      if (!synthetic) {
        expect(m.references, d.dataset_id).toMatch(/^https:\/\//);
        expect(m.publisher, d.dataset_id).toMatch(/ via Vega project \(vega-datasets package\)$/);
      }
    }
    expect(new Set(ctx.catalog.list().flatMap((d) => d.metas.default.theme)).size).toBeGreaterThanOrEqual(4);
  });

  it('states the data period of every dataset with a date field: the min/max of that field in the source file', async () => {
    for (const d of ctx.catalog.list()) {
      const demo = DEMO_DATASETS.find((x) => x.id === d.dataset_id)!;
      const temporal = d.fields.filter((f) => f.type === 'date' || f.type === 'datetime');
      if (!demo.period) {
        expect(temporal.map((f) => f.name), `${d.dataset_id} has date fields but no period`).toEqual([]);
        expect(d.metas.dcat.temporal, d.dataset_id).toBeNull();
        continue;
      }
      expect(d.fields.map((f) => f.name), d.dataset_id).toContain(demo.period.field);
      expect(d.metas.dcat.temporal, d.dataset_id).toBe(`${demo.period.start}/${demo.period.end}`);
      // The last update shown is the data's own (the period's last day), not the import date.
      expect(d.metas.default.modified?.slice(0, 4), d.dataset_id).toBe(demo.period.end.slice(0, 4));
      expect(d.metas.default.modified_updates_on_data_change, d.dataset_id).toBe(false);
      const file = sourceFile(d.dataset_id);
      let lo: string, hi: string;
      if (file) [lo, hi] = await sourceSpan(file, demo.period.field);
      else {
        // USGS GeoJSON: `time` in epoch milliseconds in the source's properties.
        const quakes = JSON.parse(readFileSync(vegaFile('earthquakes.json'), 'utf8')) as { features: Array<{ properties: { time: number } }> };
        const times = quakes.features.map((f) => f.properties.time);
        [lo, hi] = [new Date(Math.min(...times)).toISOString(), new Date(Math.max(...times)).toISOString()];
      }
      // The period is written at the precision of the data (a day, or a year for the budget).
      expect(lo.slice(0, demo.period.start.length), `${d.dataset_id} start`).toBe(demo.period.start);
      expect(hi.slice(0, demo.period.end.length), `${d.dataset_id} end`).toBe(demo.period.end);
    }
  });

  it('labels the synthetic sets in title, description and keywords, and only them', () => {
    const synthetic = ctx.catalog.list().filter((d) => DEMO_DATASETS.find((x) => x.id === d.dataset_id)!.synthetic);
    expect(synthetic.map((d) => d.dataset_id).sort()).toEqual(['bike-counters-synthetic', 'city-air-sensors-synthetic', 'city-budget-synthetic', 'parking-occupancy-synthetic']);
    for (const d of ctx.catalog.list()) {
      const m = d.metas.default;
      const labelled = /SYNTHETIC demo data/.test(m.title ?? '') && /Synthetic data generated by Agora/.test(m.description ?? '') && m.keyword.includes('synthetic');
      expect(labelled, d.dataset_id).toBe(synthetic.includes(d));
      expect(/synthetic/i.test(`${m.title} ${m.description} ${m.keyword.join(' ')}`), d.dataset_id).toBe(synthetic.includes(d));
    }
  });
});
