// Zipped shapefile sources: the .shp, .dbf (attributes), .cpg (their encoding) and .prj of one layer
// inside a zip (fflate), read by the `shapefile` package and then as GeoJSON (converted.ts). Only
// WGS 84 longitude/latitude is accepted: a projected .prj, or coordinates out of range, is refused.
import { readFile } from 'node:fs/promises';
import { unzipSync } from 'fflate';
import { read } from 'shapefile';
import { AgoraError } from '../../core/errors.ts';
import type { Backend } from '../../storage/backend.ts';
import type { Staging } from '../types.ts';
import type { Workspace } from './files.ts';
import { stageConverted } from './converted.ts';

export async function stageShapefile(backend: Backend, path: string, name: string, table: string, ws: Workspace, encoding?: string): Promise<Staging> {
  const fail = (problem: string) => new AgoraError('INGEST_FORMAT', `${name}: ${problem}.`, { file: name });
  let files: Record<string, Uint8Array>;
  try { files = unzipSync(await readFile(path)); } catch (e) { throw fail(`not a readable zip file (${(e as Error).message})`); }
  const names = Object.keys(files).filter((n) => !n.startsWith('__MACOSX/'));
  const layers = names.filter((n) => /\.shp$/i.test(n));
  if (layers.length === 0) throw fail('the zip holds no .shp file');
  if (layers.length > 1) throw fail(`the zip holds ${layers.length} layers (${layers.join(', ')}); publish one layer per dataset`);
  const stem = layers[0].replace(/\.shp$/i, '');
  const part = (ext: string) => { const n = names.find((x) => x.toLowerCase() === `${stem}.${ext}`.toLowerCase()); return n ? files[n] : undefined; };
  const dbf = part('dbf');
  if (!dbf) throw fail(`${stem}.dbf (the attributes) is missing from the zip`);
  const prj = part('prj') && Buffer.from(part('prj')!).toString('latin1');
  if (prj && /^\s*PROJCS\[/i.test(prj)) {
    throw fail(`its coordinates are projected (${/^\s*PROJCS\["([^"]*)"/i.exec(prj)?.[1] ?? 'a projected system'}); export it in WGS 84 longitude/latitude (EPSG:4326)`);
  }
  const cpg = part('cpg') && Buffer.from(part('cpg')!).toString('latin1').trim();
  let fc;
  try { fc = await read(part('shp')!, dbf, { encoding: encoding ?? (cpg || 'windows-1252') }); } catch (e) { throw fail(`the shapefile cannot be read (${(e as Error).message})`); }
  const [xmin, ymin, xmax, ymax] = fc.bbox ?? [];
  if ([xmin, xmax].some((x) => Math.abs(x) > 180) || [ymin, ymax].some((y) => Math.abs(y) > 90)) {
    throw fail(`its coordinates (${xmin}, ${ymin} … ${xmax}, ${ymax}) are not longitude/latitude; export it in WGS 84 (EPSG:4326)`);
  }
  return stageConverted(backend, { type: 'FeatureCollection', features: fc.features }, name, table, ws);
}
