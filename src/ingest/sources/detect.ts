// Which reader a source needs: from the file name's extension, then from its first bytes
// (Parquet and ZIP magic numbers — a zip whose first entry is a shapefile part is a shapefile —,
// KML and GPX root elements, JSON shapes). Reads at most the first 64 KiB.
import { extname } from 'node:path';
import { AgoraError } from '../../core/errors.ts';
import type { IngestFormat } from '../types.ts';
import { readHead } from './files.ts';

const BY_EXTENSION: Record<string, IngestFormat> = {
  '.csv': 'csv', '.tsv': 'tsv', '.tab': 'tsv', '.json': 'json', '.jsonl': 'jsonl', '.ndjson': 'jsonl',
  '.geojson': 'geojson', '.xlsx': 'xlsx', '.xlsm': 'xlsx', '.parquet': 'parquet', '.pq': 'parquet',
  '.kml': 'kml', '.gpx': 'gpx', '.zip': 'shapefile',
};

export async function detectFormat(path: string, nameHint: string): Promise<IngestFormat> {
  const head = await readHead(path, 64 * 1024);
  const byExt = BY_EXTENSION[extname(nameHint).toLowerCase()];
  if (head.length === 0) return byExt ?? 'csv';
  if (head.subarray(0, 4).toString('latin1') === 'PAR1') return 'parquet';
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return byExt === 'shapefile' || isShapefilePart(head) ? 'shapefile' : 'xlsx';
  if (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) {
    throw new AgoraError('INGEST_NOT_WORKBOOK', `${nameHint}: an old binary Excel (.xls) workbook; save it as .xlsx or CSV.`, { file: nameHint });
  }
  // Binary formats are trusted from their magic numbers above; text formats may be misnamed.
  if (byExt === 'parquet' || byExt === 'xlsx') return byExt;
  const text = head.toString('utf8').replace(/^\uFEFF/, '').trimStart();
  if (text.startsWith('<')) {
    const root = /<(?!\?|!)([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)/.exec(text)?.[2];
    if (root === 'kml' || root === 'gpx') return root;
  }
  if (text.startsWith('{') || text.startsWith('[')) return jsonShape(text, byExt);
  return byExt === 'tsv' ? 'tsv' : 'csv';
}

/** FeatureCollection → geojson; several top-level objects one per line → jsonl; else json. */
function jsonShape(text: string, byExt: IngestFormat | undefined): IngestFormat {
  if (byExt === 'geojson') return 'geojson';
  if (text.startsWith('{') && /^\{\s*"type"\s*:\s*"FeatureCollection"/.test(text)) return 'geojson';
  if (text.startsWith('{') && /"type"\s*:\s*"FeatureCollection"/.test(text.slice(0, 4096)) && /"features"\s*:/.test(text)) return 'geojson';
  if (byExt === 'jsonl') return 'jsonl';
  if (text.startsWith('{') && /\}\s*\r?\n\s*\{/.test(text)) return 'jsonl';
  return 'json';
}

/** The zip's first local file header names a shapefile part (.shp, .shx, .dbf, .prj, .cpg). */
function isShapefilePart(head: Buffer): boolean {
  if (head.length < 30) return false;
  const n = head.readUInt16LE(26);
  return /\.(shp|shx|dbf|prj|cpg)$/i.test(head.subarray(30, 30 + n).toString('latin1'));
}
