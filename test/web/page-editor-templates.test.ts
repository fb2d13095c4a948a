// The page templates over real datasets (imported from the e2e fixture files) are accepted by the
// server's own page reader (readContent against the catalog), and hold the blocks they promise.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { openPortal, closePortal } from '../../src/server/portal.ts';
import { importDataset } from '../../src/ingest/index.ts';
import { catalogEnv, readContent } from '../../src/pages/index.ts';
import type { AppContext } from '../../src/server/context.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeBudget, writeTrees } from '../e2e/support/fixtures.ts';
import { fromTemplate, newBlock } from '../../web/src/admin/pages/templates.ts';
import { BLOCK_TYPES, type CatalogDataset } from '../../web/src/admin/pages/model.ts';

let ctx: AppContext;
let dir: string;
const catalog = (id: string): CatalogDataset => {
  const d = ctx.catalog.get(id);
  return { dataset_id: d.dataset_id, title: id, fields: d.fields.map((f) => ({ name: f.name, label: f.label, type: f.type })) };
};
const env = () => catalogEnv((id) => ctx.catalog.find(id));

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'agora-templates-'));
  ctx = await openPortal({ inMemory: true, dataDir: dir, baseUrl: 'http://portal.test' });
  await importDataset(ctx.catalog, { source: writeTrees(dir), datasetId: 'street-trees', mode: 'create' });
  await importDataset(ctx.catalog, { source: writeBudget(dir), datasetId: 'city-budget', mode: 'create' });
});
afterAll(async () => { if (ctx) await closePortal(ctx); rmSync(dir, { recursive: true, force: true }); });

describe('templates the server accepts', () => {
  it('city dashboard over street trees: two KPIs, a chart, a map, a table and a filter', () => {
    const c = readContent(fromTemplate('dashboard', 'Trees', catalog('street-trees')), env());
    expect(c.blocks.map((b) => b.type)).toEqual(['kpi', 'kpi', 'chart', 'map', 'table']);
    // Grouped by the kind of tree, not by each tree's name.
    expect(c.filters.map((f) => f.field)).toEqual(['kind']);
  });
  it('city dashboard over a budget without geography: no map', () => {
    const c = readContent(fromTemplate('dashboard', 'Budget', catalog('city-budget')), env());
    expect(c.blocks.map((b) => b.type)).not.toContain('map');
    expect(c.blocks.map((b) => b.type)).toContain('chart');
  });
  it.each(['street-trees', 'city-budget'])('one-dataset story over %s', (id) => {
    const c = readContent(fromTemplate('story', 'Story', catalog(id)), env());
    expect(c.blocks.map((b) => b.type)).toEqual(['text', 'chart', 'text', 'table']);
  });
  it.each(['dashboard', 'story'] as const)('the %s in French over street trees, with French titles', (name) => {
    const c = readContent(fromTemplate(name, 'Arbres', catalog('street-trees'), 'fr'), env());
    expect(c.blocks.filter((b) => b.type === 'table').map((b) => b.title)).toEqual(['Derniers enregistrements']);
  });
  it('blank', () => expect(readContent(fromTemplate('blank', 'Empty', undefined), env()).blocks).toEqual([]));
  it.each(BLOCK_TYPES.filter((t) => t !== 'image'))('a new %s block over street trees', (type) => {
    const c = readContent({ title: 'x', blocks: [newBlock(type, 'n', catalog('street-trees'))] }, env());
    expect(c.blocks[0].type).toBe(type);
  });
  it('a new image block needs its address before the server takes it', () => {
    expect(() => readContent({ title: 'x', blocks: [newBlock('image', 'n', undefined)] }, env())).toThrow(/content\.blocks\[0\]\.url/);
  });
});
