// The GPX 1.1 export: points (and multipoints) as <wpt>, lines as <trk> with one <trkseg> per
// part, polygons as a <wpt> at the record's representative point (GPX has no areas). name_field
// fills <name>, description_field_list <desc>; attributes go into GDAL-style <extensions>
// (use_extension=true, the v2.1 default) or as "field: value" lines in <desc>. GPX 1.1 orders
// every wpt before any trk, so tracks are spooled to a temp file and appended at the end.
import { join } from 'node:path';
import type { ResultColumn } from '../../core/request.ts';
import type { Row } from '../../storage/backend.ts';
import { registerRenderer, type ExportOptions, type RenderContext, type Renderer } from './renderer.ts';
import { exportColumns } from './columns.ts';
import { checkFieldOptions } from './options.ts';
import { geometryColumn, representativePoint, rowGeometry, type Position } from './geo.ts';
import { SpoolFile } from './spool.ts';
import { withTempDir } from './streams.ts';
import { toText } from './text.ts';
import type { GeoJsonGeometry } from './values.ts';
import { escapeXml, toNCName } from './xml.ts';

const HEADER = '<?xml version="1.0" encoding="UTF-8"?>\n'
  + '<gpx version="1.1" creator="Agora" xmlns="http://www.topografix.com/GPX/1/1" xmlns:ogr="http://osgeo.org/gdal"'
  + ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
  + ' xsi:schemaLocation="http://www.topografix.com/GPX/1/1 http://www.topografix.com/GPX/1/1/gpx.xsd">\n';

interface Shapes { points: Position[]; lines: Position[][]; areas: boolean }

function gather(g: GeoJsonGeometry, acc: Shapes): void {
  const c = g.coordinates as never;
  switch (g.type) {
    case 'Point': if (Array.isArray(c)) acc.points.push(c); break;
    case 'MultiPoint': acc.points.push(...((c ?? []) as Position[])); break;
    case 'LineString': acc.lines.push(c ?? []); break;
    case 'MultiLineString': acc.lines.push(...((c ?? []) as Position[][])); break;
    case 'Polygon': case 'MultiPolygon': acc.areas = true; break;
    case 'GeometryCollection': for (const p of g.geometries ?? []) gather(p, acc); break;
    default: break;
  }
}

/** The name/desc/extensions children shared by wpt and trk, in GPX schema order. */
function describe(row: Row, columns: ResultColumn[], dataColumns: ResultColumn[], options: ExportOptions): { head: string; ext: string } {
  const text = (c: ResultColumn) => toText(row[c.name], c.type, { timezone: options.timezone, listSeparator: options.list_separator });
  const label = (c: ResultColumn) => (options.use_labels ? c.label ?? c.name : c.name);
  let head = '';
  const nameColumn = columns.find((c) => c.name === options.name_field);
  if (nameColumn && row[nameColumn.name] !== null && row[nameColumn.name] !== undefined) head += `<name>${escapeXml(text(nameColumn))}</name>`;
  const listed = (options.description_field_list ?? []).map((n) => columns.find((c) => c.name === n)!).filter(Boolean);
  const descColumns = listed.length ? listed : options.use_extension ? [] : dataColumns;
  const desc = descColumns.filter((c) => row[c.name] !== null && row[c.name] !== undefined).map((c) => `${label(c)}: ${text(c)}`);
  if (desc.length) head += `<desc>${escapeXml(desc.join('\n'))}</desc>`;
  let ext = '';
  if (options.use_extension) {
    for (const c of dataColumns) {
      if (row[c.name] === null || row[c.name] === undefined) continue;
      const tag = `ogr:${toNCName(c.name)}`;
      ext += `<${tag}>${escapeXml(text(c))}</${tag}>`;
    }
    if (ext) ext = `<extensions>${ext}</extensions>`;
  }
  return { head, ext };
}

const latlon = ([lon, lat]: Position): string => `lat="${lat}" lon="${lon}"`;

function renderGpx(ctx: RenderContext): AsyncIterable<string | Buffer> {
  const { options } = ctx;
  const columns = exportColumns(ctx.columns);
  const geo = geometryColumn(columns);
  const dataColumns = columns.filter((c) => c.type !== 'geo_point_2d' && c.type !== 'geo_shape');
  return withTempDir('gpx', async function* (dir) {
    const tracks = await SpoolFile.create(join(dir, 'tracks.xml'));
    yield HEADER;
    for await (const batch of ctx.rows) {
      let out = '';
      for (const row of batch) {
        const g = rowGeometry(row, geo);
        if (!g) continue;
        const shapes: Shapes = { points: [], lines: [], areas: false };
        gather(g, shapes);
        if (shapes.areas) {
          const p = representativePoint(row, columns);
          if (p) shapes.points.push([p.lon, p.lat]);
        }
        const lines = shapes.lines.filter((l) => l.length > 0);
        if (!shapes.points.length && !lines.length) continue;
        const { head, ext } = describe(row, columns, dataColumns, options);
        for (const p of shapes.points) out += `<wpt ${latlon(p)}>${head}${ext}</wpt>\n`;
        if (lines.length) {
          const segments = lines.map((l) => `<trkseg>${l.map((p) => `<trkpt ${latlon(p)}/>`).join('')}</trkseg>`).join('');
          await tracks.push(`<trk>${head}${ext}${segments}</trk>\n`);
        }
      }
      if (out) yield out;
    }
    await tracks.close();
    yield* tracks.read();
    yield '</gpx>\n';
  });
}

export const gpxRenderer: Renderer = {
  format: 'gpx',
  contentType: 'application/gpx+xml',
  extension: 'gpx',
  needsGeo: true,
  validate: checkFieldOptions,
  render: renderGpx,
};

registerRenderer(gpxRenderer);
