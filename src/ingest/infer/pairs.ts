// Latitude/longitude column pairs (latitude/longitude, lat/lon, lat/lng, y/x, y_4326/x_4326, …)
// become ONE derived geo_point_2d field, as ODS does; the numeric columns stay. A pair counts only
// when both are numbers within degree ranges (so projected x/y in metres are left alone). Like the
// column types, the ranges may be read on a sample and then enforced while the record table is written.
import type { Backend } from '../../storage/backend.ts';
import { quoteIdent } from '../../sql/quote.ts';
import type { FieldPlan } from '../types.ts';
import { freeName } from '../names.ts';
import { one } from './stats.ts';
import { GUARD_ERROR } from './text-rules.ts';

const LAT_WORDS = ['latitude', 'lat', 'y'];
const LON_WORDS = ['longitude', 'lon', 'lng', 'long', 'x'];

/** Candidate pairs in preference order: explicit lat/lon words before y/x. */
export function latLonPairs(plans: FieldPlan[]): Array<{ lat: FieldPlan; lon: FieldPlan }> {
  const numeric = plans.filter((p) => (p.type === 'int' || p.type === 'double') && p.source.kind === 'scalar');
  const byName = new Map(numeric.map((p) => [p.name, p]));
  const out: Array<{ lat: FieldPlan; lon: FieldPlan; rank: number }> = [];
  for (const lat of numeric) {
    const tokens = lat.name.split('_');
    tokens.forEach((tok, i) => {
      const rank = LAT_WORDS.indexOf(tok);
      if (rank === -1) return;
      for (const lonWord of LON_WORDS) {
        const lonName = [...tokens.slice(0, i), lonWord, ...tokens.slice(i + 1)].join('_');
        const lon = byName.get(lonName);
        if (lon && lon !== lat) { out.push({ lat, lon, rank: rank === 2 ? 1 : 0 }); return; }
      }
    });
  }
  return out.sort((a, b) => a.rank - b.rank);
}

/** Adds a `geo_point_2d` field built from the first pair whose values are degrees. With `sampleRows`,
 *  the ranges are read on the first rows only and the point's values raise GUARD_ERROR past them (the
 *  caller then plans again with every row read). */
export async function addPointFromPair(backend: Backend, staging: string, plans: FieldPlan[], sampleRows?: number): Promise<FieldPlan[]> {
  if (plans.some((p) => p.type === 'geo_point_2d')) return plans;
  const limit = sampleRows ? ` WHERE s.rowid < ${Math.floor(sampleRows)}` : '';
  for (const { lat, lon } of latLonPairs(plans)) {
    const la = (lat.source as { expr: string }).expr;
    const lo = (lon.source as { expr: string }).expr;
    const r = await one(backend,
      `SELECT count(la) AS n, min(la) AS lat0, max(la) AS lat1, min(lo) AS lon0, max(lo) AS lon1 FROM (SELECT ${la} AS la, ${lo} AS lo FROM ${quoteIdent(staging)} s${limit})`);
    if (Number(r.n) === 0 || Number(r.lat0) < -90 || Number(r.lat1) > 90 || Number(r.lon0) < -180 || Number(r.lon1) > 180) continue;
    const name = freeName('geo_point_2d', plans.map((p) => p.name));
    const guard = (v: string, max: number) => (sampleRows
      ? `CASE WHEN (${v}) IS NULL OR abs(${v}) <= ${max} THEN CAST(${v} AS DOUBLE) ELSE error('${GUARD_ERROR}') END`
      : `CAST(${v} AS DOUBLE)`);
    return [...plans, {
      name, label: 'geo_point_2d', type: 'geo_point_2d',
      source: { kind: 'point', lon: guard(lo, 180), lat: guard(la, 90) },
    }];
  }
  return plans;
}
