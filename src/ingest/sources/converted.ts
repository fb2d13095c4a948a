// Formats read by converting them to GeoJSON first (KML, GPX, zipped shapefiles): the converted
// FeatureCollection is written to the import's workspace and read by the GeoJSON path, so fields and
// geometry are typed and checked exactly as for a GeoJSON source.
import { writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { DOMParser } from '@xmldom/xmldom';
import { AgoraError } from '../../core/errors.ts';
import type { Backend } from '../../storage/backend.ts';
import type { Staging } from '../types.ts';
import type { Workspace } from './files.ts';
import { stageGeoJson } from './geojson.ts';

export interface FeatureCollection { type: 'FeatureCollection'; features: Array<{ type: 'Feature'; geometry: unknown; properties: Record<string, unknown> | null }> }

export async function stageConverted(backend: Backend, fc: FeatureCollection, name: string, table: string, ws: Workspace): Promise<Staging> {
  if (fc.features.length === 0) throw new AgoraError('INGEST_EMPTY', `${name} has no features.`, { file: name });
  const path = ws.file(`${table}-converted.geojson`);
  writeFileSync(path, JSON.stringify(fc));
  const staged = await stageGeoJson(backend, path, name, table, ws, 'utf-8', () => undefined);
  return { ...staged, sourceName: name };
}

/** An XML document whose root element is `root` (kml, gpx); a parse error names the file and the line. */
export async function readXml(path: string, name: string, root: string, label: string): Promise<Document> {
  const text = await readFile(path, 'utf8');
  let doc: Document;
  try {
    doc = new DOMParser({ onError: (level, message) => { if (level !== 'warning') throw new Error(message); } })
      .parseFromString(text, 'text/xml') as unknown as Document;
  } catch (e) {
    throw new AgoraError('INGEST_FORMAT', `${name} is not well-formed XML (${(e as Error).message.split('\n')[0]}).`, { file: name });
  }
  const found = doc.documentElement?.localName;
  if (found !== root) throw new AgoraError('INGEST_FORMAT', `${name} is not a ${label} file: its root element is <${found ?? 'none'}>, not <${root}>.`, { file: name });
  return doc;
}
