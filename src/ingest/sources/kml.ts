// KML sources (OGC KML 2.2): placemarks become features through @tmcw/togeojson, their name,
// description and ExtendedData becoming fields; read then as GeoJSON (converted.ts).
import { kml } from '@tmcw/togeojson';
import type { Backend } from '../../storage/backend.ts';
import type { Staging } from '../types.ts';
import type { Workspace } from './files.ts';
import { readXml, stageConverted, type FeatureCollection } from './converted.ts';

export async function stageKml(backend: Backend, path: string, name: string, table: string, ws: Workspace): Promise<Staging> {
  const doc = await readXml(path, name, 'kml', 'KML');
  const fc = kml(doc as never) as unknown as FeatureCollection;
  // Style keys are presentation, not data.
  for (const f of fc.features) if (f.properties) for (const k of Object.keys(f.properties)) if (/^(style|styleUrl|styleHash|styleMapHash|icon|fill|stroke)/.test(k)) delete f.properties[k];
  return stageConverted(backend, fc, name, table, ws);
}
