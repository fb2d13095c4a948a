// The export formats a dataset offers as downloads, with their media types and EU file-type
// vocabulary codes: one table read by every feed (DCAT, data.json, schema.org, CKAN, OpenAPI).
import type { Dataset } from '../core/types.ts';
import { GEO_TYPES } from '../core/types.ts';
import { rendererFormats } from '../server/respond/renderer.ts';

export interface ExportFormat {
  format: string;
  title: string;
  mediaType: string;
  /** Code in http://publications.europa.eu/resource/authority/file-type/ */
  euFileType: string;
  /** Only offered when the dataset has a geo field. */
  needsGeo: boolean;
  /** mediaType is registered at IANA (DCAT-AP dcat:mediaType must point to the IANA registry). */
  iana: boolean;
  /** The file is a zip archive holding the data (DCAT dcat:packageFormat). */
  zipped?: boolean;
  /** The file names the fields (CSV header, KML/GPX descriptions): `use_labels` applies. */
  namesFields?: boolean;
}

const EU_FILE_TYPE = 'http://publications.europa.eu/resource/authority/file-type/';

export const EXPORT_FORMATS: readonly ExportFormat[] = [
  { format: 'csv', title: 'CSV', mediaType: 'text/csv', euFileType: 'CSV', needsGeo: false, iana: true, namesFields: true },
  { format: 'json', title: 'JSON', mediaType: 'application/json', euFileType: 'JSON', needsGeo: false, iana: true },
  { format: 'jsonl', title: 'JSON Lines', mediaType: 'application/jsonl', euFileType: 'JSON', needsGeo: false, iana: false },
  { format: 'xlsx', title: 'Excel', mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', euFileType: 'XLSX', needsGeo: false, iana: true, namesFields: true },
  { format: 'parquet', title: 'Parquet', mediaType: 'application/vnd.apache.parquet', euFileType: 'PARQUET', needsGeo: false, iana: true },
  { format: 'datapackage', title: 'Frictionless Data Package', mediaType: 'application/zip', euFileType: 'ZIP', needsGeo: false, iana: true, zipped: true },
  { format: 'geojson', title: 'GeoJSON', mediaType: 'application/geo+json', euFileType: 'GEOJSON', needsGeo: true, iana: true },
  { format: 'kml', title: 'KML', mediaType: 'application/vnd.google-earth.kml+xml', euFileType: 'KML', needsGeo: true, iana: true, namesFields: true },
  { format: 'gpx', title: 'GPX', mediaType: 'application/gpx+xml', euFileType: 'GPX', needsGeo: true, iana: false, namesFields: true },
  { format: 'shp', title: 'Shapefile', mediaType: 'application/zip', euFileType: 'SHP', needsGeo: true, iana: true, zipped: true },
  { format: 'fgb', title: 'FlatGeobuf', mediaType: 'application/flatgeobuf', euFileType: 'BIN', needsGeo: true, iana: false },
  { format: 'ov2', title: 'TomTom OV2', mediaType: 'application/octet-stream', euFileType: 'BIN', needsGeo: true, iana: true },
  { format: 'turtle', title: 'RDF Turtle', mediaType: 'text/turtle', euFileType: 'RDF_TURTLE', needsGeo: false, iana: true },
  { format: 'n3', title: 'RDF N3', mediaType: 'text/n3', euFileType: 'N3', needsGeo: false, iana: true },
  { format: 'rdfxml', title: 'RDF/XML', mediaType: 'application/rdf+xml', euFileType: 'RDF_XML', needsGeo: false, iana: true },
  { format: 'jsonld', title: 'JSON-LD', mediaType: 'application/ld+json', euFileType: 'JSON_LD', needsGeo: false, iana: true },
];

export function euFileTypeUri(f: ExportFormat): string { return EU_FILE_TYPE + f.euFileType; }

export function hasGeo(ds: Dataset): boolean { return ds.fields.some((f) => GEO_TYPES.has(f.type)); }

/** Formats a dataset can be downloaded in. When renderers are registered (a running app), only
 *  those actually served are listed; `include` (ODS `include_exports`) narrows the list further. */
export function datasetExportFormats(ds: Dataset, include?: readonly string[]): ExportFormat[] {
  const served = new Set(rendererFormats());
  const geo = hasGeo(ds);
  return EXPORT_FORMATS.filter((f) => (geo || !f.needsGeo)
    && (served.size === 0 || served.has(f.format))
    && (!include || include.length === 0 || include.includes(f.format)));
}

export function exportUrl(baseUrl: string, datasetId: string, format: string): string {
  return `${baseUrl}/api/explore/v2.1/catalog/datasets/${encodeURIComponent(datasetId)}/exports/${format}`;
}

/** The download URL of an export, asking for field labels instead of names where the format names
 *  its fields and `useLabels` is set (ODS `use_labels_in_exports` of the DCAT export). */
export function downloadUrl(baseUrl: string, datasetId: string, f: ExportFormat, useLabels: boolean): string {
  return exportUrl(baseUrl, datasetId, f.format) + (useLabels && f.namesFields ? '?use_labels=true' : '');
}

export function datasetPageUrl(baseUrl: string, datasetId: string): string {
  return `${baseUrl}/datasets/${encodeURIComponent(datasetId)}`;
}

export function datasetApiUrl(baseUrl: string, datasetId: string): string {
  return `${baseUrl}/api/explore/v2.1/catalog/datasets/${encodeURIComponent(datasetId)}`;
}
