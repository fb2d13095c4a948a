// The demo catalog loaded on first start: real open data shipped in the vega-datasets npm package,
// with titles, descriptions, themes, keywords, licences, publishers and periods, plus labelled synthetic sets.
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { feature } from 'topojson-client';
import type { Topology } from 'topojson-specification';
import type { Catalog } from '../catalog/index.ts';
import { applyMeta } from '../catalog/index.ts';
import { importDataset } from '../ingest/index.ts';
import { syntheticSensorCsv } from './sensors.ts';
import { syntheticBikeCountsCsv, syntheticBudgetCsv, syntheticParkingCsv } from './synthetic-city.ts';
import { DEMO_DATASETS, type DemoDataset } from './datasets.ts';
import type { SyntheticGenerator } from './types.ts';

export { DEMO_DATASETS } from './datasets.ts';
export { DEMO_PORTAL_NAME, isDemoCatalog } from './branding.ts';
export { startSensorSimulator, LIVE_DEMO_DATASET } from './simulator.ts';
export { loadDemoPages, DEMO_PAGES } from './pages.ts';

/** The CSV text of each synthetic dataset. */
export const SYNTHETIC_CSV: Record<SyntheticGenerator, () => string> = {
  sensors: () => syntheticSensorCsv(), budget: syntheticBudgetCsv, bikes: syntheticBikeCountsCsv, parking: syntheticParkingCsv,
};

const require = createRequire(import.meta.url);

/** A file of the vega-datasets package. Its `exports` hide package.json, so we go from its entry point (build/). */
export function vegaFile(name: string): string {
  return join(dirname(require.resolve('vega-datasets')), '..', 'data', name);
}

function prepareSource(d: DemoDataset, tmp: string): string {
  if (d.source.kind === 'vega') return vegaFile(d.source.file);
  if (d.source.kind === 'topojson') {
    const topo = JSON.parse(readFileSync(vegaFile(d.source.file), 'utf8')) as Topology;
    const fc = feature(topo, topo.objects[d.source.object]) as unknown as { features: Array<{ id?: string; properties: Record<string, unknown> | null }> };
    const idProperty = d.source.idProperty;
    for (const f of fc.features) f.properties = { [idProperty]: f.id ?? null, ...(f.properties ?? {}) };
    return writeTemp(tmp, `${d.id}.geojson`, JSON.stringify(fc));
  }
  if (d.source.kind === 'earthquakes') return writeTemp(tmp, `${d.id}.geojson`, JSON.stringify(earthquakes(vegaFile(d.source.file))));
  return writeTemp(tmp, `${d.id}.csv`, SYNTHETIC_CSV[d.source.generator]());
}

function writeTemp(dir: string, name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** USGS features with readable properties: time as ISO datetime, depth from the third coordinate. */
function earthquakes(file: string): unknown {
  const src = JSON.parse(readFileSync(file, 'utf8')) as { features: Array<{ properties: Record<string, unknown>; geometry: { type: string; coordinates: number[] } }> };
  return {
    type: 'FeatureCollection',
    features: src.features.map((f) => {
      const p = f.properties;
      const [lon, lat, depth] = f.geometry.coordinates;
      return {
        type: 'Feature', geometry: { type: 'Point', coordinates: [lon, lat] },
        properties: { title: p.title, place: p.place, mag: p.mag, magtype: p.magType, depth_km: depth, time: new Date(Number(p.time)).toISOString(), type: p.type, tsunami: p.tsunami === 1, significance: p.sig, url: p.url },
      };
    }),
  };
}

/** Imports every demo dataset that is not there yet; returns how many datasets were loaded. */
export async function loadDemoCatalog(catalog: Catalog, log: (m: string) => void = () => undefined): Promise<number> {
  const tmp = mkdtempSync(join(tmpdir(), 'agora-demo-'));
  let loaded = 0;
  try {
    for (const d of DEMO_DATASETS) {
      if (catalog.find(d.id)) continue;
      const summary = await importDataset(catalog, { source: prepareSource(d, tmp), datasetId: d.id, title: d.metas.title as string, mode: 'create' });
      let metas = summary.dataset.metas;
      // `modified` is the end of the data's own period (a publisher-set date), not the import date.
      const period = d.period ? { 'dcat.temporal': `${d.period.start}/${d.period.end}`, modified: /^\d{4}$/.test(d.period.end) ? `${d.period.end}-12-31` : d.period.end } : {};
      for (const [key, value] of Object.entries({ ...d.metas, ...period })) metas = applyMeta(metas, key.startsWith('dcat.') ? 'dcat' : 'default', key.replace(/^dcat\./, ''), value);
      await catalog.updateMetas(d.id, metas);
      if (d.facets) {
        const ds = catalog.get(d.id);
        await catalog.updateFields(d.id, ds.fields.map((f) => (d.facets!.includes(f.name) ? { ...f, annotations: { ...f.annotations, facet: true } } : f)));
      }
      log(`${d.id}: ${summary.rowsLoaded} records`);
      loaded++;
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return loaded;
}
