// The vocabulary of ingestion: what a caller asks for, what it gets back, and the staged columns
// the readers hand to type inference. Plain data only: no I/O, no SQL.
import type { Dataset, Field, FieldType } from '../core/types.ts';
import type { RejectedRow } from '../storage/backend.ts';

export const INGEST_FORMATS = ['csv', 'tsv', 'json', 'jsonl', 'geojson', 'xlsx', 'parquet', 'kml', 'gpx', 'shapefile'] as const;
export type IngestFormat = (typeof INGEST_FORMATS)[number];

/** phase: read (bytes checked), load (the engine reading: `fraction` of it done), infer, write, publish, done. */
export interface ImportProgress { phase: string; bytes?: number; totalBytes?: number; rows?: number; fraction?: number }

export interface ImportOptions {
  /** Local path or http(s) URL. */
  source: string;
  datasetId: string;
  title?: string;
  /** create fails with DATASET_EXISTS if the dataset exists. */
  mode: 'create' | 'replace' | 'append';
  /** Detected from the extension, then the content, when absent. */
  format?: IngestFormat;
  delimiter?: string;
  encoding?: string;
  sheet?: string;
  skipBadRows?: boolean;
  /** Refuse a source that has columns but no rows (INGEST_NO_ROWS, nothing published) instead of
   *  publishing it with a warning; the command line sets it unless --allow-empty. */
  refuseNoRows?: boolean;
  /** Field name → type chosen by the publisher in place of the inferred one (create and replace). */
  fieldTypes?: Record<string, FieldType>;
  /** The published fields, in order, from the source's fields (after fieldTypes): each kept field's
   *  source name and published name; a source field left out is not published. May throw to refuse. */
  fieldLayout?: (fields: ReadonlyArray<{ name: string; type: FieldType }>) => FieldLayout;
  /** Further files published with the first as ONE data version (or one append): read with the
   *  first file's fields and types; if any of them fails, nothing is published. */
  more?: MoreSource[];
  onProgress?: (p: ImportProgress) => void;
}

/** One further file of a multi-file import: where it is and how to read it. */
export type MoreSource = Pick<ImportOptions, 'source' | 'format' | 'delimiter' | 'encoding' | 'sheet' | 'skipBadRows'>;

export type FieldLayout = Array<{ from: string; name: string }>;

/** A row left out by skipBadRows: the file as the user named it, its physical line, a short reason. */
export interface SkippedRow { file: string; line: number; reason: string }

/** Something published that the publisher should know about (e.g. `no_rows`: columns but no rows). */
export interface ImportWarning { code: 'no_rows'; file: string; message: string }

export interface ImportSummary {
  dataset: Dataset;
  rowsLoaded: number;
  rejected: RejectedRow[];
  /** The rejected rows of every file, with the file named and the reason in plain words. */
  skipped: SkippedRow[];
  warnings: ImportWarning[];
  /** Records a processor with skip_on_error left out: the record, the processor and field, why. */
  skippedByProcessors: Array<{ record: number; processor: string; position: number; field: string | null; reason: string }>;
  /** How the dataset's processors ran: one SQL statement, or JS record by record; null without processors. */
  processorsEngine?: 'sql' | 'js' | null;
  fields: Field[];
  elapsedMs: number;
}

/** One column of a staging table as the source presented it. */
export interface StagedColumn {
  /** Generated column name in the staging table (c0, c1, …): never user text. */
  col: string;
  /** The original header or key; becomes the field label. */
  label: string;
  /** Engine type of the staged column (VARCHAR, JSON, BIGINT, STRUCT(...), …). */
  engineType: string;
  /** The geometry of GeoJSON features: a Point-only column becomes a geo_point_2d. */
  role?: 'feature-geometry';
}

/** A source read into a staging table, ready for type inference. */
export interface Staging {
  table: string;
  columns: StagedColumn[];
  rows: number;
  rejected: RejectedRow[];
  /** "3,5" may be read as a decimal number (files whose delimiter is not a comma). */
  decimalComma: boolean;
  /** The file as the user named it, for error messages. */
  sourceName: string;
}

/** How the value of a field is computed from a staging row (SQL over alias `s`). */
export type ValueSource =
  | { kind: 'scalar'; expr: string }
  | { kind: 'point'; lon: string; lat: string }
  | { kind: 'shape'; sideTable: string };

/** One field of the record table and where its values come from. */
export interface FieldPlan {
  name: string;
  label: string;
  type: FieldType;
  source: ValueSource;
  /** The staged column the field reads (absent for derived fields). */
  from?: StagedColumn;
  /** For columns typed from their text: SQL of the trimmed value (`x`) and of the raw text. */
  text?: { x: string; raw: string };
}
