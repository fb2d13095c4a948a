// The page model as the pages APIs send it (readers' GET /api/agora/v1/pages/{slug}, the Automation
// API's content): title, description, filter bar, blocks in a 12-column grid. Mirrors src/pages/types.ts
// (the web app talks HTTP only); the viewer and the back-office editor both read it from here.

export const BLOCK_TYPES = ['text', 'kpi', 'chart', 'map', 'table', 'image'] as const;
export type BlockType = (typeof BLOCK_TYPES)[number];
export const AGGREGATES = ['count', 'sum', 'avg', 'min', 'max'] as const;
export type Aggregate = (typeof AGGREGATES)[number];
export const CHART_TYPES = ['line', 'column', 'bar', 'pie', 'area', 'scatter'] as const;
export const GRANULARITIES = ['year', 'month', 'week', 'day', 'hour'] as const;
export const MAP_STYLES = ['points', 'clusters', 'choropleth'] as const;
export const KPI_PERIODS = ['day', 'week', 'month', 'year'] as const;
export const FILTER_TYPES = ['facet', 'date_range'] as const;

/** Width in twelfths of the page (1–12), height in rows of 80 px. */
export interface BlockLayout { w: number; h: number }
interface BlockBase { id: string; type: BlockType; layout: BlockLayout; title?: string }

export interface TextBlock extends BlockBase { type: 'text'; markdown: string }
export interface ImageBlock extends BlockBase { type: 'image'; url: string; alt: string; caption?: string }
interface DataBlock extends BlockBase { dataset: string; where?: string }

export type KpiPeriod = (typeof KPI_PERIODS)[number];
export type TargetDirection = 'at_least' | 'at_most';
export interface KpiBlock extends DataBlock {
  type: 'kpi';
  value: string;
  unit?: string;
  decimals?: number;
  compare?: { date_field: string; period: KpiPeriod };
  target?: { value: number; direction: TargetDirection };
}

export interface ChartSettings {
  type: (typeof CHART_TYPES)[number];
  x: string;
  gran?: (typeof GRANULARITIES)[number];
  series: Array<{ agg: Aggregate; field?: string }>;
  split?: string;
  stack?: boolean;
  top?: number;
}
export interface ChartBlock extends DataBlock { type: 'chart'; chart: ChartSettings }

export interface MapLayer { dataset: string; where?: string; style: (typeof MAP_STYLES)[number]; colour_by?: string }
export interface MapBlock extends BlockBase { type: 'map'; layers: MapLayer[] }

export interface TableBlock extends DataBlock { type: 'table'; fields?: string[]; order_by?: string; limit?: number }

export type Block = TextBlock | KpiBlock | ChartBlock | MapBlock | TableBlock | ImageBlock;

export type PageFilter =
  | { id: string; type: 'facet'; dataset: string; field: string; label?: string }
  | { id: string; type: 'date_range'; dataset: string; field: string; label?: string };

export interface PageContent { title: string; description: string; filters: PageFilter[]; blocks: Block[] }

export interface PageBody {
  uid: string;
  slug: string;
  public: boolean;
  featured: boolean;
  published_at: string | null;
  updated_at: string;
  content: PageContent;
}

/** The datasets a block reads (a map reads one per layer). */
export function blockDatasets(b: Block): string[] {
  if (b.type === 'map') return [...new Set(b.layers.map((l) => l.dataset))];
  if ('dataset' in b) return [b.dataset];
  return [];
}
