// The geometry pass: reads a geometry column (WKT or GeoJSON text, GeoJSON objects) from the staging
// table in batches, validates and converts each value in JS (no spatial extension offline), and loads
// GeoJSON geometry text plus bbox into a side table joined on the staging rowid.
import { createWriteStream } from 'node:fs';
import type { Backend } from '../../storage/backend.ts';
import { quoteIdent } from '../../sql/quote.ts';
import { bbox, geometryOf, geometryProblem, type Geometry } from './geometry.ts';
import { parseWkt, WktError } from './wkt.ts';

const BATCH = 50_000;

export interface GeometryPass {
  table: string;
  /** Geometry types met (Point, Polygon, …). */
  types: Set<string>;
  /** The first value that is not a valid geometry (0-based staging row). */
  invalid: { row: number; problem: string } | null;
}

/** `text` is SQL over staging alias `s` giving the value as text (or NULL). */
export async function geometryPass(backend: Backend, staging: string, text: string, sideTable: string, ndjsonPath: string): Promise<GeometryPass> {
  const out = createWriteStream(ndjsonPath);
  const types = new Set<string>();
  let invalid: GeometryPass['invalid'] = null;
  const total = Number((await backend.write((tx) => tx.query(`SELECT count(*) AS n FROM ${quoteIdent(staging)}`)))[0].n);
  for (let start = 0; start < total && !invalid; start += BATCH) {
    const rows = await backend.write((tx) => tx.query(
      `SELECT s.rowid AS r, ${text} AS v FROM ${quoteIdent(staging)} s WHERE s.rowid >= ? AND s.rowid < ? AND ${text} IS NOT NULL ORDER BY s.rowid`,
      [start, start + BATCH]));
    const lines: string[] = [];
    for (const { r, v } of rows) {
      const parsed = toGeometry(String(v));
      if (typeof parsed === 'string') { invalid = { row: Number(r), problem: parsed }; break; }
      if (!parsed) continue;
      const box = bbox(parsed);
      if (!box) continue;
      types.add(parsed.type);
      lines.push(JSON.stringify({ r: Number(r), g: JSON.stringify(parsed), ...box }));
    }
    if (lines.length && !out.write(lines.join('\n') + '\n')) await new Promise((res) => out.once('drain', res));
  }
  await new Promise<void>((res, rej) => out.end((e?: Error | null) => (e ? rej(e) : res())));
  await backend.write((tx) => tx.exec(`DROP TABLE IF EXISTS ${quoteIdent(sideTable)}`));
  if (!invalid) {
    await backend.loadStaged({
      path: ndjsonPath, format: 'ndjson', columns: ['r', 'g', 'xmin', 'ymin', 'xmax', 'ymax'],
      columnTypes: { r: 'BIGINT', g: 'VARCHAR', xmin: 'DOUBLE', ymin: 'DOUBLE', xmax: 'DOUBLE', ymax: 'DOUBLE' },
    }, sideTable);
  }
  return { table: sideTable, types, invalid };
}

/** A geometry, null for an empty one, or the reason the value is not a geometry. */
export function toGeometry(v: string): Geometry | null | string {
  const s = v.trim();
  if (s.startsWith('{')) {
    let value: unknown;
    try { value = JSON.parse(s); } catch (e) { return `invalid JSON (${(e as Error).message})`; }
    const g = geometryOf(value);
    if (g === null) return null;
    return geometryProblem(g) ?? (g as Geometry);
  }
  try {
    return parseWkt(s);
  } catch (e) {
    if (e instanceof WktError) return `invalid WKT: ${e.message}`;
    throw e;
  }
}
