// The page model as the readers' API sends it (GET /api/agora/v1/pages/{slug}): a page's content
// (title, description, filter bar, blocks in a 12-column grid). Types only; mirrors src/pages/types.ts.

export interface BlockLayout { w: number; h: number }
interface BlockBase { id: string; type: string; layout: BlockLayout; title?: string }

export interface TextBlock extends BlockBase { type: 'text'; markdown: string }
export interface ImageBlock extends BlockBase { type: 'image'; url: string; alt: string; caption?: string }
interface DataBlock extends BlockBase { dataset: string; where?: string }

export type KpiPeriod = 'day' | 'week' | 'month' | 'year';
export type TargetDirection = 'at_least' | 'at_most';
export interface KpiBlock extends DataBlock {
  type: 'kpi';
  value: string;
  unit?: string;
  decimals?: number;
  compare?: { date_field: string; period: KpiPeriod };
  target?: { value: number; direction: TargetDirection };
}

export interface PageChartSettings {
  type: 'line' | 'column' | 'bar' | 'pie' | 'area' | 'scatter';
  x: string;
  gran?: 'year' | 'month' | 'week' | 'day' | 'hour';
  series: Array<{ agg: 'count' | 'sum' | 'avg' | 'min' | 'max'; field?: string }>;
  split?: string;
  stack?: boolean;
  top?: number;
}
export interface ChartBlock extends DataBlock { type: 'chart'; chart: PageChartSettings }

export interface MapLayer { dataset: string; where?: string; style: 'points' | 'clusters' | 'choropleth'; colour_by?: string }
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
