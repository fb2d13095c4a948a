// The export renderer contract and registry: one renderer per format, registered by name, the
// same extension point a third-party format would use. Renderers stream; they never buffer a whole export.
import type { Backend, Row } from '../../storage/backend.ts';
import type { CompiledQuery, ResultColumn } from '../../core/request.ts';
import type { Dataset } from '../../core/types.ts';
import type { ExportChunks } from '../../plan/index.ts';

/** Export options from the query string (ODS names), already parsed to types. */
export interface ExportOptions {
  delimiter: string;
  list_separator: string;
  quote_all: boolean;
  /** csv/xlsx: text cells starting with = + - @ tab or CR get a leading ' (CWE-1236); neutralise_formulas=false keeps them as stored. */
  neutralise_formulas: boolean;
  with_bom: boolean;
  use_labels: boolean;
  compressed: boolean;
  timezone: string;
  lang: string;
  /** gpx/kml */
  name_field?: string;
  description_field_list?: string[];
  use_extension: boolean;
  /** parquet */
  parquet_compression: 'snappy' | 'zstd';
  epsg?: number;
}

export interface RenderContext {
  dataset: Dataset;
  columns: ResultColumn[];
  /** Row batches; row values follow the conventions in ../../sql (see README "Row values"). */
  rows: AsyncIterable<Row[]>;
  /** The query behind `rows`, for renderers that let the engine write the file (parquet). */
  query: CompiledQuery;
  /** The same rows as record-id ranges, when they come in stored order (csv's engine path); compiled
   *  only when a renderer asks. */
  chunks?: () => ExportChunks | null;
  backend: Backend;
  options: ExportOptions;
  baseUrl: string;
}

export interface Renderer {
  format: string;
  contentType: string;
  extension: string;
  /** Needs a geo field in the result (geojson, kml, gpx, shp, fgb, ov2). */
  needsGeo?: boolean;
  /** Checks options against the result columns before any byte is sent; throws AgoraError. */
  validate?(columns: ResultColumn[], options: ExportOptions): void;
  render(ctx: RenderContext): AsyncIterable<Buffer | string>;
}

const registry = new Map<string, Renderer>();

export function registerRenderer(r: Renderer): void { registry.set(r.format, r); }
export function getRenderer(format: string): Renderer | undefined { return registry.get(format); }
export function rendererFormats(): string[] { return [...registry.keys()]; }
