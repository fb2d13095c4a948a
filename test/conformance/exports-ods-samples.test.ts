// Our csv/json/geojson renderers against real Opendatasoft exports (/work/shared/data/ods-export-samples):
// rows are rebuilt from each real export (read by DuckDB or JSON.parse), rendered again, and compared
// with the real file, value for value where the sample allows, convention by convention otherwise.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDBBackend } from '../../src/storage/duckdb/index.ts';
import { getRenderer, parseExportOptions, type RenderContext } from '../../src/server/respond/index.ts';
import { collect } from '../../src/server/respond/streams.ts';
import type { ResultColumn } from '../../src/core/request.ts';
import type { FieldType } from '../../src/core/types.ts';
import type { Row } from '../../src/storage/backend.ts';
import { DATA } from './shared.ts';

const SAMPLES = join(DATA, 'ods-export-samples');
const have = existsSync(SAMPLES);
const sample = (name: string) => join(SAMPLES, name);

function ctx(rows: Row[], columns: ResultColumn[], query: Record<string, string>, datasetId: string): RenderContext {
  async function* batches(): AsyncIterable<Row[]> { for (let i = 0; i < rows.length; i += 500) yield rows.slice(i, i + 500); }
  return {
    dataset: { dataset_id: datasetId, metas: { default: { title: datasetId } } } as never,
    columns, rows: batches(), options: parseExportOptions(query), query: { sql: '', params: [], columns },
    // Rows come from the samples, not a store: no engine types, so csv takes its row path (the engine
    // path is held byte-identical to it in test/respond/csv-engine.test.ts).
    backend: { describe: async () => [] } as never, baseUrl: 'https://data.example.org',
  };
}

async function renderText(format: string, c: RenderContext): Promise<string> {
  return (await collect(getRenderer(format)!.render(c))).toString('utf8');
}

/** ODS field type of a value in the real JSON export. */
function typeOfJsonValue(v: unknown): FieldType | null {
  if (v === null) return null;
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'double';
  if (typeof v === 'object' && (v as { type?: string }).type === 'Feature') return 'geo_shape';
  if (typeof v === 'object' && 'lon' in (v as object) && 'lat' in (v as object)) return 'geo_point_2d';
  return 'text';
}

describe.skipIf(!have)('exports compared with real ODS export samples', () => {
  let db: DuckDBBackend;
  beforeAll(async () => { db = new DuckDBBackend({ dataDir: null }); await db.open(); });
  afterAll(async () => { await db?.close(); });

  // paris-plaques-commemoratives: the real JSON export, back to rows (geo_shape as geometry text).
  const plaques = have ? JSON.parse(readFileSync(sample('paris-plaques-commemoratives.ods-export.json'), 'utf8')) as Array<Record<string, unknown>> : [];
  const plaqueColumns: ResultColumn[] = have ? Object.keys(plaques[0]!).map((name) => {
    const types = new Set(plaques.map((r) => typeOfJsonValue(r[name])).filter(Boolean));
    // A column holding both ints and floats is a double field (JSON drops the ".0").
    const type = (types.has('double') ? 'double' : [...types][0] ?? 'text') as FieldType;
    return { name, type };
  }) : [];
  const plaqueRows: Row[] = plaques.map((r) => {
    const row: Row = { ...r };
    const shape = r.geo_shape as { geometry: unknown } | null;
    row.geo_shape = shape ? JSON.stringify(shape.geometry) : null;
    return row;
  });

  it('JSON: re-rendering the rows of the real JSON export gives the same records, keys in the same order', async () => {
    expect(plaqueColumns.find((c) => c.name === 'geo_shape')?.type).toBe('geo_shape');
    expect(plaqueColumns.find((c) => c.name === 'geo_point_2d')?.type).toBe('geo_point_2d');
    const ours = JSON.parse(await renderText('json', ctx(plaqueRows, plaqueColumns, {}, 'paris-plaques-commemoratives')));
    expect(ours).toHaveLength(plaques.length);
    expect(ours).toEqual(plaques);
    expect(Object.keys(ours[0])).toEqual(Object.keys(plaques[0]!));
    expect(Object.keys(ours[0].geo_shape)).toEqual(Object.keys(plaques[0]!.geo_shape as object)); // type, geometry, properties
  });

  it('GeoJSON: same FeatureCollection conventions as the real les-arbres GeoJSON export', async () => {
    const real = JSON.parse(readFileSync(sample('les-arbres.subset.ods-export.geojson'), 'utf8'));
    const ours = JSON.parse(await renderText('geojson', ctx(plaqueRows, plaqueColumns, {}, 'paris-plaques-commemoratives')));
    expect(Object.keys(ours)).toEqual(Object.keys(real));
    expect(Object.keys(ours.features[0])).toEqual(Object.keys(real.features[0]));
    expect(ours.features[0].geometry.type).toBe(real.features[0].geometry.type);
    // [lon, lat] order: Paris lies around 2.3°E, 48.8°N in both.
    for (const fc of [real, ours]) {
      const [lon, lat] = fc.features[0].geometry.coordinates;
      expect(lon).toBeGreaterThan(2); expect(lon).toBeLessThan(2.6);
      expect(lat).toBeGreaterThan(48.7); expect(lat).toBeLessThan(49);
    }
    // The geometry field leaves the properties; ints stay JSON numbers, missing values are null.
    expect(real.features[0].properties).not.toHaveProperty('geo_point_2d');
    expect(ours.features[0].properties).not.toHaveProperty('geo_shape');
    expect(typeof real.features[0].properties.idbase).toBe('number');
    expect(typeof ours.features[0].properties.index_plaque).toBe('number');
    expect(real.features[0].properties.complementadresse).toBeNull();
    expect(ours.features.map((f: { geometry: unknown }) => f.geometry)).toEqual(plaques.map((p) => (p.geo_shape as { geometry: unknown }).geometry));
  });

  async function readCsv(path: string): Promise<{ header: string[]; rows: Array<Record<string, string | null>> }> {
    const rows = await db.query(`SELECT * FROM read_csv(?, delim = ';', header = true, all_varchar = true, quote = '"')`, [path]) as Array<Record<string, string | null>>;
    const header = (await db.query(`SELECT column_name FROM (DESCRIBE SELECT * FROM read_csv(?, delim = ';', header = true, all_varchar = true))`, [path])).map((r) => String(r.column_name));
    return { header, rows };
  }

  function latLon(text: string | null): { lon: number; lat: number } | null {
    if (!text) return null;
    const [lat, lon] = text.split(',').map((s) => Number(s.trim()));
    return { lon: lon!, lat: lat! };
  }

  it('CSV: re-rendering the real les-arbres CSV export reproduces it line for line (labels as header)', async () => {
    const path = sample('les-arbres.2019.ods-export.csv');
    const { header, rows } = await readCsv(path);
    const doubles = new Set(['IDBASE', 'CIRCONFERENCEENCM', 'HAUTEUR (m)']);
    const columns: ResultColumn[] = header.map((label, i) => ({
      name: `f${i}`, label, type: label === 'geo_point_2d' ? 'geo_point_2d' : doubles.has(label) ? 'double' : 'text',
    }));
    const typed: Row[] = rows.map((r) => Object.fromEntries(columns.map((c) => {
      const v = r[c.label!] ?? null;
      return [c.name, c.type === 'double' ? (v === null ? null : Number(v)) : c.type === 'geo_point_2d' ? latLon(v) : v];
    })));
    const ours = await renderText('csv', ctx(typed, columns, { use_labels: 'true', with_bom: 'false' }, 'les-arbres'));
    const real = readFileSync(path, 'utf8');
    // This sample ends lines with LF; we write CRLF like the bike counters sample (see the next test).
    expect(ours.split('\r\n')).toEqual(real.split('\n'));
  });

  it('CSV: the real bike counters export (datetimes with the Paris offset, "3.0" doubles, CRLF) is reproduced', async () => {
    const path = sample('comptage-velo-donnees-compteurs.sample.ods-export.csv');
    const { header, rows } = await readCsv(path);
    const types: Record<string, FieldType> = {
      'Comptage horaire': 'double', 'Date et heure de comptage': 'datetime',
      "Date d'installation du site de comptage": 'date', 'Coordonnées géographiques': 'geo_point_2d',
    };
    const columns: ResultColumn[] = header.map((label, i) => ({ name: `f${i}`, label, type: types[label] ?? 'text' }));
    const typed: Row[] = rows.map((r) => Object.fromEntries(columns.map((c) => {
      const v = r[c.label!] ?? null;
      if (v === null) return [c.name, null];
      switch (c.type) {
        case 'double': return [c.name, Number(v)];
        case 'datetime': return [c.name, new Date(v)];
        case 'date': return [c.name, new Date(`${v}T00:00:00Z`)];
        case 'geo_point_2d': return [c.name, latLon(v)];
        default: return [c.name, v];
      }
    })));
    const ours = await renderText('csv', ctx(typed, columns, { use_labels: 'true', with_bom: 'false', timezone: 'Europe/Paris' }, 'comptage-velo'));
    const real = readFileSync(path, 'utf8');
    // Known difference: this sample writes its point as "lat,lon"; les-arbres (and our renderer,
    // per the portal's documented convention) write "lat, lon". Compare with that one space removed.
    expect(ours.replace(/48\.83504, 2\.33314/g, '48.83504,2.33314')).toBe(real);
    expect(ours).toContain(';2021-09-01T03:00:00+02:00;2012-02-22;');
  });

  it('CSV: the plaques records follow the same conventions as the real CSV exports', async () => {
    const text = await renderText('csv', ctx(plaqueRows, plaqueColumns, {}, 'paris-plaques-commemoratives'));
    expect(text.charCodeAt(0)).toBe(0xfeff); // v2.1 default with_bom=true
    expect(text.slice(1).split('\r\n')[0]).toBe(plaqueColumns.map((c) => c.name).join(';'));
    const dir = mkdtempSync(join(tmpdir(), 'agora-ods-csv-'));
    try {
      const path = join(dir, 'plaques.csv');
      writeFileSync(path, text);
      const { header, rows } = await readCsv(path);
      expect(header).toEqual(plaqueColumns.map((c) => c.name));
      expect(rows).toHaveLength(plaques.length);
      // geo_point_2d as "lat, lon", the text the real les-arbres CSV export shows.
      const realPoint = readFileSync(sample('les-arbres.2019.ods-export.csv'), 'utf8').split('\n')[1]!.split(';').pop()!;
      const pointPattern = /^-?\d+(\.\d+)?, -?\d+(\.\d+)?$/;
      expect(realPoint).toMatch(pointPattern);
      rows.forEach((r, i) => {
        const p = plaques[i]!.geo_point_2d as { lon: number; lat: number };
        expect(r.geo_point_2d).toMatch(pointPattern);
        expect(r.geo_point_2d).toBe(`${p.lat}, ${p.lon}`);
        // geo_shape as the GeoJSON geometry text.
        expect(JSON.parse(r.geo_shape!)).toEqual((plaques[i]!.geo_shape as { geometry: unknown }).geometry);
        expect(r.retranscription).toBe(plaques[i]!.retranscription);
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
