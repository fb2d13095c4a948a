// Small fixture datasets for the end-to-end tests, written as files and imported through the
// public ingest API: street trees (points, dates, numbers, categories), districts (polygons),
// a budget without geography (no Map tab), meter readings (more rows than the records API pages).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const KINDS = ['Oak', 'Elm', 'Plane', 'Lime', 'Maple', 'Birch', 'Ash', 'Pine', 'Cherry', 'Chestnut', 'Willow', 'Poplar'];
export const TREE_COUNT = 2400;

export interface TreeRow { name: string; kind: string; height: number; planted: string; lon: number; lat: number; district: string }

export function treeRows(): TreeRow[] {
  const rows: TreeRow[] = [];
  for (let i = 0; i < TREE_COUNT; i++) {
    rows.push({
      name: `Tree ${String(i).padStart(4, '0')}`,
      // All twelve kinds, with unequal counts (523 down to 118): charts show the top 10 + "Other".
      kind: KINDS[Math.floor(KINDS.length * (((i * 37) % 101) / 101) ** 1.6)],
      height: 3 + ((i * 13) % 31),
      planted: new Date(Date.UTC(1998 + (i % 25), (i * 5) % 12, 1 + (i % 27))).toISOString().slice(0, 10),
      lon: Number((2.25 + ((i * 37) % 211) / 1000).toFixed(5)),
      lat: Number((48.81 + ((i * 53) % 101) / 1000).toFixed(5)),
      district: `District ${1 + (i % 4)}`,
    });
  }
  return rows;
}

export function writeTrees(dir: string): string {
  const path = join(dir, 'street-trees.csv');
  const lines = ['name,kind,height,planted,geo_point', ...treeRows().map((r) => `${r.name},${r.kind},${r.height},${r.planted},"${r.lat},${r.lon}"`)];
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

export function writeDistricts(dir: string): string {
  const path = join(dir, 'districts.geojson');
  const features = [0, 1, 2, 3].map((i) => {
    const x = 2.25 + (i % 2) * 0.1;
    const y = 48.81 + Math.floor(i / 2) * 0.05;
    return {
      type: 'Feature',
      properties: { name: `District ${i + 1}`, population: 10000 * (i + 1) + 1234 },
      geometry: { type: 'Polygon', coordinates: [[[x, y], [x + 0.1, y], [x + 0.1, y + 0.05], [x, y + 0.05], [x, y]]] },
    };
  });
  writeFileSync(path, JSON.stringify({ type: 'FeatureCollection', features }));
  return path;
}

export function writeBudget(dir: string): string {
  const path = join(dir, 'budget.csv');
  const rows = ['year,department,amount'];
  for (const year of [2019, 2020, 2021, 2022, 2023]) {
    for (const [d, base] of [['Parks', 1_200_000], ['Roads', 5_400_000], ['Schools', 9_100_000]] as const) rows.push(`${year},${d},${base + (year - 2019) * 100_000}`);
  }
  writeFileSync(path, `${rows.join('\n')}\n`);
  return path;
}

/** More records than the records API pages through (10,000): the table reaches the rest through the export. */
export const READING_COUNT = 12_345;

export function readingValue(i: number): number { return (i * 7919) % 100_003; }

export function writeReadings(dir: string): string {
  const path = join(dir, 'readings.csv');
  const rows = ['reading,meter,value'];
  for (let i = 0; i < READING_COUNT; i++) rows.push(`${i + 1},M-${String(i % 500).padStart(3, '0')},${readingValue(i)}`);
  writeFileSync(path, `${rows.join('\n')}\n`);
  return path;
}
