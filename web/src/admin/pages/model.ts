// The page model as the editor holds it: blocks loosely typed while they are filled in, the
// Automation API's body and versions, the pickers' catalog; the shared vocabulary is api/page-model.ts.

export { BLOCK_TYPES, AGGREGATES, CHART_TYPES, GRANULARITIES, MAP_STYLES, KPI_PERIODS, FILTER_TYPES } from '../../api/page-model.ts';
export type { BlockType, Aggregate, BlockLayout, ChartSettings, MapLayer, PageFilter } from '../../api/page-model.ts';
import type { BlockType, BlockLayout, ChartSettings, KpiPeriod, MapLayer, PageFilter, TargetDirection } from '../../api/page-model.ts';

export const GRID_COLUMNS = 12;
export const MAX_ROWS = 12;
export const ROW_PX = 80;

/** One block, loosely typed as the editor holds it while it is being filled in (the server checks it). */
export interface Block {
  id: string;
  type: BlockType;
  layout: BlockLayout;
  title?: string;
  markdown?: string;
  url?: string; alt?: string; caption?: string;
  dataset?: string; where?: string;
  value?: string; unit?: string; decimals?: number;
  compare?: { date_field: string; period: KpiPeriod };
  target?: { value: number; direction: TargetDirection };
  chart?: ChartSettings;
  layers?: MapLayer[];
  fields?: string[]; order_by?: string; limit?: number;
}

export interface PageContent { title: string; description: string; filters: PageFilter[]; blocks: Block[] }

export interface PageProblem { path: string; message: string }

/** The Automation API's page body (GET /pages/{uid}). */
export interface AutomationPage {
  uid: string; slug: string; public: boolean; featured: boolean;
  readers: { users: string[]; groups: string[] };
  status: 'draft' | 'published' | 'changed';
  content: PageContent; published_content: PageContent | null;
  problems?: PageProblem[];
  published_at: string | null; created_at: string; updated_at: string;
  created_by: { username: string } | null; updated_by: { username: string } | null;
}

export interface PageVersion { version: number; saved_at: string; saved_by: string | null; note: string | null; published: boolean }

/** Field types a picker may offer. */
export const NUMBER_TYPES = ['int', 'double'] as const;
export const DATE_TYPES = ['date', 'datetime'] as const;
export const GEO_TYPES = ['geo_point_2d', 'geo_shape'] as const;

export interface CatalogField { name: string; label: string; type: string }
export interface CatalogDataset { dataset_id: string; title: string; fields: CatalogField[] }
