// The harvest plan: created, updated, unchanged and removed datasets worked out by hand from the lists
// below, ids that never take a dataset the harvest did not create, and re-runs that update, not duplicate.
import { describe, expect, it } from 'vitest';
import { planHarvest, slugOf, type HarvestedLink } from '../../src/harvest/plan.ts';
import type { RemoteDataset } from '../../src/harvest/types.ts';

const remote = (remoteId: string, title: string, modified: string | null = null): RemoteDataset => ({
  remoteId, title, modified, remoteUrl: null, description: null, keywords: [], themes: [], license: null, licenseUrl: null,
  publisher: null, issued: null, language: null, contactName: null, contactEmail: null, accrualPeriodicity: null, distributions: [],
});

describe('slugOf', () => {
  it('makes dataset ids of titles', () => {
    expect(slugOf('Comptage vélo — Données 2024')).toBe('comptage-velo-donnees-2024');
    expect(slugOf('  __Arbres d’alignement!! ')).toBe('arbres-d-alignement');
    expect(slugOf('東京')).toBe('dataset');
    expect(slugOf('x'.repeat(300))).toHaveLength(100);
  });
});

describe('planHarvest', () => {
  const known: HarvestedLink[] = [
    { remoteId: 'a1', datasetId: 'trees', remoteModified: '2024-01-01T00:00:00Z' },
    { remoteId: 'b2', datasetId: 'bikes', remoteModified: '2024-01-01T00:00:00Z' },
    { remoteId: 'c3', datasetId: 'parking', remoteModified: null },
    { remoteId: 'gone', datasetId: 'old-stops', remoteModified: null },
  ];
  const taken = new Set(['trees', 'bikes', 'parking', 'old-stops', 'budget']);

  it('sorts the remote list into create, update, unchanged and remove', () => {
    const plan = planHarvest([
      remote('a1', 'Trees', '2024-01-01T00:00:00Z'), // same date: unchanged
      remote('b2', 'Bikes', '2024-06-01T00:00:00Z'), // newer: update
      remote('c3', 'Parking', '2024-01-01T00:00:00Z'), // no date stored: update
      remote('n1', 'Budget'), // title taken by a dataset of the portal: budget-2
      remote('n2', 'Budget'), // and by the plan itself: budget-3
      remote('n1', 'Budget again'), // listed twice
    ], known, (id) => taken.has(id));
    expect(plan.unchanged.map((x) => x.datasetId)).toEqual(['trees']);
    expect(plan.update.map((x) => x.datasetId)).toEqual(['bikes', 'parking']);
    expect(plan.create.map((x) => [x.remote.remoteId, x.datasetId])).toEqual([['n1', 'budget-2'], ['n2', 'budget-3']]);
    expect(plan.remove.map((x) => x.datasetId)).toEqual(['old-stops']);
    expect(plan.duplicates).toEqual(['n1']);
  });

  it('prefixes new ids when asked, and a second run of the same list changes nothing', () => {
    const first = planHarvest([remote('x', 'Air quality', '2024-02-02')], [], () => false, 'idf-');
    expect(first.create.map((x) => x.datasetId)).toEqual(['idf-air-quality']);
    const links = first.create.map((x) => ({ remoteId: x.remote.remoteId, datasetId: x.datasetId, remoteModified: x.remote.modified }));
    const again = planHarvest([remote('x', 'Air quality', '2024-02-02')], links, () => true, 'idf-');
    expect([again.create.length, again.update.length, again.unchanged.length, again.remove.length]).toEqual([0, 0, 1, 0]);
  });
});
