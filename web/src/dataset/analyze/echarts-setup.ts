// The tree-shaken ECharts build the app uses (loaded lazily with the chart code): line, bar, pie,
// scatter; grid, tooltip, legend, title, aria; SVG on screen, canvas for PNG downloads.
import * as echarts from 'echarts/core';
import { BarChart, LineChart, PieChart, ScatterChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import { LabelLayout } from 'echarts/features';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, PieChart, ScatterChart, AriaComponent, GridComponent, LegendComponent,
  TitleComponent, TooltipComponent, LabelLayout, CanvasRenderer, SVGRenderer]);

export { echarts };
