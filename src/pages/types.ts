// The vocabulary of pages (dashboards and data stories): a page, its content (title, description,
// a filter bar, blocks in a 12-column grid) and its saved versions, as plain JSON-ready data.
// No storage and no HTTP here; validate.ts checks bodies, store.ts keeps them.

export const BLOCK_TYPES = ['text', 'kpi', 'chart', 'map', 'table', 'image'] as const;
export type BlockType = (typeof BLOCK_TYPES)[number];

/** Size in the page grid: width in twelfths of the page (a phone stacks blocks full width), height in rows of 80 px. */
export interface BlockLayout { w: number; h: number }

interface BlockBase { id: string; type: BlockType; layout: BlockLayout; title?: string }

export interface TextBlock extends BlockBase { type: 'text'; markdown: string }
export interface ImageBlock extends BlockBase { type: 'image'; url: string; alt: string; caption?: string }

/** A block over one dataset: an optional ODSQL where of its own, combined with the page's filters. */
interface DataBlock extends BlockBase { dataset: string; where?: string }

export type KpiPeriod = 'day' | 'week' | 'month' | 'year';
export interface KpiBlock extends DataBlock {
  type: 'kpi';
  /** An ODSQL aggregate over the dataset, e.g. `avg(pm25)` or `count(*)`. */
  value: string;
  unit?: string;
  decimals?: number;
  /** Compare with the previous period: the latest `period` of `date_field` against the one before. */
  compare?: { date_field: string; period: KpiPeriod };
  /** The promise: at least or at most this value. */
  target?: { value: number; direction: 'at_least' | 'at_most' };
}

export const AGGREGATES = ['count', 'sum', 'avg', 'min', 'max'] as const;
export const CHART_TYPES = ['line', 'column', 'bar', 'pie', 'area', 'scatter'] as const;
export const GRANULARITIES = ['year', 'month', 'week', 'day', 'hour'] as const;
/** The chart builder's settings (the same as the dataset page's Analyze tab). */
export interface ChartSettings {
  type: (typeof CHART_TYPES)[number];
  x: string;
  gran?: (typeof GRANULARITIES)[number];
  series: Array<{ agg: (typeof AGGREGATES)[number]; field?: string }>;
  split?: string;
  stack?: boolean;
  top?: number;
}
export interface ChartBlock extends DataBlock { type: 'chart'; chart: ChartSettings }

export const MAP_STYLES = ['points', 'clusters', 'choropleth'] as const;
export interface MapLayer { dataset: string; where?: string; style: (typeof MAP_STYLES)[number]; colour_by?: string }
export interface MapBlock extends BlockBase { type: 'map'; layers: MapLayer[] }

export interface TableBlock extends DataBlock { type: 'table'; fields?: string[]; order_by?: string; limit?: number }

export type Block = TextBlock | KpiBlock | ChartBlock | MapBlock | TableBlock | ImageBlock;

/** A filter of the page's filter bar: it applies to every block over the same dataset. */
export type PageFilter =
  | { id: string; type: 'facet'; dataset: string; field: string; label?: string }
  | { id: string; type: 'date_range'; dataset: string; field: string; label?: string };

export interface PageContent {
  title: string;
  description: string;
  filters: PageFilter[];
  blocks: Block[];
}

export interface PageVersionInfo { version: number; saved_at: string; saved_by: string | null; note: string | null; published: boolean }

export interface Page {
  uid: string;
  slug: string;
  /** ODS StudioPage: true for every reader of the portal; false for the users and groups given access. */
  public: boolean;
  /** Shown on the home page. */
  featured: boolean;
  draft: PageContent;
  published: PageContent | null;
  /** Users and groups who may read a restricted page (ODS page rulesets, read part). */
  readers: { users: string[]; groups: string[] };
  first_published_at: string | null;
  published_at: string | null;
  created_at: string;
  updated_at: string;
  created_by: string | null;
  updated_by: string | null;
}
