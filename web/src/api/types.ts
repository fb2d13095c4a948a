// Shapes of the Explore API v2.1 answers the app reads (see the OpenAPI document). Types only.

export type FieldType =
  | 'text' | 'int' | 'double' | 'boolean' | 'date' | 'datetime'
  | 'geo_point_2d' | 'geo_shape' | 'json_blob' | 'file';

export interface ApiField {
  name: string;
  label: string;
  type: FieldType;
  description: string | null;
  annotations: Record<string, unknown[]>;
}

export interface DefaultMetas {
  title?: string;
  description?: string | null;
  theme?: string[] | null;
  keyword?: string[] | null;
  license?: string | null;
  license_url?: string | null;
  language?: string | null;
  publisher?: string | null;
  references?: string | null;
  attributions?: string[] | string | null;
  modified?: string | null;
  data_processed?: string | null;
  metadata_processed?: string | null;
  records_count?: number;
  territory?: string[] | null;
  [key: string]: unknown;
}

/** Where a harvested dataset comes from (metas.harvest, read-only; absent on other datasets). */
export interface HarvestMetas {
  source_uid: string;
  source_name: string;
  source_type: string;
  source_url: string;
  remote_id: string;
  remote_url: string | null;
  license: string | null;
  license_url: string | null;
  harvested_at: string;
  /** true: only the metadata is here, the data stays in the source's files. */
  metadata_only: boolean;
  files: Array<{ url: string; format: string | null; title: string | null; media_type: string | null }>;
}

export interface ApiDataset {
  dataset_id: string;
  dataset_uid?: string;
  has_records?: boolean;
  data_visible?: boolean;
  features?: string[];
  metas: { default: DefaultMetas; dcat?: Record<string, unknown>; harvest?: HarvestMetas; [template: string]: unknown };
  fields: ApiField[];
  attachments?: Array<{ id: string; title: string; mimetype?: string; url?: string }>;
}

export interface Link { rel: string; href: string }

export interface DatasetList { total_count: number; results: ApiDataset[]; _links?: Link[] }

export type ApiRecord = Record<string, unknown>;

export interface RecordList { total_count?: number; results: ApiRecord[]; _links?: Link[] }

export interface FacetValue { name: string; value: string; count?: number | null; state?: string; facets?: FacetValue[] }
export interface FacetGroup { name: string; facets: FacetValue[] }
export interface FacetList { facets: FacetGroup[]; _links?: Link[]; links?: Link[] }

export interface PortalInfo {
  name: string;
  logo: string | null;
  colors: { primary: string; accent: string };
  /** Home page text from the back office's branding, as sanitised HTML. */
  home_html?: string | null;
  footer_links?: Array<{ label: string; url: string }>;
  basemap_style: string | null;
  languages: string[];
  default_language: string;
}

export interface ViewCount { dataset_id: string; views: number }
