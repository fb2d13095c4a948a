// geojoin_dataset (ODS "GeoJoin", with a boundary dataset of this portal, e.g. districts): each
// point gets the fields of the shape that contains it (by @turf/boolean-point-in-polygon, after a
// bounding-box test); a point in no shape gets nulls, in several the first.
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { MultiPolygon, Polygon } from 'geojson';
import { registerProcessor } from '../registry.ts';
import { invalidParam } from '../plan.ts';
import { bbox, type BBox } from '../../geo/geometry.ts';
import type { Rec } from '../types.ts';
import { FIELD, fieldOf } from './shared.ts';
import { copiedFields, extend } from './joined-fields.ts';
import { pointOf, shapeOf } from './geo-values.ts';

registerProcessor({
  type: 'geojoin_dataset', label: 'GeoJoin with a boundary dataset', category: 'geo',
  description: 'Adds the fields of the shape (of another dataset of the portal) that contains each point.',
  params: [
    { ...FIELD, types: ['geo_point_2d'] },
    { name: 'dataset', kind: 'dataset', label: 'Boundary dataset', required: true },
    { name: 'shape_field', kind: 'string', label: 'Shape field of the boundary dataset', required: true },
    { name: 'fields', kind: 'list', label: 'Fields to copy (all when empty)' },
  ],
  async plan(p, fields, ctx) {
    const field = String(p.field);
    const other = await ctx.readDataset(String(p.dataset), 'dataset');
    const shapeField = fieldOf(other.fields, String(p.shape_field), 'shape_field');
    if (shapeField.type !== 'geo_shape') throw invalidParam('shape_field', `field "${shapeField.name}" is a ${shapeField.type} field; expected geo_shape`);
    const copied = copiedFields(fields, other.fields, (p.fields as string[] | null) ?? null, shapeField.name, 'fields');
    const shapes: Array<{ g: Polygon | MultiPolygon; box: BBox; rec: Rec }> = [];
    for (const r of other.records) {
      const g = shapeOf(r[shapeField.name], shapeField.name);
      if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) continue;
      shapes.push({ g: g as unknown as Polygon | MultiPolygon, box: bbox(g)!, rec: r });
    }
    return {
      fields: [...fields, ...copied],
      apply: (rec) => {
        const pt = pointOf(rec[field], field);
        const hit = pt ? shapes.find((s) => pt.lon >= s.box.xmin && pt.lon <= s.box.xmax && pt.lat >= s.box.ymin && pt.lat <= s.box.ymax
          && booleanPointInPolygon([pt.lon, pt.lat], s.g)) : undefined;
        return extend(rec, copied, hit?.rec);
      },
    };
  },
});
