// Map helpers: bounds of GeoJSON, the in_bbox clause (argument order from the ODSQL reference:
// lat1, lon1, lat2, lon2), geo_cluster rows in the shapes an API may give, the view in the URL.
import { describe, expect, it } from 'vitest';
import { bboxClause, geometryBounds, labelField, parseClusters, readView, viewText } from '../../web/src/dataset/map/geo.ts';

describe('map geometry helpers', () => {
  it('computes bounds of points, polygons, features and collections', () => {
    expect(geometryBounds({ type: 'Point', coordinates: [2.35, 48.85] })).toEqual([2.35, 48.85, 2.35, 48.85]);
    expect(geometryBounds({ type: 'Polygon', coordinates: [[[0, 0], [4, 0], [4, 3], [0, 3], [0, 0]]] })).toEqual([0, 0, 4, 3]);
    expect(geometryBounds(JSON.stringify({ type: 'Feature', geometry: { type: 'MultiPoint', coordinates: [[-1, 5], [3, -2]] } }))).toEqual([-1, -2, 3, 5]);
    expect(geometryBounds({ lon: 1, lat: 2 })).toEqual([1, 2, 1, 2]);
    expect(geometryBounds(null)).toBeNull();
  });

  it('writes in_bbox with the north-west then south-east corner as lat, lon pairs', () => {
    expect(bboxClause('geo', [2.2, 48.8, 2.5, 48.9])).toBe('in_bbox(geo, 48.9, 2.2, 48.8, 2.5)');
    expect(bboxClause('geo', [-400, -100, 400, 100])).toBe('in_bbox(geo, 90, -180, -90, 180)');
  });

  it('reads cluster centres given as {lon,lat}, GeoJSON points or nested centres', () => {
    const rows = [
      { c: { lon: 1, lat: 2 }, n: 5 },
      { c: { type: 'Point', coordinates: [3, 4] }, n: 6 },
      { c: { cluster_center: { lon: 5, lat: 6 } }, n: 7 },
      { c: null, n: 8 },
    ];
    expect(parseClusters(rows)).toEqual([{ lon: 1, lat: 2, count: 5 }, { lon: 3, lat: 4, count: 6 }, { lon: 5, lat: 6, count: 7 }]);
  });

  it('round-trips the map view and picks a naming field', () => {
    expect(readView(viewText({ zoom: 12.5, lat: 48.85661, lon: 2.35222 }))).toEqual({ zoom: 12.5, lat: 48.85661, lon: 2.35222 });
    expect(readView('bad')).toBeNull();
    expect(labelField([{ name: 'height', type: 'int' }, { name: 'kind', type: 'text' }, { name: 'nom_site', type: 'text' }])).toBe('nom_site');
  });
});
