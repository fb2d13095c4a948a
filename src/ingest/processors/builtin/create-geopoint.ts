// create_geopoint (ODS "Create a geo point from latitude and longitude"): two number (or numeric
// text) fields made into a geo_point_2d field; out-of-range coordinates fail the record.
import { registerProcessor } from '../registry.ts';
import { StepFailure, type Value } from '../types.ts';
import { text, withField } from './shared.ts';

function coord(v: Value | undefined, field: string, max: number): number | null {
  const s = text(v);
  if (s === null || s.trim() === '') return null;
  const n = Number(s.trim().replace(',', '.'));
  if (!Number.isFinite(n) || Math.abs(n) > max) throw new StepFailure(field, `${JSON.stringify(v)} is not a coordinate between -${max} and ${max}`);
  return n;
}

registerProcessor({
  type: 'create_geopoint', label: 'Create a geo point from latitude and longitude', category: 'geo',
  description: 'Makes a geo_point_2d field from a latitude field and a longitude field.',
  params: [
    { name: 'lat_field', kind: 'field', label: 'Latitude field', required: true, types: ['double', 'int', 'text'] },
    { name: 'lon_field', kind: 'field', label: 'Longitude field', required: true, types: ['double', 'int', 'text'] },
    { name: 'output_field', kind: 'new_field', label: 'New field', default: 'geo_point_2d' },
  ],
  plan(p, fields) {
    const latF = String(p.lat_field);
    const lonF = String(p.lon_field);
    const out = String(p.output_field ?? 'geo_point_2d');
    return {
      fields: withField(fields, out, 'geo_point_2d'),
      apply: (rec) => {
        const lat = coord(rec[latF], latF, 90);
        const lon = coord(rec[lonF], lonF, 180);
        return { ...rec, [out]: lat === null || lon === null ? null : { lon, lat } };
      },
    };
  },
});
