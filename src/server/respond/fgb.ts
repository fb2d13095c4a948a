// The FlatGeobuf export, streamed: magic bytes and a header written up front (features_count 0 =
// "unknown" and no spatial index, both allowed by the FlatGeobuf spec for streaming writers), then
// one size-prefixed feature per record with a geometry, encoded by the flatgeobuf package.
// Geometry type Point for a geo_point_2d geometry, Unknown (per-feature types) for geo_shape.
import { buildHeader } from 'flatgeobuf/lib/mjs/generic/featurecollection.js';
import { buildFeature } from 'flatgeobuf/lib/mjs/generic/feature.js';
import type { IProperties, JsonValue } from 'flatgeobuf/lib/mjs/generic/feature.js';
import { parseGC, parseGeometry } from 'flatgeobuf/lib/mjs/geojson/geometry.js';
import { ColumnType } from 'flatgeobuf/lib/mjs/flat-geobuf/column-type.js';
import { GeometryType } from 'flatgeobuf/lib/mjs/flat-geobuf/geometry-type.js';
import { magicbytes } from 'flatgeobuf/lib/mjs/constants.js';
import type { HeaderMeta } from 'flatgeobuf/lib/mjs/header-meta.js';
import type { ColumnMeta } from 'flatgeobuf/lib/mjs/column-meta.js';
import type { ResultColumn } from '../../core/request.ts';
import type { FieldType } from '../../core/types.ts';
import { registerRenderer, type RenderContext, type Renderer } from './renderer.ts';
import { exportColumns } from './columns.ts';
import { geometryColumn, projectGeometry, projector, rowGeometry } from './geo.ts';
import { toText } from './text.ts';
import { toApiValue } from './values.ts';

const COLUMN_TYPES: Record<FieldType, ColumnType> = {
  text: ColumnType.String, int: ColumnType.Long, double: ColumnType.Double, boolean: ColumnType.Bool,
  date: ColumnType.DateTime, datetime: ColumnType.DateTime, json_blob: ColumnType.Json,
  geo_point_2d: ColumnType.Json, geo_shape: ColumnType.Json, file: ColumnType.Json,
};

function columnMeta(c: ResultColumn): ColumnMeta {
  return {
    name: c.name, type: COLUMN_TYPES[c.type], title: c.label ?? null, description: null,
    width: -1, precision: -1, scale: -1, nullable: true, unique: false, primary_key: false,
  };
}

function propertyValue(v: unknown, c: ResultColumn, timezone: string, listSeparator: string): JsonValue {
  if (v === null || v === undefined) return null;
  switch (COLUMN_TYPES[c.type]) {
    case ColumnType.Long: return typeof v === 'number' && Number.isFinite(v) ? Math.trunc(v) : null;
    case ColumnType.Double: return typeof v === 'number' ? v : Number(v);
    case ColumnType.Bool: return v === true;
    case ColumnType.Json: return toApiValue(v, c.type, timezone) as JsonValue;
    default: return toText(v, c.type, { timezone, listSeparator });
  }
}

/**
 * The size-prefixed header, padded so that the features after it start 8-byte aligned: readers such
 * as flatgeobuf's own map coordinates with zero-copy Float64Array views. (With features_count 0 the
 * flatbuffer has no 8-byte field, so nothing else guarantees that.) Trailing bytes after a
 * flatbuffer's root are ignored by its readers.
 */
export function alignedHeader(header: HeaderMeta, crsCode: number): Buffer {
  const built = buildHeader(header, crsCode);
  const pad = (8 - ((magicbytes.length + built.length) % 8)) % 8;
  if (!pad) return Buffer.from(built);
  const out = Buffer.alloc(built.length + pad);
  out.set(built);
  out.writeUInt32LE(built.length - 4 + pad, 0);
  return out;
}

async function* renderFgb(ctx: RenderContext): AsyncIterable<Buffer> {
  const { options } = ctx;
  const columns = exportColumns(ctx.columns);
  const geo = geometryColumn(columns);
  const attributes = columns.filter((c) => c !== geo);
  const project = projector(options.epsg);
  const header: HeaderMeta = {
    geometryType: geo?.type === 'geo_point_2d' ? GeometryType.Point : GeometryType.Unknown,
    columns: attributes.length ? attributes.map(columnMeta) : null,
    envelope: null, featuresCount: 0, indexNodeSize: 0, crs: null,
    title: ctx.dataset.metas?.default?.title ?? null, description: null, metadata: null,
  };
  yield Buffer.concat([magicbytes, alignedHeader(header, options.epsg ?? 4326)]);
  for await (const batch of ctx.rows) {
    const out: Uint8Array[] = [];
    for (const row of batch) {
      const g = rowGeometry(row, geo);
      if (!g) continue;
      const projected = projectGeometry(g, project) as never;
      const parsed = g.type === 'GeometryCollection' ? parseGC(projected) : parseGeometry(projected);
      const properties: IProperties = {};
      for (const c of attributes) properties[c.name] = propertyValue(row[c.name], c, options.timezone, options.list_separator);
      out.push(buildFeature(parsed, properties, header));
    }
    if (out.length) yield Buffer.concat(out);
  }
}

export const fgbRenderer: Renderer = {
  format: 'fgb',
  contentType: 'application/flatgeobuf',
  extension: 'fgb',
  needsGeo: true,
  render: renderFgb,
};

registerRenderer(fgbRenderer);
