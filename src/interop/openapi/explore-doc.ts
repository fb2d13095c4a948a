// The OpenAPI 3.1 document of the whole portal API: Explore API v2.1 (catalog, records, facets,
// exports), the catalog feeds and the CKAN Action API (reads and writes). Built from our own route list and
// format registries, so a new export format shows up here without editing this file.
import { catalogFeedFormats } from '../../server/feeds.ts';
import { rendererFormats } from '../../server/respond/renderer.ts';
import { EXPORT_FORMATS } from '../formats.ts';
import { CKAN_ACTIONS } from '../ckan/actions-list.ts';
import { ERROR_RESPONSES, PARAMETERS, paramRefs } from './parameters.ts';
import { DATASET, ERROR_BODY, FACETS, FIELD, GEOJSON_GEOMETRY, recordsBody, type Schema } from './schemas.ts';

export const CATALOG_RECORD_FORMATS = ['csv', 'json', 'jsonl', 'xlsx'];

const json = (schema: Schema, description = 'OK') => ({ description, content: { 'application/json': { schema } } });
const file = (description: string) => ({ description, content: { 'application/octet-stream': { schema: { type: 'string', contentEncoding: 'binary' } } } });
const datasetIdParam = { name: 'dataset_id', in: 'path', required: true, description: 'Dataset identifier.', schema: { type: 'string', pattern: '^[a-z0-9_-]+$' } };

export function datasetExportFormatNames(): string[] {
  return [...new Set([...EXPORT_FORMATS.map((f) => f.format), ...rendererFormats()])].sort();
}

export function exploreApiDocument(baseUrl: string, portalName: string): Record<string, unknown> {
  const catalogFormats = [...new Set([...CATALOG_RECORD_FORMATS, ...catalogFeedFormats()])];
  const recordParams = paramRefs('select', 'where', 'group_by', 'order_by', 'limit', 'offset', 'refine', 'exclude', 'lang', 'timezone', 'include_links', 'include_app_metas');
  const exportParams = paramRefs('select', 'where', 'group_by', 'order_by', 'limit_export', 'offset', 'refine', 'exclude', 'lang', 'timezone', 'use_labels', 'delimiter', 'with_bom', 'neutralise_formulas', 'compressed');
  const root = { servers: [{ url: baseUrl }] };
  const paths: Record<string, unknown> = {
    '/catalog/datasets': { get: { operationId: 'getDatasets', tags: ['Catalog'], summary: 'Search the catalog of datasets', parameters: recordParams, responses: { 200: json(recordsBody('#/components/schemas/Dataset')), ...ERROR_RESPONSES } } },
    '/catalog/datasets/{dataset_id}': { get: { operationId: 'getDataset', tags: ['Catalog'], summary: 'One dataset: fields and metadata', parameters: [datasetIdParam, ...paramRefs('select', 'lang', 'timezone', 'include_links', 'include_app_metas')], responses: { 200: json({ $ref: '#/components/schemas/Dataset' }), ...ERROR_RESPONSES } } },
    '/catalog/facets': { get: { operationId: 'getCatalogFacets', tags: ['Catalog'], summary: 'Facet values over the catalog', parameters: paramRefs('facet', 'refine', 'exclude', 'where', 'timezone'), responses: { 200: json({ $ref: '#/components/schemas/Facets' }), ...ERROR_RESPONSES } } },
    '/catalog/exports': { get: { operationId: 'listCatalogExportFormats', tags: ['Catalog'], summary: 'Catalog export formats', responses: { 200: json({ type: 'object' }) } } },
    '/catalog/exports/{format}': {
      get: {
        operationId: 'exportCatalog', tags: ['Catalog', 'Feeds'], summary: 'Export the catalog (records formats, DCAT-AP, data.json, RSS)',
        description: 'DCAT formats negotiate their syntax: `Accept: text/turtle`, `application/ld+json` or `application/rdf+xml` (default), or `?format=ttl|jsonld|rdf`. Paged with `page` and `page_size` (hydra links).',
        parameters: [
          { name: 'format', in: 'path', required: true, schema: { enum: catalogFormats } },
          { name: 'include_exports', in: 'query', description: 'DCAT/data.json: comma-separated dataset export formats to list as distributions.', schema: { type: 'string' } },
          { name: 'use_labels_in_exports', in: 'query', description: 'DCAT: download URLs of formats that name fields (CSV, XLSX, KML, GPX) ask for field labels rather than names.', schema: { type: 'boolean', default: true } },
          { name: 'page', in: 'query', description: 'DCAT and Dublin Core: 1-based page of datasets.', schema: { type: 'integer', minimum: 1 } },
          { name: 'page_size', in: 'query', description: 'DCAT and Dublin Core: datasets per page.', schema: { type: 'integer', minimum: 1, maximum: 1000, default: 100 } },
          ...paramRefs('where', 'order_by', 'limit_export', 'offset', 'refine', 'exclude', 'lang', 'timezone'),
        ],
        responses: { 200: file('The catalog in the requested format.'), 400: ERROR_RESPONSES[400] },
      },
    },
    '/catalog/datasets/{dataset_id}/records': { get: { operationId: 'getRecords', tags: ['Dataset'], summary: 'Query the records of a dataset (ODSQL)', parameters: [datasetIdParam, ...recordParams], responses: { 200: json(recordsBody('#/components/schemas/Record')), ...ERROR_RESPONSES } } },
    '/catalog/datasets/{dataset_id}/records/{record_id}': { get: { operationId: 'getRecord', tags: ['Dataset'], summary: 'One record', parameters: [datasetIdParam, { name: 'record_id', in: 'path', required: true, schema: { type: 'string' } }, ...paramRefs('select', 'lang', 'timezone')], responses: { 200: json({ $ref: '#/components/schemas/Record' }), ...ERROR_RESPONSES } } },
    '/catalog/datasets/{dataset_id}/facets': { get: { operationId: 'getRecordsFacets', tags: ['Dataset'], summary: 'Facet values of a dataset', parameters: [datasetIdParam, ...paramRefs('facet', 'where', 'refine', 'exclude', 'lang', 'timezone')], responses: { 200: json({ $ref: '#/components/schemas/Facets' }), ...ERROR_RESPONSES } } },
    '/catalog/datasets/{dataset_id}/exports': { get: { operationId: 'listDatasetExportFormats', tags: ['Dataset'], summary: 'Export formats of a dataset', parameters: [datasetIdParam], responses: { 200: json({ type: 'object' }), ...ERROR_RESPONSES } } },
    '/catalog/datasets/{dataset_id}/exports/{format}': { get: { operationId: 'exportRecords', tags: ['Dataset'], summary: 'Export every matching record, streamed', parameters: [datasetIdParam, { name: 'format', in: 'path', required: true, schema: { enum: datasetExportFormatNames() } }, ...exportParams], responses: { 200: file('The records in the requested format (datapackage: a zip with datapackage.json and a CSV).'), ...ERROR_RESPONSES } } },
    '/catalog/datasets/{dataset_id}/attachments': { get: { operationId: 'getDatasetAttachments', tags: ['Dataset'], summary: 'Files attached to a dataset', parameters: [datasetIdParam], responses: { 200: json({ type: 'object' }), ...ERROR_RESPONSES } } },
    '/catalog/datasets/{dataset_id}/openapi.json': { get: { operationId: 'getDatasetOpenApi', tags: ['Dataset'], summary: 'OpenAPI 3.1 document of one dataset, typed from its schema', parameters: [datasetIdParam], responses: { 200: json({ type: 'object' }), ...ERROR_RESPONSES } } },
    '/openapi.json': { get: { operationId: 'getOpenApi', tags: ['Catalog'], summary: 'This document', responses: { 200: json({ type: 'object' }) } } },
    '/data.json': { ...root, get: { operationId: 'getDataJson', tags: ['Feeds'], summary: 'DCAT-US 1.1 catalog (data.json)', responses: { 200: json({ type: 'object' }) } } },
  };
  for (const a of CKAN_ACTIONS.filter((x) => x.write)) {
    const properties = Object.fromEntries(a.params.map((p) => [p.name, { ...p.schema, description: p.description }]));
    const body = { type: 'object', properties, required: a.params.filter((p) => p.required).map((p) => p.name) };
    paths[`/api/3/action/${a.name}`] = {
      ...root,
      post: {
        operationId: `ckan_${a.name}`, tags: ['CKAN'], summary: a.summary,
        description: 'Needs an API key (Authorization: Apikey KEY, the bare key, or X-CKAN-API-Key) with the permissions named; every change is audited.',
        requestBody: { required: true, content: { 'application/json': { schema: body }, 'multipart/form-data': { schema: body } } },
        responses: {
          200: json({ $ref: '#/components/schemas/CkanSuccess' }, 'CKAN envelope with success true'),
          403: json({ $ref: '#/components/schemas/CkanError' }, 'Authorization Error (no key, or a permission missing)'),
          404: json({ $ref: '#/components/schemas/CkanError' }, 'Not Found Error'),
          409: json({ $ref: '#/components/schemas/CkanError' }, 'Validation Error (each parameter or record in error named)'),
        },
      },
    };
  }
  for (const a of CKAN_ACTIONS.filter((x) => !x.write)) {
    paths[`/api/3/action/${a.name}`] = {
      ...root,
      get: {
        operationId: `ckan_${a.name}`, tags: ['CKAN'], summary: a.summary,
        parameters: a.params.map((p) => ({ name: p.name, in: 'query', required: p.required ?? false, description: p.description, schema: p.schema })),
        responses: {
          200: json({ $ref: '#/components/schemas/CkanSuccess' }, 'CKAN envelope with success true'),
          400: json({ $ref: '#/components/schemas/CkanError' }, 'Search Query Error (malformed q, fq or sort)'),
          403: json({ $ref: '#/components/schemas/CkanError' }, 'Authorization Error (datastore_search_sql is disabled)'),
          404: json({ $ref: '#/components/schemas/CkanError' }, 'Not Found Error'),
          409: json({ $ref: '#/components/schemas/CkanError' }, 'Validation Error (missing or invalid parameter)'),
        },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: `${portalName} API`, version: 'v2.1',
      description: 'Explore API v2.1 (Opendatasoft-compatible, ODSQL), catalog feeds (DCAT-AP 3.0, DCAT-US 1.1, RSS, Dublin Core) and a CKAN Action API (reads, and writes with an API key).',
    },
    servers: [{ url: `${baseUrl}/api/explore/v2.1` }],
    tags: [
      { name: 'Catalog', description: 'Datasets of the portal.' }, { name: 'Dataset', description: 'Records of one dataset.' },
      { name: 'Feeds', description: 'Standard catalog feeds for harvesters.' }, { name: 'CKAN', description: 'CKAN Action API for tools written for CKAN: reads, and package, resource and datastore writes.' },
    ],
    paths,
    components: {
      parameters: PARAMETERS,
      schemas: {
        Dataset: DATASET, Field: FIELD, Facets: FACETS, Error: ERROR_BODY, GeoJsonGeometry: GEOJSON_GEOMETRY,
        Record: { type: 'object', description: 'A record: field names to values; see each dataset\'s own OpenAPI document for its typed fields.', additionalProperties: true },
        CkanSuccess: { type: 'object', required: ['help', 'success', 'result'], properties: { help: { type: 'string' }, success: { const: true }, result: {} } },
        CkanError: {
          type: 'object', required: ['help', 'success', 'error'],
          properties: { help: { type: 'string' }, success: { const: false }, error: { type: 'object', required: ['__type'], properties: { __type: { type: 'string' }, message: { type: 'string' } }, additionalProperties: true } },
        },
      },
    },
  };
}
