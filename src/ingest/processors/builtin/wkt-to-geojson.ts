// geojson_from_wkt (ODS "Convert WKT / WKB to GeoJSON"): Well-Known Text (our reader in
// ingest/geo/wkt.ts) or Well-Known Binary as hex (read with the `wkx` library) to a geo_shape field.
import wkx from 'wkx';
import { registerProcessor } from '../registry.ts';
import { StepFailure, type Value } from '../types.ts';
import { parseWkt, WktError } from '../../geo/wkt.ts';
import { FIELD, str, text, withField } from './shared.ts';

const HEX = /^(?:[0-9a-f]{2})+$/i;

registerProcessor({
  type: 'geojson_from_wkt', label: 'Convert WKT / WKB to GeoJSON', category: 'geo',
  description: 'Reads WKT (or EWKT) text or hexadecimal WKB into a geo_shape field.',
  params: [FIELD, { name: 'output_field', kind: 'new_field', label: 'Output field (the same field when empty)' }],
  plan(p, fields) {
    const field = String(p.field);
    const out = str(p.output_field) ?? field;
    return {
      fields: withField(fields, out, 'geo_shape'),
      apply: (rec) => {
        const s = text(rec[field])?.trim() ?? '';
        if (!s) return { ...rec, [out]: null };
        try {
          const g = HEX.test(s) ? (wkx.Geometry.parse(Buffer.from(s, 'hex')).toGeoJSON() as unknown as Value) : (parseWkt(s) as unknown as Value);
          return { ...rec, [out]: g };
        } catch (e) {
          throw new StepFailure(field, `not WKT or WKB (${e instanceof WktError ? e.message : (e as Error).message})`);
        }
      },
    };
  },
});
