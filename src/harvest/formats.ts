// One word for a remote file's format, whatever the source portal calls it: CKAN's free-text
// `format` ("CSV", "text/csv", "ESRI Shapefile"), DCAT's dct:format/dcat:mediaType IRIs, a URL's extension.
// Pure: no I/O. The words are the ingest readers' (csv, json, geojson, …) so a harvest can import what it lists.

/** Formats Agora can import (the ingest readers) — a harvested dataset is fully importable only from one of these. */
export const IMPORTABLE_FORMATS = ['csv', 'tsv', 'json', 'geojson', 'xlsx', 'parquet', 'shapefile', 'kml', 'gpx'] as const;
export type ImportableFormat = (typeof IMPORTABLE_FORMATS)[number];

const BY_WORD: Record<string, string> = {
  csv: 'csv', 'text/csv': 'csv', 'application/csv': 'csv', 'text/comma-separated-values': 'csv',
  tsv: 'tsv', 'text/tab-separated-values': 'tsv',
  json: 'json', 'application/json': 'json', 'text/json': 'json',
  geojson: 'geojson', 'application/geo+json': 'geojson', 'application/vnd.geo+json': 'geojson',
  xlsx: 'xlsx', excel: 'xlsx', 'ms excel': 'xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  xls: 'xls', 'application/vnd.ms-excel': 'xls',
  parquet: 'parquet', 'application/vnd.apache.parquet': 'parquet', 'application/x-parquet': 'parquet',
  shp: 'shapefile', shapefile: 'shapefile', 'esri shapefile': 'shapefile', 'shp zip': 'shapefile', 'zipped shapefile': 'shapefile',
  'application/x-shapefile': 'shapefile', 'application/vnd.shp': 'shapefile',
  kml: 'kml', 'application/vnd.google-earth.kml+xml': 'kml', kmz: 'kmz', 'application/vnd.google-earth.kmz': 'kmz',
  gpx: 'gpx', 'application/gpx+xml': 'gpx',
  xml: 'xml', 'application/xml': 'xml', 'text/xml': 'xml',
  pdf: 'pdf', 'application/pdf': 'pdf',
  html: 'html', 'text/html': 'html',
  zip: 'zip', 'application/zip': 'zip',
  rdf: 'rdf', 'application/rdf+xml': 'rdf', turtle: 'turtle', 'text/turtle': 'turtle', 'application/ld+json': 'jsonld', jsonld: 'jsonld',
};

const BY_EXTENSION: Record<string, string> = {
  csv: 'csv', tsv: 'tsv', json: 'json', geojson: 'geojson', xlsx: 'xlsx', xls: 'xls', parquet: 'parquet',
  shp: 'shapefile', kml: 'kml', kmz: 'kmz', gpx: 'gpx', xml: 'xml', pdf: 'pdf', zip: 'zip', rdf: 'rdf', ttl: 'turtle', jsonld: 'jsonld',
};

/** A table's own entry only: a remote word such as "constructor" must not reach Object.prototype. */
const own = (table: Record<string, string>, key: string): string | null => (Object.hasOwn(table, key) ? table[key] : null);

/** The normalised word for a format given as free text, a media type or an IRI (EU file-type or IANA). */
function fromWord(word: string | null | undefined): string | null {
  if (!word) return null;
  let w = word.trim().toLowerCase();
  if (!w) return null;
  // IRIs: http://publications.europa.eu/resource/authority/file-type/CSV, https://www.iana.org/assignments/media-types/text/csv
  const iana = /iana\.org\/assignments\/media-types\/(.+)$/.exec(w);
  if (iana) w = iana[1];
  else if (/^https?:\/\//.test(w)) w = w.replace(/\/+$/, '').split('/').pop() ?? w;
  w = w.replace(/;.*$/, '').replace(/^\./, '').trim();
  return own(BY_WORD, w.replace(/_/g, ' ')) ?? own(BY_WORD, w);
}

function fromUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  let path: string;
  try { path = new URL(url).pathname; } catch { return null; }
  const ext = /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase();
  return ext ? own(BY_EXTENSION, ext) : null;
}

/**
 * The format of a remote file: the portal's own format word first, then its media type, then the URL's
 * extension; otherwise the remote's word lower-cased (so the catalog still shows what the source said), or null.
 */
export function normaliseFormat(format: string | null | undefined, mediaType?: string | null, url?: string | null): string | null {
  return fromWord(format) ?? fromWord(mediaType) ?? fromUrl(url) ?? (format?.trim() ? format.trim().toLowerCase() : null);
}

export function isImportable(format: string | null | undefined): format is ImportableFormat {
  return !!format && (IMPORTABLE_FORMATS as readonly string[]).includes(format);
}
