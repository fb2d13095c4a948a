// The vocabulary of processors: a definition (ODS type name, parameter schema, how it plans a step
// over the fields it receives), the stored configuration of one processor in a dataset's pipeline,
// and the logical record a step works on. Plain types only: no I/O.
import type { FieldType } from '../../core/types.ts';

/** A record as processors see it: field name → a JSON-like value. Dates are "YYYY-MM-DD", datetimes
 *  ISO 8601 text, a geo_point_2d {lon, lat}, a geo_shape a GeoJSON geometry, json_blob any JSON. */
export type Value = string | number | boolean | null | Value[] | { [k: string]: Value };
export type Rec = Record<string, Value>;

/** A field entering or leaving a step. */
export interface PField { name: string; label: string; type: FieldType }

export type ParamKind =
  | 'field' // an existing field's name
  | 'fields' // a list of existing field names
  | 'new_field' // a field name the step writes (existing or new)
  | 'new_fields' // a list of such names
  | 'string' | 'number' | 'boolean'
  | 'list' // a list of strings (comma-separated text is split)
  | 'enum' // one of `options`
  | 'dataset' // a dataset id of this portal
  | 'condition' // an ODSQL boolean expression over the record's fields
  | 'expression'; // an ODSQL value expression over the record's fields

export interface ParamSpec {
  name: string;
  kind: ParamKind;
  label: string;
  required?: boolean;
  default?: string | number | boolean | null;
  options?: readonly string[];
  /** 'field' params: the field types accepted (any when absent). */
  types?: readonly FieldType[];
  help?: string;
}

/** Checked parameter values, keyed by parameter name. */
export type Params = Record<string, string | number | boolean | string[] | null>;

/** What a step may ask of the portal while it is planned (join and geojoin read another dataset). */
export interface PlanContext {
  readDataset(datasetId: string, where: string): Promise<{ fields: PField[]; records: Rec[] }>;
}

/** A planned step: the fields it hands on and what it does to one record (a record, several, or
 *  null to drop it). `apply` throws StepFailure to fail on a record, naming the field. */
export interface Step {
  fields: PField[];
  apply(rec: Rec): Rec | Rec[] | null;
}

export interface ProcessorDef {
  /** The type as ODS names it in the Automation API (e.g. "string_replace"). */
  type: string;
  label: string;
  category: 'generic' | 'text' | 'date' | 'geo';
  description: string;
  params: readonly ParamSpec[];
  plan(params: Params, fields: readonly PField[], ctx: PlanContext): Step | Promise<Step>;
  /** The step's SQL form over the same fields `plan` got (already checked by it), for a publish of a
   *  whole table (sql-run.ts); null, or no toSql, when this configuration has none and JS must run. */
  toSql?(params: Params, fields: readonly PField[], sql: SqlContext): SqlStep | null;
}

/** What a SQL form is written with: typed bound parameters and the input's columns, one per field
 *  (text, int, double, boolean, date or datetime, as the field's type says). */
export interface SqlContext {
  text(v: string): string;
  number(v: number): string;
  boolean(v: boolean): string;
  /** The quoted column of a field of the step's input. */
  col(name: string): string;
}

/** One step as SQL over the previous step's relation. Every SQL text here is made of the context's
 *  columns and parameters and of constants only. */
export interface SqlStep {
  /** Output field → its value, typed as the output field. Fields left out keep the input field of that name. */
  values: Record<string, string>;
  /** The record is kept when this is true (no `keep`: every record is). */
  keep?: string;
  /** Conditions true on a record the SQL cannot treat exactly as `apply` would (it would fail there,
   *  or the two engines' semantics part there): one such record sends the whole publish to JS. */
  jsOnly: string[];
}

/** One processor of a dataset's pipeline, as stored and as the Automation API shows it (ODS
 *  DatasetProcessor: uid, type, label and the parameters beside them; `skip_on_error` drops a
 *  record the processor fails on instead of failing the publish). */
export interface ProcessorConfig {
  uid: string;
  type: string;
  label: string;
  skip_on_error: boolean;
  params: Params;
}

/** A processor failing on one record, naming the field; the engine adds the processor and record. */
export class StepFailure extends Error {
  constructor(readonly field: string, message: string) { super(message); }
}
