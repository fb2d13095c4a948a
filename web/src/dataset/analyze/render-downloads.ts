// A chart rendered off-screen as an SVG or PNG file, with its title (the canvas renderer and the
// title component are registered here only: the screen draws SVG and titles in HTML). Loaded on demand by downloads.ts, so ECharts' canvas code stays off pages.
import { CanvasRenderer } from 'echarts/renderers';
import { TitleComponent } from 'echarts/components';
import { echarts } from './echarts-setup.ts';

echarts.use([CanvasRenderer, TitleComponent]);

export type ChartPicture = 'png' | 'svg';

export async function renderPicture(kind: ChartPicture, option: Record<string, unknown>, width = 960, height = 540): Promise<Blob> {
  const div = document.createElement('div');
  div.style.cssText = `position:fixed;left:-10000px;top:0;width:${width}px;height:${height}px`;
  document.body.append(div);
  const chart = echarts.init(div, null, { renderer: kind === 'svg' ? 'svg' : 'canvas', width, height });
  try {
    chart.setOption({ ...option, animation: false });
    if (kind === 'svg') return new Blob([chart.renderToSVGString()], { type: 'image/svg+xml' });
    const url = chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' });
    // Decoded here, not fetched: the portal's CSP (connect-src) refuses fetch() of data: URLs.
    const bytes = Uint8Array.from(atob(url.slice(url.indexOf(',') + 1)), (c) => c.charCodeAt(0));
    return new Blob([bytes], { type: 'image/png' });
  } finally {
    chart.dispose();
    div.remove();
  }
}
