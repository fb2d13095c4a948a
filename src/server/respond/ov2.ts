// The TomTom OV2 POI export: one "simple POI" record (type 2) per record with a geometry, at its
// representative point. Record layout (TomTom POI file format): type byte 2, total record length
// (int32 LE, header included), longitude and latitude (int32 LE, degrees × 100000), then the
// zero-terminated name. The name is name_field (else the first text field), followed by the
// description_field_list values, joined by " - "; it is written in UTF-8.
import type { ResultColumn } from '../../core/request.ts';
import { registerRenderer, type RenderContext, type Renderer } from './renderer.ts';
import { exportColumns } from './columns.ts';
import { checkFieldOptions } from './options.ts';
import { representativePoint } from './geo.ts';
import { toText } from './text.ts';

export const OV2_SIMPLE_POI = 2;

/** One type-2 record. */
export function ov2Record(lon: number, lat: number, name: string): Buffer {
  const text = Buffer.from(name.replace(/\0/g, ''), 'utf8');
  const rec = Buffer.alloc(13 + text.length + 1);
  rec.writeUInt8(OV2_SIMPLE_POI, 0);
  rec.writeInt32LE(rec.length, 1);
  rec.writeInt32LE(Math.round(lon * 100000), 5);
  rec.writeInt32LE(Math.round(lat * 100000), 9);
  text.copy(rec, 13);
  return rec; // the last byte stays 0: the terminator
}

async function* renderOv2(ctx: RenderContext): AsyncIterable<Buffer> {
  const { options } = ctx;
  const columns = exportColumns(ctx.columns);
  const textOptions = { timezone: options.timezone, listSeparator: options.list_separator };
  const byName = (n: string) => columns.find((c) => c.name === n);
  const nameColumn = (options.name_field ? byName(options.name_field) : undefined) ?? columns.find((c) => c.type === 'text');
  const descColumns = (options.description_field_list ?? []).map(byName).filter((c): c is ResultColumn => c !== undefined);
  const labelColumns = [...(nameColumn ? [nameColumn] : []), ...descColumns];
  for await (const batch of ctx.rows) {
    const out: Buffer[] = [];
    for (const row of batch) {
      const p = representativePoint(row, columns);
      if (!p) continue;
      const name = labelColumns.map((c) => toText(row[c.name], c.type, textOptions)).filter((s) => s !== '').join(' - ');
      out.push(ov2Record(p.lon, p.lat, name));
    }
    if (out.length) yield Buffer.concat(out);
  }
}

export const ov2Renderer: Renderer = {
  format: 'ov2',
  contentType: 'application/octet-stream',
  extension: 'ov2',
  needsGeo: true,
  validate: checkFieldOptions,
  render: renderOv2,
};

registerRenderer(ov2Renderer);
