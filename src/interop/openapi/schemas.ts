// JSON Schemas (OpenAPI 3.1 = JSON Schema 2020-12) for Explore API values: one per ODS field type
// as records carry them, and the shared response bodies. Pure data builders.
import type { Field, FieldType } from '../../core/types.ts';

export type Schema = Record<string, unknown>;

const nullable = (s: Schema): Schema => ({ ...s, type: [s.type as string, 'null'] });

/** The JSON value of a field in a record (Explore API v2.1 conventions). */
export function fieldValueSchema(type: FieldType): Schema {
  switch (type) {
    case 'text': return nullable({ type: 'string' });
    case 'int': return nullable({ type: 'integer', format: 'int64' });
    case 'double': return nullable({ type: 'number', format: 'double' });
    case 'boolean': return nullable({ type: 'boolean' });
    case 'date': return nullable({ type: 'string', format: 'date' });
    case 'datetime': return nullable({ type: 'string', format: 'date-time' });
    case 'geo_point_2d': return {
      type: ['object', 'null'], required: ['lon', 'lat'],
      properties: { lon: { type: 'number', minimum: -180, maximum: 180 }, lat: { type: 'number', minimum: -90, maximum: 90 } },
    };
    case 'geo_shape': return {
      type: ['object', 'null'], required: ['type', 'geometry'], description: 'A GeoJSON Feature wrapping the geometry.',
      properties: { type: { const: 'Feature' }, geometry: { $ref: '#/components/schemas/GeoJsonGeometry' }, properties: { type: 'object' } },
    };
    case 'json_blob': return { description: 'Any JSON value.' };
    case 'file': return {
      type: ['object', 'null'], description: 'An attached file.',
      properties: { id: { type: 'string' }, filename: { type: 'string' }, format: { type: 'string' }, mimetype: { type: 'string' }, url: { type: 'string', format: 'uri' }, width: { type: 'integer' }, height: { type: 'integer' }, thumbnail: { type: 'boolean' } },
    };
  }
}

export function recordSchema(fields: Field[]): Schema {
  const properties: Record<string, Schema> = {};
  for (const f of fields) {
    properties[f.name] = { title: f.label, ...(f.description ? { description: f.description } : {}), ...fieldValueSchema(f.type) };
  }
  return { type: 'object', properties, additionalProperties: true };
}

export const GEOJSON_GEOMETRY: Schema = {
  type: 'object', required: ['type'],
  properties: {
    type: { enum: ['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon', 'GeometryCollection'] },
    coordinates: { type: 'array' }, geometries: { type: 'array', items: { $ref: '#/components/schemas/GeoJsonGeometry' } },
  },
};

export const ERROR_BODY: Schema = {
  type: 'object', required: ['message', 'error_code'],
  properties: { message: { type: 'string' }, error_code: { type: 'string' } },
};

export const FIELD: Schema = {
  type: 'object', required: ['name', 'type'],
  properties: {
    name: { type: 'string' }, label: { type: 'string' }, type: { enum: ['text', 'int', 'double', 'boolean', 'date', 'datetime', 'geo_point_2d', 'geo_shape', 'json_blob', 'file'] },
    description: { type: ['string', 'null'] }, annotations: { type: 'object' },
  },
};

export const DATASET: Schema = {
  type: 'object', required: ['dataset_id', 'fields', 'metas'],
  properties: {
    dataset_id: { type: 'string' }, dataset_uid: { type: 'string' }, has_records: { type: 'boolean' },
    features: { type: 'array', items: { type: 'string' } }, data_visible: { type: 'boolean' },
    fields: { type: 'array', items: { $ref: '#/components/schemas/Field' } },
    metas: { type: 'object', properties: { default: { type: 'object' }, dcat: { type: 'object' }, harvest: { type: 'object', description: 'Agora: where a harvested dataset comes from (only on harvested datasets)' } } },
  },
};

export const FACETS: Schema = {
  type: 'object',
  properties: {
    links: { type: 'array' },
    facets: {
      type: 'array', items: {
        type: 'object', properties: {
          name: { type: 'string' },
          facets: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, value: { type: 'string' }, count: { type: 'integer' }, state: { enum: ['displayed', 'refined', 'excluded'] } } } },
        },
      },
    },
  },
};

export function recordsBody(recordRef: string): Schema {
  return {
    type: 'object', required: ['total_count', 'results'],
    properties: { total_count: { type: 'integer', minimum: 0 }, results: { type: 'array', items: { $ref: recordRef } }, _links: { type: 'array' } },
  };
}
