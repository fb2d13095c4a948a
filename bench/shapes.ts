// The exact-geometry case of bench:api (issue 16): intersects() of a star polygon with 100,000
// L-shaped cells (a geo_shape field whose bounding boxes tile the plane, so bboxes alone over-count),
// as a records page with its total_count over HTTP, beside the same page and count with the former
// bbox-only SQL and the bbox candidate count run by DuckDB alone. The star moves a little each run so
// no cache answers; a last row asks the same star for other pages (an app polling: the shape answer is
// remembered). Called by bench/api.ts; `node bin/run-ts.js bench/shapes.ts` runs it on its own.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AppContext } from '../src/server/context.ts';
import { compileRecords } from '../src/plan/index.ts';
import { importDataset } from '../src/ingest/index.ts';

const RUNS = 9;
const SIDE = 316; // 99,856 cells
const CELL = 0.05;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function cells(): string {
  const features: string[] = [];
  for (let i = 0; i < SIDE; i++) {
    for (let j = 0; j < SIDE; j++) {
      const x = -8 + i * CELL, y = 42 + j * CELL, h = CELL / 2;
      // An L: the cell less its top-right quarter.
      const ring = [[x, y], [x + CELL, y], [x + CELL, y + h], [x + h, y + h], [x + h, y + CELL], [x, y + CELL], [x, y]];
      features.push(`{"type":"Feature","properties":{"cell":${i * SIDE + j}},"geometry":{"type":"Polygon","coordinates":[${JSON.stringify(ring)}]}}`);
    }
  }
  return `{"type":"FeatureCollection","features":[${features.join(',')}]}`;
}

/** A 12-pointed star around (cx, cy): outer radius r, inner r / 2. */
function star(cx: number, cy: number, r: number): string {
  const pts: string[] = [];
  for (let k = 0; k <= 24; k++) {
    const a = (Math.PI * 2 * (k % 24)) / 24, rr = k % 2 ? r / 2 : r;
    pts.push(`${(cx + rr * Math.cos(a)).toFixed(6)} ${(cy + rr * Math.sin(a)).toFixed(6)}`);
  }
  return `geom'POLYGON((${pts.join(', ')}))'`;
}

export async function benchShapes(ctx: AppContext, origin: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'agora-bench-shapes-'));
  writeFileSync(join(dir, 'cells.geojson'), cells());
  const t0 = performance.now();
  await importDataset(ctx.catalog, { source: join(dir, 'cells.geojson'), datasetId: 'cells', mode: 'create' });
  console.log(`exact geometry: ${(SIDE * SIDE).toLocaleString('en')} L-shaped cells imported in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const ds = ctx.catalog.get('cells');
  const base = `${origin}/api/explore/v2.1/catalog/datasets/cells/records`;
  for (const r of [0.5, 2]) {
    const where = (i: number) => `intersects(geo_shape, ${star(0 + i * 0.0011, 50 + i * 0.0007, r)})`;
    let exactTotal = 0, bboxTotal = 0;
    const http = async (i: number, offset = 0) => {
      const res = await fetch(`${base}?select=cell&limit=20&offset=${offset}&where=${encodeURIComponent(where(i))}`);
      if (res.status !== 200) throw new Error(await res.text());
      exactTotal = ((await res.json()) as { total_count: number }).total_count;
    };
    // The former SQL: the plan compiled without the exact step falls back to the bbox test.
    const bboxOnly = async (i: number) => {
      const c = compileRecords(ds, { select: 'cell', where: [where(i)], refine: [], exclude: [], limit: 20 }, { mode: 'records', access: {}, dialect: ctx.dialect });
      const [, n] = await Promise.all([ctx.backend.query(c.records.sql, c.records.params), ctx.backend.query(c.count.sql, c.count.params)]);
      bboxTotal = Number(n[0].total_count);
    };
    const box = (i: number) => ({ x0: i * 0.0011 - r, x1: i * 0.0011 + r, y0: 50 + i * 0.0007 - r, y1: 50 + i * 0.0007 + r });
    const duck = async (i: number) => {
      const b = box(i);
      await ctx.backend.query(`SELECT count(*) FROM "${ds.table}" WHERE geo_shape__xmax >= ? AND geo_shape__xmin <= ? AND geo_shape__ymax >= ? AND geo_shape__ymin <= ?`, [b.x0, b.x1, b.y0, b.y1]);
    };
    const sides = [http, bboxOnly, duck];
    const times: number[][] = sides.map(() => []);
    for (const f of sides) await f(-1);
    for (let i = 0; i < RUNS; i++) {
      for (let j = 0; j < sides.length; j++) {
        const k = (i + j) % sides.length;
        const t = performance.now();
        await sides[k]!(i);
        times[k]!.push(performance.now() - t);
      }
    }
    // Polling: the same star, other pages (the main query runs, the shape answer is remembered).
    const polled: number[] = [];
    for (let p = 1; p <= RUNS; p++) { const t = performance.now(); await http(RUNS - 1, p * 20); polled.push(performance.now() - t); }
    const [h, b, d] = times.map(median);
    console.log(`intersects(star r=${r}°): exact page + total over HTTP ${h.toFixed(1)} ms (total ${exactTotal}) | bbox-only SQL page + count ${b.toFixed(1)} ms (total ${bboxTotal}, wrong) | DuckDB alone bbox count ${d.toFixed(1)} ms`);
    console.log(`  exact ÷ bbox-only = ${(h / b).toFixed(1)}x, exact ÷ DuckDB alone = ${(h / d).toFixed(1)}x; same star, next pages (answer remembered): ${median(polled).toFixed(1)} ms`);
  }
  await ctx.catalog.delete('cells');
  rmSync(dir, { recursive: true, force: true });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { openPortal, closePortal } = await import('../src/server/portal.ts');
  const { buildApp } = await import('../src/server/app.ts');
  const dir = mkdtempSync(join(tmpdir(), 'agora-bench-shapes-data-'));
  process.env.AGORA_RATE_LIMIT_ANONYMOUS = 'off';
  const ctx = await openPortal({ dataDir: join(dir, 'data'), port: 0, baseUrl: 'http://127.0.0.1' });
  const app = await buildApp(ctx, { web: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  await benchShapes(ctx, `http://127.0.0.1:${(app.server.address() as { port: number }).port}`);
  await app.close();
  await closePortal(ctx);
  rmSync(dir, { recursive: true, force: true });
}
