// geo_distance (ODS "Compute geo distance"): the great-circle distance (haversine, by @turf/distance)
// from a geo_point_2d field to a fixed point or another point field, in a chosen unit.
import distance from '@turf/distance';
import { registerProcessor } from '../registry.ts';
import { invalidParam } from '../plan.ts';
import { readPoint } from '../../../realtime/records.ts';
import { FIELD, str, withField } from './shared.ts';
import { pointOf } from './geo-values.ts';

const UNITS = ['meters', 'kilometers', 'miles'] as const;

registerProcessor({
  type: 'geo_distance', label: 'Compute geo distance', category: 'geo',
  description: 'Writes the distance from a point field to a fixed point ("lat, lon") or to another point field.',
  params: [
    { ...FIELD, types: ['geo_point_2d'] },
    { name: 'to_point', kind: 'string', label: 'To the point "lat, lon"' },
    { name: 'to_field', kind: 'field', label: 'Or to the point field', types: ['geo_point_2d'] },
    { name: 'unit', kind: 'enum', label: 'Unit', options: UNITS, default: 'meters' },
    { name: 'output_field', kind: 'new_field', label: 'New field', required: true },
  ],
  plan(p, fields) {
    const field = String(p.field);
    const toField = str(p.to_field);
    const fixed = str(p.to_point);
    if ((toField === null) === (fixed === null)) throw invalidParam('to_point', 'give either to_point or to_field');
    const target = fixed === null ? null : readPoint(fixed);
    if (fixed !== null && !target) throw invalidParam('to_point', `${JSON.stringify(fixed)} is not a point "lat, lon"`);
    const units = String(p.unit ?? 'meters') as (typeof UNITS)[number];
    const out = String(p.output_field);
    return {
      fields: withField(fields, out, 'double'),
      apply: (rec) => {
        const a = pointOf(rec[field], field);
        const b = target ?? pointOf(rec[toField!], toField!);
        return { ...rec, [out]: a && b ? distance([a.lon, a.lat], [b.lon, b.lat], { units }) : null };
      },
    };
  },
});
