// The KML 2.2 export: one Placemark per record with a geometry (the first geo_shape, else the
// first geo_point_2d), its name from name_field, a description from description_field_list, and
// every other field as ExtendedData/Data. Coordinates stay WGS84 lon,lat as KML requires.
import { registerRenderer, type RenderContext, type Renderer } from './renderer.ts';
import { exportColumns } from './columns.ts';
import { checkFieldOptions } from './options.ts';
import { geometryColumn, rowGeometry, type Position } from './geo.ts';
import { toText } from './text.ts';
import type { GeoJsonGeometry } from './values.ts';
import { escapeXml } from './xml.ts';

const coords = (ps: Position[]): string => ps.map(([x, y, z]) => (z === undefined ? `${x},${y}` : `${x},${y},${z}`)).join(' ');

/** A GeoJSON geometry as KML geometry elements; '' when it has nothing to draw. */
export function kmlGeometry(g: GeoJsonGeometry): string {
  const c = g.coordinates as never;
  const polygon = (rings: Position[][]): string => rings.length === 0 ? '' : '<Polygon>'
    + `<outerBoundaryIs><LinearRing><coordinates>${coords(rings[0]!)}</coordinates></LinearRing></outerBoundaryIs>`
    + rings.slice(1).map((r) => `<innerBoundaryIs><LinearRing><coordinates>${coords(r)}</coordinates></LinearRing></innerBoundaryIs>`).join('')
    + '</Polygon>';
  const multi = (parts: string[]): string => (parts.length ? `<MultiGeometry>${parts.join('')}</MultiGeometry>` : '');
  switch (g.type) {
    case 'Point': return Array.isArray(c) && (c as number[]).length >= 2 ? `<Point><coordinates>${coords([c])}</coordinates></Point>` : '';
    case 'LineString': return `<LineString><coordinates>${coords(c ?? [])}</coordinates></LineString>`;
    case 'Polygon': return polygon(c ?? []);
    case 'MultiPoint': return multi(((c ?? []) as Position[]).map((p) => `<Point><coordinates>${coords([p])}</coordinates></Point>`));
    case 'MultiLineString': return multi(((c ?? []) as Position[][]).map((l) => `<LineString><coordinates>${coords(l)}</coordinates></LineString>`));
    case 'MultiPolygon': return multi(((c ?? []) as Position[][][]).map(polygon));
    case 'GeometryCollection': return multi((g.geometries ?? []).map(kmlGeometry).filter(Boolean));
    default: return '';
  }
}

async function* renderKml(ctx: RenderContext): AsyncIterable<string> {
  const { options } = ctx;
  const columns = exportColumns(ctx.columns);
  const geo = geometryColumn(columns);
  const dataColumns = columns.filter((c) => c !== geo);
  const textOptions = { timezone: options.timezone, listSeparator: options.list_separator };
  const nameColumn = columns.find((c) => c.name === options.name_field);
  const descriptionColumns = (options.description_field_list ?? []).map((n) => columns.find((c) => c.name === n)!).filter(Boolean);
  yield '<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2"><Document>'
    + `<name>${escapeXml(ctx.dataset.metas?.default?.title || ctx.dataset.dataset_id)}</name>\n`;
  for await (const batch of ctx.rows) {
    let out = '';
    for (const row of batch) {
      const g = rowGeometry(row, geo);
      const geometry = g ? kmlGeometry(g) : '';
      if (!geometry) continue;
      out += '<Placemark>';
      if (nameColumn && row[nameColumn.name] != null) out += `<name>${escapeXml(toText(row[nameColumn.name], nameColumn.type, textOptions))}</name>`;
      if (descriptionColumns.length) {
        const lines = descriptionColumns.map((c) => `${options.use_labels ? c.label ?? c.name : c.name}: ${toText(row[c.name], c.type, textOptions)}`);
        out += `<description>${escapeXml(lines.join('\n'))}</description>`;
      }
      out += '<ExtendedData>';
      for (const c of dataColumns) {
        const v = row[c.name];
        if (v === null || v === undefined) continue;
        out += `<Data name="${escapeXml(c.name)}">`
          + (options.use_labels && c.label ? `<displayName>${escapeXml(c.label)}</displayName>` : '')
          + `<value>${escapeXml(toText(v, c.type, textOptions))}</value></Data>`;
      }
      out += `</ExtendedData>${geometry}</Placemark>\n`;
    }
    if (out) yield out;
  }
  yield '</Document></kml>\n';
}

export const kmlRenderer: Renderer = {
  format: 'kml',
  contentType: 'application/vnd.google-earth.kml+xml',
  extension: 'kml',
  needsGeo: true,
  validate: checkFieldOptions,
  render: renderKml,
};

registerRenderer(kmlRenderer);
