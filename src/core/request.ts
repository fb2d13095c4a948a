// What an Explore API call asks for, after HTTP parsing and defaults (server/ builds it, the CLI
// too), and who asks (the caller's access rules, applied by plan/ only). Plain data.

/** The ODSQL-bearing parameters of records, facets and exports calls. */
export interface RecordsQuery {
  select?: string;
  /** Repeated `where` parameters are ANDed. */
  where: string[];
  group_by?: string;
  order_by?: string;
  /** undefined → the endpoint's default (10 for records; unlimited for exports). */
  limit?: number;
  offset?: number;
  /** "field:value" refinements and exclusions, as sent (value may be quoted). */
  refine: string[];
  exclude: string[];
  lang?: string;
  /** IANA timezone for date functions and datetime rendering; default UTC. */
  timezone?: string;
  /** Agora extension: of the records that pass the filters, only the latest (largest record id) of
   *  each value of this field — e.g. the last reading of each sensor, for a map. */
  latest_by?: string;
}

/** Security rules of the caller for one dataset (governance issue fills these; default: none). */
export interface AccessRules {
  /** ODSQL where applied before the caller's own query, invisible to them. */
  filterQuery?: string;
  /** null = every field visible. */
  visibleFields?: string[] | null;
  isDataVisible?: boolean;
}

export const NO_RULES: AccessRules = Object.freeze({});

/** A column of a query result, as renderers need to know it. */
export interface ResultColumn {
  /** Output name (a field name, or the alias/label of an expression). */
  name: string;
  /** The ODS type of the value; expressions get the type the analyzer inferred. */
  type: import('./types.ts').FieldType;
  /** The field's label when the column is a plain field (for use_labels). */
  label?: string;
}

/** SQL ready to run, with its parameters bound and the shape of its rows described. */
export interface CompiledQuery {
  sql: string;
  params: import('../storage/backend.ts').SqlParam[];
  columns: ResultColumn[];
}
