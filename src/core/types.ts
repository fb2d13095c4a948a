// The shared vocabulary of Agora: ODS field types, field and dataset descriptions.
// Plain data only: no I/O, no SQL. Every stage imports from here.

export const FIELD_TYPES = [
  'text', 'int', 'double', 'boolean', 'date', 'datetime',
  'geo_point_2d', 'geo_shape', 'json_blob', 'file',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export interface FieldAnnotations {
  facet?: boolean;
  facetsort?: '-count' | 'alphanum' | '-alphanum';
  disjunctive?: boolean;
  hierarchical?: string;
  sortable?: boolean;
  multivalued?: string;
  unit?: string;
  decimals?: number;
  timerangeFilter?: boolean;
  id?: boolean;
}

/** A dataset field as the Explore API shows it (name is the normalised ODS name). */
export interface Field {
  name: string;
  label: string;
  type: FieldType;
  description: string | null;
  annotations: FieldAnnotations;
}

/** The ODS `default` metadata template. */
export interface DefaultMetas {
  title: string;
  description: string | null;
  theme: string[];
  keyword: string[];
  license: string | null;
  license_url: string | null;
  language: string | null;
  publisher: string | null;
  references: string | null;
  attributions: string[];
  /** Last modification: follows data and metadata changes (the two flags below, ODS) until the publisher sets it. */
  modified: string | null;
  /** ODS: whether `modified` moves on metadata changes / data changes (both true until the publisher sets `modified`). */
  modified_updates_on_metadata_change?: boolean;
  modified_updates_on_data_change?: boolean;
  data_processed: string | null;
  metadata_processed: string | null;
  records_count: number;
  territory: string[];
  timezone: string | null;
  geographic_reference?: string[];
  federated?: boolean;
  /** Agora extension: the data period, from the date and datetime fields (computed at each data change). */
  temporal_coverage?: TemporalCoverage | null;
}

/** The earliest and latest value of a dataset's date/datetime fields (YYYY-MM-DD or ISO instants) and those fields. */
export interface TemporalCoverage { start: string; end: string; fields: string[] }

/** The ODS `dcat` metadata template. */
export interface DcatMetas {
  creator: string | null;
  contributor: string | null;
  contact_name: string | null;
  contact_email: string | null;
  accrualperiodicity: string | null;
  spatial: string | null;
  temporal: string | null;
  granularity: string | null;
  issued: string | null;
  conformsto: string | null;
}

export interface DatasetMetas {
  default: DefaultMetas;
  dcat: DcatMetas;
  /** Agora's read-only `harvest` template: set only on datasets a harvest created. */
  harvest?: HarvestMetas;
}

/** Where a harvested dataset comes from (shown on its page and in DCAT as its provenance). */
export interface HarvestMetas {
  source_uid: string;
  source_name: string;
  /** The harvester type: ckan, ods, socrata, dcat, datajson. */
  source_type: string;
  /** The source portal's URL as its harvester was set up. */
  source_url: string;
  remote_id: string;
  /** The dataset's own page at the source. */
  remote_url: string | null;
  license: string | null;
  license_url: string | null;
  harvested_at: string;
  /** true: only the metadata was harvested, the files stay at the source (below). */
  metadata_only: boolean;
  files: Array<{ url: string; format: string | null; title: string | null; media_type: string | null }>;
}

/** Everything the catalog knows about one dataset. */
export interface Dataset {
  dataset_uid: string;
  dataset_id: string;
  /** Physical table holding the current published version of the records. */
  table: string;
  fields: Field[];
  metas: DatasetMetas;
  has_records: boolean;
  /** Governance (issue 6 builds on these). */
  is_restricted: boolean;
  is_published: boolean;
  /** Has an enabled real-time resource (push or MQTT): its records change live (feature "realtime"). */
  is_live?: boolean;
  created: string;
  /** Monotonic version of the data, bumped on every data change (cache key part). */
  data_version: number;
  /** Only on a caller's view of the dataset (server/access.ts describedDataset): false when their
   *  rules hide every record. Absent means visible. */
  data_visible?: boolean;
}

export const GEO_TYPES: ReadonlySet<FieldType> = new Set(['geo_point_2d', 'geo_shape']);
export const NUMERIC_TYPES: ReadonlySet<FieldType> = new Set(['int', 'double']);
export const TEMPORAL_TYPES: ReadonlySet<FieldType> = new Set(['date', 'datetime']);

/** A JSON object (not null, not an array), as request bodies are checked. */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
