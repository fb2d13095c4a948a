// The respond stage's one way in: importing it registers every built-in export renderer (each file
// registers itself, as a third-party format would) and re-exports the registry, option parsing,
// the pre-flight check, gzip wrapping and the record-shape functions the JSON routes use.
import './csv.ts';
import './json.ts';
import './geojson.ts';
import './xlsx.ts';
import './parquet.ts';
import './shapefile.ts';
import './kml.ts';
import './gpx.ts';
import './fgb.ts';
import './turtle.ts';
import './rdfxml.ts';
import './jsonld.ts';
import './ov2.ts';

export { getRenderer, registerRenderer, rendererFormats } from './renderer.ts';
export type { ExportOptions, RenderContext, Renderer } from './renderer.ts';
export { assertRenderable, checkFieldOptions, parseExportOptions, type ExportQuery } from './options.ts';
export { exportFilename, gzipStream } from './streams.ts';
export { formatDate, formatDatetime, isValidTimezone, toApiRecord, toApiValue } from './values.ts';
