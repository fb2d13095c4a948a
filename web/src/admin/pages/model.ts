// The page model as the Automation API sends and takes it (content: title, description, filters,
// blocks in a 12-column grid), mirrored from the server's pages/types.ts. Types and constants only.

export const BLOCK_TYPES = ['text', 'kpi', 'chart', 'map', 'table', 'image'] as const;
export type BlockType = (typeof BLOCK_TYPES)[number];
export const AGGREGATES = ['count', 'sum', 'avg', 'min', 'max'] as const;
export type Aggregate = (typeof AGGREGATES)[number];
export const CHART_TYPES = ['line', 'column', 'bar', 'pie', 'area', 'scatter'] as const;
export const GRANULARITIES = ['year', 'month', 'week', 'day', 'hour'] as const;
export const MAP_STYLES = ['points', 'clusters', 'choropleth'] as const;
export const KPI_PERIODS = ['day', 'week', 'month', 'year'] as const;
export const FILTER_TYPES = ['facet', 'date_range'] as const;

/** Width in twelfths of the page (1–12), height in rows of 80 px (1–12). */
export interface BlockLayout { w: number; h: number }
export const GRID_COLUMNS = 12;
export const MAX_ROWS = 12;
export const ROW_PX = 80;

export interface ChartSettings {
  type: (typeof CHART_TYPES)[number];
  x: string;
  gran?: (typeof GRANULARITIES)[number];
  series: Array<{ agg: Aggregate; field?: string }>;
  split?: string;
  stack?: boolean;
  top?: number;
}
export interface MapLayer { dataset: string; where?: string; style: (typeof MAP_STYLES)[number]; colour_by?: string }

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
  compare?: { date_field: string; period: (typeof KPI_PERIODS)[number] };
  target?: { value: number; direction: 'at_least' | 'at_most' };
  chart?: ChartSettings;
  layers?: MapLayer[];
  fields?: string[]; order_by?: string; limit?: number;
}

export interface PageFilter { id: string; type: (typeof FILTER_TYPES)[number]; dataset: string; field: string; label?: string }

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
