// simplify_shape (ODS "Simplify a shape"): a geo_shape's lines and rings simplified with the
// Ramer–Douglas–Peucker algorithm of @turf/simplify, within a tolerance in degrees.
import simplify from '@turf/simplify';
import type { Geometry as GeoJsonGeometry } from 'geojson';
import { registerProcessor } from '../registry.ts';
import { invalidParam } from '../plan.ts';
import type { Value } from '../types.ts';
import { FIELD } from './shared.ts';
import { shapeOf } from './geo-values.ts';

registerProcessor({
  type: 'simplify_shape', label: 'Simplify a shape', category: 'geo',
  description: 'Simplifies shapes (Douglas–Peucker) so that no point moves more than the tolerance (in degrees).',
  params: [{ ...FIELD, types: ['geo_shape'] }, { name: 'tolerance', kind: 'number', label: 'Tolerance (degrees)', default: 0.0001 }],
  plan(p, fields) {
    const field = String(p.field);
    const tolerance = Number(p.tolerance ?? 0.0001);
    if (!(tolerance > 0)) throw invalidParam('tolerance', 'expected a number above 0');
    return {
      fields: [...fields],
      apply: (rec) => {
        const g = shapeOf(rec[field], field);
        if (!g) return rec;
        const s = simplify(g as unknown as GeoJsonGeometry, { tolerance, highQuality: true });
        return { ...rec, [field]: s as unknown as Value };
      },
    };
  },
});
