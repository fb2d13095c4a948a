// geomasking (privacy): a geo_point_2d moved to the centre of its cell on a grid of a given size in
// metres (cells of equal latitude height, width scaled by the latitude of the cell's row), so
// points closer than the cell size can no longer be told apart. Deterministic: no randomness.
import { registerProcessor } from '../registry.ts';
import { invalidParam } from '../plan.ts';
import { FIELD } from './shared.ts';
import { pointOf } from './geo-values.ts';

/** Metres per degree of latitude on the sphere of the IUGG mean radius (as src/query/geo.ts). */
const M_PER_DEG = (Math.PI * 6_371_008.8) / 180;

export function maskPoint(lon: number, lat: number, size: number): { lon: number; lat: number } {
  const dLat = size / M_PER_DEG;
  const row = Math.floor((lat + 90) / dLat);
  const cLat = Math.min(90, -90 + (row + 0.5) * dLat);
  const dLon = Math.min(360, size / (M_PER_DEG * Math.max(Math.cos((cLat * Math.PI) / 180), 1e-9)));
  const col = Math.floor((lon + 180) / dLon);
  return { lon: Math.min(180, -180 + (col + 0.5) * dLon), lat: cLat };
}

registerProcessor({
  type: 'geomasking', label: 'Geomasking (blur points to a grid)', category: 'geo',
  description: 'Moves each point to the centre of its cell on a grid of the given size in metres.',
  params: [{ ...FIELD, types: ['geo_point_2d'] }, { name: 'cell_size', kind: 'number', label: 'Cell size (metres)', default: 100 }],
  plan(p, fields) {
    const field = String(p.field);
    const size = Number(p.cell_size ?? 100);
    if (!(size >= 1 && size <= 1_000_000)) throw invalidParam('cell_size', 'expected a size from 1 to 1,000,000 metres');
    return {
      fields: [...fields],
      apply: (rec) => {
        const pt = pointOf(rec[field], field);
        return pt ? { ...rec, [field]: maskPoint(pt.lon, pt.lat, size) } : rec;
      },
    };
  },
});
