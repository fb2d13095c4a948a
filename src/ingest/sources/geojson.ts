// GeoJSON sources: a FeatureCollection (or a lone Feature, or one Feature per line). Feature
// properties become columns; the geometry becomes one more column that type inference turns into a
// geo_point_2d (all Points) or a geo_shape, validated in JS. Structure errors are INGEST_INVALID_GEOJSON.
import { AgoraError } from '../../core/errors.ts';
import type { Backend } from '../../storage/backend.ts';
import { quoteIdent } from '../../sql/quote.ts';
import type { Staging } from '../types.ts';
import type { Workspace } from './files.ts';
import { loadJsonValues } from './json.ts';
import { explodeObjects } from './json-records.ts';

export async function stageGeoJson(
  backend: Backend, path: string, name: string, table: string, ws: Workspace, encoding: string | undefined, onBytes: (b: number) => void,
): Promise<Staging> {
  const raw = await loadJsonValues(backend, path, name, table, ws, encoding, onBytes);
  const first = (await backend.write((tx) => tx.query(
    `SELECT json_type(s.j) AS t, s.j->>'$.type' AS type, json_type(s.j, '$.features') AS features FROM ${quoteIdent(raw.table)} s ORDER BY s.rowid LIMIT 1`)))[0];
  const feats = `${table}_features`;
  if (raw.rows === 1 && first.type === 'FeatureCollection') {
    if (first.features !== 'ARRAY') throw invalid(name, 'the FeatureCollection has no "features" array');
    await backend.write((tx) => tx.exec(
      `CREATE TEMP TABLE ${quoteIdent(feats)} AS SELECT unnest(json_extract(s.j, '$.features[*]')) AS f FROM ${quoteIdent(raw.table)} s`));
  } else if (first.type === 'Feature') {
    await backend.write((tx) => tx.exec(`CREATE TEMP TABLE ${quoteIdent(feats)} AS SELECT s.j AS f FROM ${quoteIdent(raw.table)} s ORDER BY s.rowid`));
  } else {
    const found = first.t === 'OBJECT' ? (first.type === null ? 'an object without "type"' : `type ${JSON.stringify(first.type)}`) : `a ${String(first.t).toLowerCase()}`;
    throw invalid(name, `expected a FeatureCollection, found ${found}`);
  }
  const check = (await backend.write((tx) => tx.query(
    `SELECT count(*) AS n,
       min(s.rowid) FILTER (WHERE json_type(s.f) <> 'OBJECT' OR (s.f->>'$.type') IS DISTINCT FROM 'Feature') AS not_feature,
       min(s.rowid) FILTER (WHERE coalesce(json_type(s.f, '$.properties'), 'NULL') NOT IN ('OBJECT', 'NULL')) AS bad_properties,
       min(s.rowid) FILTER (WHERE coalesce(json_type(s.f, '$.geometry'), 'NULL') NOT IN ('OBJECT', 'NULL')) AS bad_geometry
     FROM ${quoteIdent(feats)} s`)))[0];
  if (Number(check.n) === 0) throw new AgoraError('INGEST_EMPTY', `${name}: the FeatureCollection has no features.`, { file: name });
  if (check.not_feature !== null) throw invalid(name, `feature #${Number(check.not_feature) + 1} is not a {"type": "Feature"} object`, Number(check.not_feature) + 1);
  if (check.bad_properties !== null) throw invalid(name, `feature #${Number(check.bad_properties) + 1}: "properties" must be an object or null`, Number(check.bad_properties) + 1);
  if (check.bad_geometry !== null) throw invalid(name, `feature #${Number(check.bad_geometry) + 1}: "geometry" must be an object or null`, Number(check.bad_geometry) + 1);
  const geometry = `CASE WHEN coalesce(json_type(s.f, '$.geometry'), 'NULL') = 'NULL' THEN NULL ELSE json_extract(s.f, '$.geometry') END`;
  const columns = await explodeObjects(backend, feats, `json_extract(s.f, '$.properties')`, table,
    [{ label: 'geo_shape', expr: geometry, role: 'feature-geometry' }]);
  return { table, columns, rows: Number(check.n), rejected: [], decimalComma: false, sourceName: name };
}

function invalid(name: string, problem: string, feature?: number): AgoraError {
  return new AgoraError('INGEST_INVALID_GEOJSON', `${name}: ${problem}.`, { file: name, ...(feature ? { feature } : {}) });
}
