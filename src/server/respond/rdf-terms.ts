// The RDF view of an export shared by turtle, n3, rdfxml and jsonld: each record a resource under
// the dataset's API URL (…/records/<id>, typed <dataset>/fields#Record), each field a property in
// the dataset namespace (…/fields#<name>), values as typed literals (XSD, GeoSPARQL, rdf:JSON).
import type { ResultColumn } from '../../core/request.ts';
import type { FieldType } from '../../core/types.ts';
import type { Row } from '../../storage/backend.ts';
import type { RenderContext } from './renderer.ts';
import { rowRecordId } from './columns.ts';
import { formatDate, formatDatetime, toGeoPoint, toGeometry } from './values.ts';

export const XSD = 'http://www.w3.org/2001/XMLSchema#';
export const RDF_NS = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
export const GEO = 'http://www.opengis.net/ont/geosparql#';

export interface RdfVocabulary {
  /** The dataset's Explore API URL. */
  dataset: string;
  /** Namespace of the field properties (ends with '#'). */
  fields: string;
  recordClass: string;
  predicate(c: ResultColumn): string;
  /** The record's IRI: its id when the query selected it, else its 1-based position in the export. */
  subject(row: Row, position: number): string;
}

export function rdfVocabulary(ctx: Pick<RenderContext, 'baseUrl' | 'dataset'>): RdfVocabulary {
  const dataset = `${ctx.baseUrl.replace(/\/+$/, '')}/api/explore/v2.1/catalog/datasets/${encodeURIComponent(ctx.dataset.dataset_id)}`;
  const fields = `${dataset}/fields#`;
  return {
    dataset, fields, recordClass: `${fields}Record`,
    predicate: (c) => fields + encodeURIComponent(c.name),
    subject: (row, position) => `${dataset}/records/${encodeURIComponent(rowRecordId(row) ?? String(position))}`,
  };
}

export interface RdfLiteral { value: string; datatype: string }

const XSD_TYPE: Partial<Record<FieldType, string>> = {
  int: `${XSD}integer`, double: `${XSD}double`, boolean: `${XSD}boolean`, date: `${XSD}date`, datetime: `${XSD}dateTime`,
};

function xsdDouble(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? 'INF' : '-INF';
  return String(n);
}

function literal(v: unknown, type: FieldType, timezone: string): RdfLiteral | null {
  switch (type) {
    case 'int': return typeof v === 'number' && Number.isFinite(v) ? { value: String(Math.trunc(v)), datatype: XSD_TYPE.int! } : null;
    case 'double': return typeof v === 'number' ? { value: xsdDouble(v), datatype: XSD_TYPE.double! } : null;
    case 'boolean': return { value: v === true || v === 'true' ? 'true' : 'false', datatype: XSD_TYPE.boolean! };
    case 'date': return v instanceof Date || typeof v === 'string' ? { value: formatDate(v), datatype: XSD_TYPE.date! } : null;
    case 'datetime': return v instanceof Date ? { value: formatDatetime(v, timezone), datatype: XSD_TYPE.datetime! } : null;
    case 'geo_point_2d': {
      const p = toGeoPoint(v);
      return p ? { value: `POINT(${p.lon} ${p.lat})`, datatype: `${GEO}wktLiteral` } : null;
    }
    case 'geo_shape': {
      const g = toGeometry(v);
      return g ? { value: JSON.stringify(g), datatype: `${GEO}geoJSONLiteral` } : null;
    }
    case 'json_blob':
    case 'file': {
      let text = typeof v === 'string' ? v : JSON.stringify(v);
      try { text = JSON.stringify(JSON.parse(text)); } catch { /* keep the text as stored */ }
      return { value: text, datatype: `${RDF_NS}JSON` };
    }
    default:
      return { value: v instanceof Date ? formatDatetime(v, timezone) : typeof v === 'object' ? JSON.stringify(v) : String(v), datatype: `${XSD}string` };
  }
}

/** The literals of one value: none for null, one per element for a multivalued list. */
export function rdfLiterals(value: unknown, type: FieldType, timezone: string): RdfLiteral[] {
  if (value === null || value === undefined) return [];
  const values = Array.isArray(value) && type !== 'json_blob' ? value : [value];
  return values.map((v) => (v === null || v === undefined ? null : literal(v, type, timezone))).filter((l): l is RdfLiteral => l !== null);
}
