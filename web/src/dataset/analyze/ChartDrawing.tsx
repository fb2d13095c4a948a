// The ECharts drawing of a chart (SVG, role=img), in its own lazy chunk with ECharts: the chart's
// title, description and data table show as soon as the data arrives, while this still loads.
import { useEffect, useRef } from 'react';
import { echarts } from './echarts-setup.ts';

interface Props { option: Record<string, unknown>; label: string; height: number }

export default function ChartDrawing({ option, label, height }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<typeof echarts.init> | null>(null);
  useEffect(() => {
    if (!ref.current) return;
    const c = echarts.init(ref.current, null, { renderer: 'svg' });
    chart.current = c;
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(ref.current);
    return () => { ro.disconnect(); c.dispose(); chart.current = null; };
  }, []);
  useEffect(() => { chart.current?.setOption(option, { notMerge: true }); }, [option]);
  return <div ref={ref} className="chart-canvas" role="img" aria-label={label} style={{ height }} />;
}
