// The chart block's body, in its own lazy chunk with the Analyze tab's chart: the block's settings
// become the Analyze tab's ChartSpec and its where the dataset filters, so the query building,
// ECharts option, text summary, "Show data" table and PNG / SVG / CSV downloads are the same code.
import { useMemo } from 'react';
import { DatasetCtx, type DatasetView } from '../../dataset/context.tsx';
import { ChartView } from '../../dataset/analyze/ChartView.tsx';
import { labelOf } from '../../dataset/fields.ts';
import { NO_FILTERS } from '../../state/filters.ts';
import type { ChartBlock } from '../../api/page-model.ts';
import type { BlockProps } from '../registry.ts';
import { chartSpecOf } from './block-logic.ts';

const NOT_LIVE = { live: false, paused: false, setPaused: () => undefined, received: 0, lastAt: null, connected: false };

export default function ChartBlockBody({ block, datasets, where, headingLevel }: BlockProps<ChartBlock>) {
  const ds = datasets[0];
  const w = where(ds.dataset_id, block.where);
  const spec = useMemo(() => chartSpecOf(block.chart), [JSON.stringify(block.chart)]);
  const view = useMemo<DatasetView>(() => ({
    ds, filters: { ...NO_FILTERS, where: w }, setFilters: () => undefined, labelOf: (f: string) => labelOf(ds, f),
    count: undefined, total: ds.metas.default.records_count, countError: undefined, embedded: true, live: NOT_LIVE,
  }), [ds, w]);
  const height = Math.max(200, (block.layout?.h ?? 4) * 80 - 60);
  return (
    <DatasetCtx.Provider value={view}>
      <ChartView spec={spec} headingLevel={headingLevel === 2 ? 2 : 3} height={height} />
    </DatasetCtx.Provider>
  );
}
