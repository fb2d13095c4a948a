// The GeoJSON export (RFC 7946 FeatureCollection, like ODS's les-arbres export): each record a
// Feature whose geometry comes from the first geo_shape field, else the first geo_point_2d; that
// field leaves the properties, the others keep their Explore API shapes. Streams batch by batch.
import { registerRenderer, type RenderContext, type Renderer } from './renderer.ts';
import { exportColumns } from './columns.ts';
import { geometryColumn, rowGeometry } from './geo.ts';
import { toApiValue } from './values.ts';

async function* renderGeoJson(ctx: RenderContext): AsyncIterable<string> {
  const { options } = ctx;
  const columns = exportColumns(ctx.columns);
  const geo = geometryColumn(columns);
  const propertyColumns = columns.filter((c) => c !== geo);
  let first = true;
  yield '{"type":"FeatureCollection","features":[';
  for await (const batch of ctx.rows) {
    let out = '';
    for (const row of batch) {
      const properties: Record<string, unknown> = {};
      for (const c of propertyColumns) properties[c.name] = toApiValue(row[c.name], c.type, options.timezone);
      const feature = { type: 'Feature', geometry: rowGeometry(row, geo), properties };
      out += (first ? '' : ',\n') + JSON.stringify(feature);
      first = false;
    }
    if (out) yield out;
  }
  yield ']}';
}

export const geojsonRenderer: Renderer = {
  format: 'geojson',
  contentType: 'application/geo+json; charset=utf-8',
  extension: 'geojson',
  needsGeo: true,
  render: renderGeoJson,
};

registerRenderer(geojsonRenderer);
