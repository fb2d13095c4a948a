// The built-in block kinds, registered like any other (registry.ts). Charts (ECharts) and maps
// (MapLibre) load their code lazily, when a block of that kind first comes into view.
import { createElement, lazy, Suspense } from 'react';
import { registerBlock, type BlockProps } from '../registry.ts';
import type { ChartBlock, MapBlock } from '../../api/page-model.ts';
import { BlockWait } from '../BlockStates.tsx';
import { TextBlockView } from './TextBlock.tsx';
import { ImageBlockView } from './ImageBlock.tsx';
import { TableBlockView } from './TableBlock.tsx';
import { KpiBlockView } from './KpiBlock.tsx';

const ChartBody = lazy(() => import('./ChartBlockBody.tsx'));
const MapBody = lazy(() => import('./MapBlockBody.tsx'));

function ChartBlockView(p: BlockProps<ChartBlock>) {
  return createElement(Suspense, { fallback: createElement(BlockWait) }, createElement(ChartBody, p));
}
function MapBlockView(p: BlockProps<MapBlock>) {
  return createElement(Suspense, { fallback: createElement(BlockWait) }, createElement(MapBody, p));
}

registerBlock({ type: 'text', label: 'page.block.text', component: TextBlockView });
registerBlock({ type: 'kpi', label: 'page.block.kpi', component: KpiBlockView });
registerBlock({ type: 'chart', label: 'page.block.chart', component: ChartBlockView });
registerBlock({ type: 'map', label: 'page.block.map', component: MapBlockView });
registerBlock({ type: 'table', label: 'page.block.table', component: TableBlockView });
registerBlock({ type: 'image', label: 'page.block.image', component: ImageBlockView });
