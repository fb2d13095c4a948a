// The demo portal's name (a fictional city) and how to tell the demo catalog is what is served, so
// `agora serve` can brand it when AGORA_PORTAL_NAME is not set. A catalog without them keeps the default.
import type { Catalog } from '../catalog/index.ts';
import { DEMO_DATASETS } from './datasets.ts';

export const DEMO_PORTAL_NAME = 'Open Data — City of Northbridge';

/** Whether the catalog holds the demo datasets (loaded on a first start, perhaps with others added since). */
export function isDemoCatalog(catalog: Catalog): boolean {
  return DEMO_DATASETS.some((d) => catalog.find(d.id) !== undefined);
}
