// `agora harvest types|preview` in-process against the CKAN fixture portal (test/fixtures/harvest,
// shaped after docs.ckan.org's package_search answer): the ids a first harvest would create, ids already
// used in the portal left alone, and bad options named. Expected titles are the fixtures' own.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { harvestCommand } from '../../src/cli/harvest.ts';
import { parseCommandArgs } from '../../src/cli/command.ts';
import { closePortal, openPortal } from '../../src/server/portal.ts';
import { importDataset } from '../../src/ingest/index.ts';
import { fixture, serve, type Fixture } from './serve.ts';

let portal: Fixture;
let dir: string;

beforeAll(async () => {
  process.env.AGORA_OUTBOUND_ALLOW = '127.0.0.1';
  portal = await serve((url) => ({ body: fixture(url.searchParams.get('start') === '0' ? 'ckan-package-search-1.json' : 'ckan-package-search-2.json') }));
  dir = mkdtempSync(join(tmpdir(), 'agora-harvest-cli-'));
  // A dataset already called "parks" in the portal: the harvested Parks must not take its id.
  const ctx = await openPortal({ dataDir: dir });
  writeFileSync(join(dir, 'p.csv'), 'name\nA\n');
  await importDataset(ctx.catalog, { source: join(dir, 'p.csv'), datasetId: 'parks', mode: 'create' });
  await closePortal(ctx);
});
afterAll(async () => { await portal.close(); rmSync(dir, { recursive: true, force: true }); delete process.env.AGORA_OUTBOUND_ALLOW; });

async function run(argv: string[]): Promise<{ code: number; out: string[] }> {
  const out: string[] = [];
  const spy = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => { out.push(a.join(' ')); });
  try { return { code: await harvestCommand.run(parseCommandArgs(harvestCommand, [...argv, '--data', dir])), out }; } finally { spy.mockRestore(); }
}

it('lists the harvester types with their options', async () => {
  const { code, out } = await run(['types']);
  expect(code).toBe(0);
  expect(out.some((l) => l.startsWith('ckan\t') && l.includes('organization'))).toBe(true);
  expect(out.some((l) => l.startsWith('ods\t'))).toBe(true);
});

it('previews a first harvest: every remote dataset with the id it would get', async () => {
  const { code, out } = await run(['preview', 'ckan', portal.base, '--option', 'organization=transport', '--prefix', 'ext-', '--json']);
  expect(code).toBe(0);
  const body = JSON.parse(out.join('\n'));
  expect(body.create.map((r: { dataset_id: string; title: string }) => [r.dataset_id, r.title])).toEqual([
    ['ext-bus-stops', 'Bus stops'], ['ext-cycle-counts', 'Cycle counts'], ['ext-parks', 'Parks'],
  ]);
  expect(portal.seen.some((u) => u.searchParams.get('fq') === 'organization:transport')).toBe(true);
  const plain = await run(['preview', 'ckan', portal.base]);
  expect(plain.out.find((l) => l.startsWith('parks-2\tParks'))).toBeDefined();
  expect(plain.out.at(-1)).toBe(`${portal.base} (ckan) offers 3 datasets: a first harvest would create 3 here.`);
});

it('names a bad type, URL or option', async () => {
  await expect(run(['preview', 'nope', portal.base])).rejects.toThrow('"nope" is not a harvester type (known: ckan, datajson, dcat, ods, socrata)');
  await expect(run(['preview', 'ckan', 'ftp://example.org'])).rejects.toThrow('Invalid url: ftp: is not http: or https:.');
  await expect(run(['preview', 'ckan', portal.base, '--option', 'colour=red'])).rejects.toThrow('the ckan harvester has no option "colour"');
  await expect(run(['preview', 'ckan', portal.base, '--option', 'oops'])).rejects.toThrow('expected NAME=VALUE');
});

it('lists the stored harvesters and runs one now as its owner', async () => {
  const { ensureGovernance } = await import('../../src/governance/index.ts');
  const { ensureHarvest } = await import('../../src/harvest/index.ts');
  const ctx = await openPortal({ dataDir: dir });
  await (await ensureGovernance(ctx)).addUser({ username: 'root', password: 'password-0', isAdmin: true });
  const now = new Date().toISOString();
  await (await ensureHarvest(ctx)).store.put({
    uid: 'ha_cli', type: 'ckan', name: 'Fixture CKAN', url: portal.base, options: {}, prefix: 'ckan-', metadataOnly: true, deleteMissing: false,
    restrict: false, forcedMetas: {}, apiKey: null, schedule: null, owner: 'root', created: now, updated: now,
  });
  await closePortal(ctx);
  const never = await run(['list']);
  expect(never.out).toEqual([`ha_cli\tckan\tFixture CKAN\t${portal.base}\tno schedule\tnever run`]);
  const ran = await run(['run', 'ha_cli']);
  expect(ran.code).toBe(0);
  expect(ran.out[0]).toBe('Fixture CKAN: done — 3 remote, 3 created, 0 updated, 0 unchanged, 0 removed');
  const listed = JSON.parse((await run(['list', '--json'])).out.join('\n'));
  expect(listed[0].last_run).toMatchObject({ outcome: 'done', created: 3 });
  const again = await run(['run', 'ha_cli']);
  expect(again.out[0]).toMatch(/0 created, 0 updated, 3 unchanged/);
  const missing = await run(['run', 'ha_nope']);
  expect(missing.code).toBe(1);
});
