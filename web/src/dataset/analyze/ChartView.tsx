// One chart with its text twin: title, description with key values, the ECharts drawing (SVG,
// role=img, lazy: ChartDrawing.tsx), a "show data" table, and PNG / SVG / CSV downloads. Loads its data from the API.
// The figure states its x field, point count and axis names as data-* attributes (for tools and tests).
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { useDataset } from '../context.tsx';
import { useDataEpoch } from '../../api/use-api.ts';
import { loadChartData, type ChartData } from './query.ts';
import { buildOption } from './option.ts';
import { categoryAxisName, chartTitle, valueAxisName } from './labels.ts';
import { unitOf } from './meaning.ts';
import { chartCsv, dataTable, describeChart } from './describe.ts';
import { chartWords } from './words.ts';
import { downloadCsv, downloadPicture } from './downloads.ts';
import { seriesToText, type ChartSpec } from './spec.ts';
import { Empty, ErrorBox, Loading } from '../../components/States.tsx';

interface Props { spec: ChartSpec; headingLevel?: 2 | 3; height?: number; downloads?: boolean; onData?: (d: ChartData) => void }

function useChartData(spec: ChartSpec) {
  const { ds, filters } = useDataset();
  const key = JSON.stringify([spec, filters]);
  // A live dataset's new records load the chart again; the drawn chart stays until they are in.
  const epoch = useDataEpoch(ds.dataset_id);
  const [state, setState] = useState<{ key: string; data?: ChartData; error?: Error }>({ key: '' });
  useEffect(() => {
    const ctrl = new AbortController();
    loadChartData(ds, spec, filters, ctrl.signal).then(
      (data) => { if (!ctrl.signal.aborted) setState({ key, data }); },
      (error: Error) => { if (!ctrl.signal.aborted) setState({ key, error }); },
    );
    return () => ctrl.abort();
  }, [key, epoch]);
  return { ...state, loading: state.key !== key };
}

/** ECharts, in its own chunk: asked for as soon as a chart mounts, so it downloads while the
 *  chart's data query runs. */
const loadDrawing = () => import('./ChartDrawing.tsx');
const Drawing = lazy(loadDrawing);

export function ChartView({ spec, headingLevel = 3, height = 380, downloads = true, onData }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  const { ds, labelOf } = useDataset();
  const { data, error, loading } = useChartData(spec);
  useEffect(() => { void loadDrawing(); }, []);
  useEffect(() => { if (data && onData) onData(data); }, [data, onData]);
  const units = useMemo(() => {
    const byName = new Map(ds.fields.map((f) => [f.name, unitOf(f)]));
    return (name: string) => byName.get(name);
  }, [ds]);
  const w = useMemo(() => chartWords(i18n, labelOf, spec, units), [i18n, labelOf, spec, units]);
  const title = chartTitle(spec, data ?? null, w, (y, x) => t('chart.by', { y, x }));
  const description = data ? describeChart(data, spec, title, w) : '';
  const option = useMemo(() => (data ? buildOption(data, spec, w, { description }) : null), [data, spec, w, description]);
  const H = `h${headingLevel}` as 'h2' | 'h3';

  if (error) return <ErrorBox error={error} />;
  if (!data) return <Loading />;
  const empty = data.keys.length === 0;
  const table = dataTable(data, spec, w);
  const drawingHeight = spec.type === 'bar' ? Math.min(Math.max(180, 70 + data.keys.length * 34), height * 1.6) : height;
  return (
    <figure className="chart" aria-busy={loading} data-chart-x={spec.x} data-chart-kind={data.xKind} data-chart-points={data.keys.length}
      data-chart-series={seriesToText(spec.series)}
      data-value-axis={spec.type === 'pie' ? undefined : valueAxisName(spec, w)} data-category-axis={spec.type === 'pie' ? undefined : categoryAxisName(data, spec, w)}>
      <figcaption>
        <H className="chart-title">{title}</H>
        {!empty && <p className="chart-desc">{description}</p>}
      </figcaption>
      {empty ? <Empty>{t('chart.empty')}</Empty> : option && (
        <Suspense fallback={<div className="chart-canvas" aria-hidden="true" style={{ height: drawingHeight }} />}>
          <Drawing option={option} label={description} height={drawingHeight} />
        </Suspense>
      )}
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
          <button type="button" onClick={() => void downloadPicture('png', buildOption(data, spec, w, { description, title }), title)}>{t('chart.downloadPng')}</button>
          <button type="button" onClick={() => void downloadPicture('svg', buildOption(data, spec, w, { description, title }), title)}>{t('chart.downloadSvg')}</button>
          <button type="button" onClick={() => downloadCsv(chartCsv(data, spec, w), title)}>{t('chart.downloadCsv')}</button>
        </div>
      )}
    </figure>
  );
}

export default ChartView;
