// The Export tab: every download format, each link carrying the current filters.
import { useState } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { useDataset } from './context.tsx';
import { useApi } from '../api/use-api.ts';
import { exportsListUrl, exportUrl } from '../api/dataset.ts';
import type { Link as ApiLink } from '../api/types.ts';
import { geoFields } from './fields.ts';
import type { MessageKey } from '../i18n/en.ts';

const GROUPS: Array<{ key: MessageKey; formats: string[]; geo?: boolean }> = [
  { key: 'export.tabular', formats: ['csv', 'xlsx', 'json', 'jsonl', 'parquet'] },
  { key: 'export.geo', formats: ['geojson', 'kml', 'shp', 'fgb', 'gpx', 'ov2'], geo: true },
  { key: 'export.linked', formats: ['jsonld', 'turtle', 'n3', 'rdfxml'] },
];

const NAMES: Record<string, string> = {
  csv: 'CSV', xlsx: 'Excel (XLSX)', json: 'JSON', jsonl: 'JSON Lines', parquet: 'Parquet', geojson: 'GeoJSON',
  kml: 'KML', shp: 'Shapefile', fgb: 'FlatGeobuf', gpx: 'GPX', ov2: 'TomTom OV2', jsonld: 'JSON-LD',
  turtle: 'Turtle', n3: 'N3', rdfxml: 'RDF/XML',
};

export function ExportTab() {
  const { t, n } = useI18n();
  const { ds, filters, count } = useDataset();
  const [useLabels, setUseLabels] = useState(false);
  const [delimiter, setDelimiter] = useState(';');
  const listed = useApi<{ _links?: ApiLink[]; links?: ApiLink[] }>(exportsListUrl(ds.dataset_id));
  const links = listed.data?._links ?? listed.data?.links;
  const available = links ? new Set(links.map((l) => l.rel)) : null;
  const hasGeo = geoFields(ds).length > 0;

  return (
    <div className="export-tab">
      <h2>{t('export.title')}</h2>
      <p>{t('export.intro', { count: count === undefined ? '…' : n(count) })}</p>
      <fieldset className="export-options">
        <label className="check">
          <input type="checkbox" checked={useLabels} onChange={(e) => setUseLabels(e.target.checked)} />
          <span>{t('export.useLabels')}</span>
        </label>
        <label className="inline-field">
          <span>{t('export.delimiter')}</span>
          <select value={delimiter} onChange={(e) => setDelimiter(e.target.value)}>
            <option value=";">;</option><option value=",">,</option><option value={'\t'}>Tab</option><option value="|">|</option>
          </select>
        </label>
      </fieldset>
      {GROUPS.filter((g) => !g.geo || hasGeo).map((g) => (
        <section key={g.key} aria-labelledby={`exp-${g.key}`}>
          <h3 id={`exp-${g.key}`}>{t(g.key)}</h3>
          <ul className="export-list">
            {g.formats.filter((f) => !available || available.has(f)).map((f) => {
              const params: Array<[string, string]> = [];
              if (useLabels) params.push(['use_labels', 'true']);
              if (f === 'csv') params.push(['delimiter', delimiter]);
              return (
                <li key={f}>
                  <a className="download" href={exportUrl(ds.dataset_id, f, filters, params)} download>
                    {t('export.download', { format: NAMES[f] ?? f })}
                  </a>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </div>
  );
}
