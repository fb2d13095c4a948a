// -0.0 keeps its sign through an import on whichever store runs the suite (the PostgreSQL run moves
// the typed table in through Parquet, whose dictionaries take -0.0 for 0.0 in repetitive columns).
// atan2(v, -1) is -π for -0.0 and π for 0.0 on both engines (IEEE 754), so the check reads the sign.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closePortal, openPortal } from '../../src/server/portal.ts';
import { importDataset } from '../../src/ingest/index.ts';
import type { AppContext } from '../../src/server/context.ts';

let ctx: AppContext;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'agora-zero-'));
  ctx = await openPortal({ inMemory: true });
});
afterAll(async () => { await closePortal(ctx); rmSync(dir, { recursive: true, force: true }); });

it('keeps -0.0 apart from 0.0 in a column of 300 repeated zeros, on create and on append', async () => {
  const file = join(dir, 'z.csv');
  writeFileSync(file, ['k,v', ...Array.from({ length: 300 }, (_, i) => `${i},${i % 3 === 0 ? '-0.0' : '0.0'}`)].join('\n'));
  await importDataset(ctx.catalog, { source: file, datasetId: 'zeros', mode: 'create' });
  const negatives = async () => Number((await ctx.backend.query(`SELECT count(*) AS n FROM "${ctx.catalog.get('zeros').table}" WHERE atan2(v, -1) < 0`))[0].n);
  expect(await negatives()).toBe(100);
  await importDataset(ctx.catalog, { source: file, datasetId: 'zeros', mode: 'append' });
  expect(await negatives()).toBe(200);
});
