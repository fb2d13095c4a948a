// Shared set-up of the governance tests: an in-memory portal whose data directory (uploads, staged
// files) is a fresh temp dir, with datasets imported from CSV text, some of them restricted.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importDataset } from '../../src/ingest/index.ts';
import { openPortal } from '../../src/server/portal.ts';
import type { AppContext } from '../../src/server/context.ts';

export interface CsvDataset { id: string; csv: string; title?: string; restricted?: boolean }

export async function csvPortal(prefix: string, datasets: CsvDataset[]): Promise<{ ctx: AppContext; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), `agora-${prefix}-`));
  const ctx = await openPortal({ inMemory: true, dataDir: dir, baseUrl: 'http://portal.test' });
  for (const d of datasets) {
    const file = join(dir, `${d.id}.csv`);
    writeFileSync(file, d.csv);
    await importDataset(ctx.catalog, { source: file, datasetId: d.id, title: d.title, mode: 'create' });
    if (d.restricted) await ctx.catalog.updateFlags(d.id, { is_restricted: true });
  }
  return { ctx, dir };
}
