// The OpenAPI 3.1 document of one dataset: its records typed from the dataset's fields, facet
// values as enums, real records as examples. The samples are read by the caller (samples.ts); this
// module only shapes the document.
import type { Dataset, Field } from '../../core/types.ts';
import { datasetExportFormats } from '../formats.ts';
import { licenceOf } from '../licences.ts';
import * as m from '../metas-read.ts';
import { ERROR_RESPONSES, PARAMETERS, paramRefs } from './parameters.ts';
import { ERROR_BODY, FACETS, GEOJSON_GEOMETRY, fieldValueSchema, recordsBody, type Schema } from './schemas.ts';

export interface DatasetSamples {
  /** Up to a few real records, in Explore API JSON shape. */
  examples: Record<string, unknown>[];
  /** Distinct values of facet fields (only when few enough to enumerate). */
  enums: Record<string, Array<string | number | boolean>>;
  total: number;
}

function recordSchema(fields: Field[], s: DatasetSamples): Schema {
  const properties: Record<string, Schema> = {};
  for (const f of fields) {
    const base = fieldValueSchema(f.type);
    const values = s.enums[f.name];
    properties[f.name] = {
      title: f.label, ...(f.description ? { description: m.plainText(f.description) } : {}), ...base,
      ...(values ? { enum: [...values, null] } : {}),
      ...(f.annotations.unit ? { 'x-unit': f.annotations.unit } : {}),
    };
  }
  return { type: 'object', properties, additionalProperties: false, ...(s.examples.length ? { examples: s.examples } : {}) };
}

/** OpenAPI 3.1 `license` needs an SPDX identifier or a URL besides the name; none is better than a bare name. */
function licenceInfo(ds: Dataset): Record<string, unknown> {
  const lic = licenceOf(ds);
  if (!lic) return {};
  if (lic.spdx) return { license: { name: lic.title, identifier: lic.spdx } };
  return lic.url ? { license: { name: lic.title, url: lic.url } } : {};
}

export function datasetApiDocument(ds: Dataset, fields: Field[], s: DatasetSamples, baseUrl: string, portalName: string): Record<string, unknown> {
  const id = ds.dataset_id;
  const facetFields = fields.filter((f) => s.enums[f.name]);
  const refineExamples = Object.fromEntries(facetFields.slice(0, 5).flatMap((f) => {
    const v = s.enums[f.name]![0];
    return v === undefined ? [] : [[f.name, { summary: `Only records where ${f.label} is ${String(v)}`, value: `${f.name}:${String(v)}` }]];
  }));
  const refine = { ...PARAMETERS.refine, ...(Object.keys(refineExamples).length ? { examples: refineExamples } : {}) };
  const fieldNames = fields.map((f) => f.name);
  const select = { ...PARAMETERS.select, description: `${String(PARAMETERS.select!.description)} Fields: ${fieldNames.join(', ')}.` };
  const recordsExample = { total_count: s.total, results: s.examples };
  const jsonOk = (schema: Schema, example?: unknown) => ({ description: 'OK', content: { 'application/json': { schema, ...(example !== undefined ? { example } : {}) } } });
  return {
    openapi: '3.1.0',
    info: {
      title: `${m.title(ds)} — ${portalName} API`, version: String(ds.data_version),
      description: `${m.description(ds) || m.title(ds)}\n\nRecords of the dataset \`${id}\` through the Explore API v2.1 (ODSQL). ${s.total} records.`,
      ...licenceInfo(ds),
    },
    servers: [{ url: `${baseUrl}/api/explore/v2.1/catalog/datasets/${encodeURIComponent(id)}` }],
    paths: {
      '/records': {
        get: {
          operationId: 'getRecords', summary: `Query the records of ${m.title(ds)}`,
          parameters: [{ $ref: '#/components/parameters/select' }, ...paramRefs('where', 'group_by', 'order_by', 'limit', 'offset'), { $ref: '#/components/parameters/refine' }, ...paramRefs('exclude', 'lang', 'timezone', 'include_links')],
          responses: { 200: jsonOk(recordsBody('#/components/schemas/Record'), recordsExample), ...ERROR_RESPONSES },
        },
      },
      '/records/{record_id}': {
        get: {
          operationId: 'getRecord', summary: 'One record by id',
          parameters: [{ name: 'record_id', in: 'path', required: true, schema: { type: 'string' } }, ...paramRefs('lang', 'timezone')],
          responses: { 200: jsonOk({ $ref: '#/components/schemas/Record' }), ...ERROR_RESPONSES },
        },
      },
      '/facets': {
        get: {
          operationId: 'getFacets', summary: 'Facet values',
          parameters: [{ name: 'facet', in: 'query', required: false, schema: { enum: fieldNames } }, ...paramRefs('where', 'refine', 'exclude', 'timezone')],
          responses: { 200: jsonOk({ $ref: '#/components/schemas/Facets' }), ...ERROR_RESPONSES },
        },
      },
      '/exports/{format}': {
        get: {
          operationId: 'exportRecords', summary: 'Every matching record in a file format',
          parameters: [{ name: 'format', in: 'path', required: true, schema: { enum: datasetExportFormats(ds).map((f) => f.format) } }, ...paramRefs('select', 'where', 'order_by', 'limit_export', 'refine', 'exclude', 'timezone')],
          responses: { 200: { description: 'The file.', content: { 'application/octet-stream': { schema: { type: 'string', contentEncoding: 'binary' } } } }, ...ERROR_RESPONSES },
        },
      },
    },
    components: {
      parameters: { ...PARAMETERS, select, refine },
      schemas: { Record: recordSchema(fields, s), Facets: FACETS, Error: ERROR_BODY, GeoJsonGeometry: GEOJSON_GEOMETRY },
    },
  };
}
