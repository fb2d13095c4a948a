// One chart with its text twin: title, description with key values, the ECharts drawing (SVG,
// role=img), a "show data" table, and PNG / SVG / CSV downloads. Loads its data from the API.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { useDataset } from '../context.tsx';
import { echarts } from './echarts-setup.ts';
import { loadChartData, type ChartData } from './query.ts';
import { buildOption } from './option.ts';
import { chartTitle } from './labels.ts';
import { chartCsv, dataTable, describeChart } from './describe.ts';
import { chartWords } from './words.ts';
import { downloadCsv, downloadPng, downloadSvg } from './downloads.ts';
import type { ChartSpec } from './spec.ts';
import { Empty, ErrorBox, Loading } from '../../components/States.tsx';

interface Props { spec: ChartSpec; headingLevel?: 2 | 3; height?: number; downloads?: boolean; onData?: (d: ChartData) => void }

function useChartData(spec: ChartSpec) {
  const { ds, filters } = useDataset();
  const key = JSON.stringify([spec, filters]);
  const [state, setState] = useState<{ key: string; data?: ChartData; error?: Error }>({ key: '' });
  useEffect(() => {
    const ctrl = new AbortController();
    loadChartData(ds, spec, filters, ctrl.signal).then(
      (data) => { if (!ctrl.signal.aborted) setState({ key, data }); },
      (error: Error) => { if (!ctrl.signal.aborted) setState({ key, error }); },
    );
    return () => ctrl.abort();
  }, [key]);
  return { ...state, loading: state.key !== key };
}

function Drawing({ option, label, height }: { option: Record<string, unknown>; label: string; height: number }) {
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

export function ChartView({ spec, headingLevel = 3, height = 380, downloads = true, onData }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  const { labelOf } = useDataset();
  const { data, error, loading } = useChartData(spec);
  useEffect(() => { if (data && onData) onData(data); }, [data, onData]);
  const w = useMemo(() => chartWords(i18n, labelOf, spec), [i18n, labelOf, spec]);
  const title = chartTitle(spec, data ?? null, w, (y, x) => t('chart.by', { y, x }));
  const description = data ? describeChart(data, spec, title, w) : '';
  const option = useMemo(() => (data ? buildOption(data, spec, w, { description }) : null), [data, spec, w, description]);
  const H = `h${headingLevel}` as 'h2' | 'h3';

  if (error) return <ErrorBox error={error} />;
  if (!data) return <Loading />;
  const empty = data.keys.length === 0;
  const table = dataTable(data, spec, w);
  return (
    <figure className="chart" aria-busy={loading}>
      <figcaption>
        <H className="chart-title">{title}</H>
        {!empty && <p className="chart-desc">{description}</p>}
      </figcaption>
      {empty ? <Empty>{t('chart.empty')}</Empty> : option && <Drawing option={option} label={description} height={spec.type === 'bar' ? Math.min(Math.max(180, 70 + data.keys.length * 34), height * 1.6) : height} />}
      {!empty && (
        <details className="chart-data">
          <summary>{t('chart.showData')}</summary>
          <div className="table-scroll">
            <table className="data-table">
              <caption>{title}</caption>
              <thead><tr>{table.head.map((h, i) => <th key={i} scope="col" className={i ? 'num' : undefined}>{h}</th>)}</tr></thead>
              <tbody>
                {table.rows.map((r, i) => (
                  <tr key={i}><th scope="row">{r.label}</th>{r.values.map((v, j) => <td key={j} className="num">{v === null ? '–' : i18n.n(v)}</td>)}</tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      )}
      {downloads && !empty && option && (
        <div className="button-row">
          <button type="button" onClick={() => downloadPng(buildOption(data, spec, w, { description, title }), title)}>{t('chart.downloadPng')}</button>
          <button type="button" onClick={() => downloadSvg(buildOption(data, spec, w, { description, title }), title)}>{t('chart.downloadSvg')}</button>
          <button type="button" onClick={() => downloadCsv(chartCsv(data, spec, w), title)}>{t('chart.downloadCsv')}</button>
        </div>
      )}
    </figure>
  );
}

export default ChartView;
