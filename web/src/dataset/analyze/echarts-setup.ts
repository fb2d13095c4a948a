// The tree-shaken ECharts build the app uses (loaded lazily with the chart code): line, bar, pie,
// scatter; grid, tooltip, legend, aria; the SVG renderer (the canvas renderer and the title, for
// downloads only, are added by render-downloads.ts when one is asked for).
import * as echarts from 'echarts/core';
import { BarChart, LineChart, PieChart, ScatterChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { LabelLayout } from 'echarts/features';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, PieChart, ScatterChart, AriaComponent, GridComponent, LegendComponent,
  TooltipComponent, LabelLayout, SVGRenderer]);

export { echarts };
