// GPX sources (GPX 1.1): waypoints, routes and tracks become features through @tmcw/togeojson,
// with a gpx_type field (wpt, rte, trk); per-point data (times, heart rate…) is left out.
import { gpx } from '@tmcw/togeojson';
import type { Backend } from '../../storage/backend.ts';
import type { Staging } from '../types.ts';
import type { Workspace } from './files.ts';
import { readXml, stageConverted, type FeatureCollection } from './converted.ts';

export async function stageGpx(backend: Backend, path: string, name: string, table: string, ws: Workspace): Promise<Staging> {
  const doc = await readXml(path, name, 'gpx', 'GPX');
  const fc = gpx(doc as never) as unknown as FeatureCollection;
  for (const f of fc.features) {
    const { _gpxType, coordinateProperties: _per, ...rest } = (f.properties ?? {}) as Record<string, unknown>;
    f.properties = { gpx_type: _gpxType ?? 'wpt', ...rest };
  }
  return stageConverted(backend, fc, name, table, ws);
}
