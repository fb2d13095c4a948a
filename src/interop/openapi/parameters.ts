// The query parameters of the Explore API, described once for both OpenAPI documents (the whole
// API and each dataset's). Descriptions are ours; names and defaults follow ODS v2.1.
import type { Schema } from './schemas.ts';

export type Parameter = Record<string, unknown>;

const q = (name: string, description: string, schema: Schema, extra: Record<string, unknown> = {}): Parameter =>
  ({ name, in: 'query', required: false, description, schema, ...extra });

export const PARAMETERS: Record<string, Parameter> = {
  select: q('select', 'ODSQL select clause: fields, expressions with `as` aliases, aggregates. Default: every field.', { type: 'string' }, { example: '*' }),
  where: q('where', 'ODSQL filter. Repeat the parameter to AND several filters. A bare string searches the text fields.', { type: 'string' }),
  group_by: q('group_by', 'ODSQL group by clause: fields, range(), date functions.', { type: 'string' }),
  order_by: q('order_by', 'Comma-separated expressions, each optionally followed by asc or desc.', { type: 'string' }),
  limit: q('limit', 'Page size (records: at most 100; limit + offset at most 10,000).', { type: 'integer', minimum: 0, maximum: 100, default: 10 }),
  limit_export: q('limit', 'Number of records to export; -1 (default) exports every record.', { type: 'integer', minimum: -1, default: -1 }),
  offset: q('offset', 'Index of the first result, from 0.', { type: 'integer', minimum: 0, default: 0 }),
  refine: q('refine', 'Facet refinement `field:value`; repeatable.', { type: 'string' }),
  exclude: q('exclude', 'Facet exclusion `field:value`; repeatable.', { type: 'string' }),
  lang: q('lang', 'Language for formatting (e.g. date_format).', { type: 'string', default: 'fr' }),
  timezone: q('timezone', 'IANA timezone used to render datetimes and evaluate date functions.', { type: 'string', default: 'UTC' }),
  include_links: q('include_links', 'Add HATEOAS links to the response.', { type: 'boolean', default: false }),
  include_app_metas: q('include_app_metas', 'Add application metadata to the response.', { type: 'boolean', default: false }),
  facet: q('facet', 'A facet to compute (a field name); repeatable.', { type: 'string' }),
  use_labels: q('use_labels', 'CSV/XLSX: use field labels as column headers.', { type: 'boolean', default: false }),
  delimiter: q('delimiter', 'CSV field delimiter.', { enum: [';', ',', '\t', '|'], default: ';' }),
  with_bom: q('with_bom', 'CSV: start with a UTF-8 byte order mark.', { type: 'boolean', default: true }),
  compressed: q('compressed', 'Gzip the export.', { type: 'boolean', default: false }),
  neutralise_formulas: q('neutralise_formulas', "CSV/XLSX: prefix text cells starting with = + - @, tab or CR with ' so spreadsheets do not run them as formulas (CWE-1236); false keeps them as stored.", { type: 'boolean', default: true }),
};

export function paramRefs(...names: string[]): Parameter[] {
  return names.map((n) => ({ $ref: `#/components/parameters/${n}` }));
}

export const ERROR_RESPONSES = {
  400: { description: 'Invalid parameter or ODSQL.', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
  404: { description: 'Unknown dataset or record.', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
};
