// KML and GPX renderers parsed back with saxes (strict XML) and checked against the KML 2.2 and
// GPX 1.1 structures: namespaces, element order the schemas require, coordinates, attributes.
import { describe, expect, it } from 'vitest';
import { kmlRenderer } from '../../src/server/respond/kml.ts';
import { gpxRenderer } from '../../src/server/respond/gpx.ts';
import { COLUMNS, ROWS, context, render } from './fixtures.ts';
import { childrenNamed, descendants, parseXml } from './xml-tree.ts';
import { AgoraError } from '../../src/core/errors.ts';
import { parseExportOptions } from '../../src/server/respond/options.ts';

const KML = 'http://www.opengis.net/kml/2.2';
const GPX = 'http://www.topografix.com/GPX/1/1';

describe('kml renderer', () => {
  it('writes one Placemark per record with a geometry, ExtendedData and KML geometry', async () => {
    const ctx = context(ROWS, COLUMNS, { name_field: 'name', description_field_list: 'count,ok', timezone: 'Europe/Paris' });
    const root = parseXml((await render(kmlRenderer, ctx)).toString('utf8'));
    expect([root.uri, root.local]).toEqual([KML, 'kml']);
    const doc = childrenNamed(root, 'Document')[0]!;
    const placemarks = childrenNamed(doc, 'Placemark');
    expect(placemarks).toHaveLength(3); // the 4th row has no geometry
    const [p0, p1, p2] = placemarks as [typeof placemarks[0], typeof placemarks[0], typeof placemarks[0]];
    expect(p0.children.map((c) => c.local)).toEqual(['name', 'description', 'ExtendedData', 'Point']);
    expect(p0.children[0]!.text).toBe('Tour Eiffel; "la dame de fer"');
    expect(p0.children[1]!.text).toBe('count: 1\nok: true');
    const data = Object.fromEntries(descendants(p0, 'Data').map((d) => [d.attrs.name, childrenNamed(d, 'value')[0]!.text]));
    expect(data).toMatchObject({ name: 'Tour Eiffel; "la dame de fer"', at: '2021-09-01T03:00:00+02:00', geo_point_2d: '48.8584, 2.2945' });
    expect(data).not.toHaveProperty('geo_shape');
    expect(descendants(p0, 'coordinates')[0]!.text).toBe('2.2945,48.8584');
    const polygon = descendants(p1, 'Polygon')[0]!;
    expect(childrenNamed(polygon, 'outerBoundaryIs')).toHaveLength(1);
    expect(childrenNamed(polygon, 'innerBoundaryIs')).toHaveLength(1);
    expect(descendants(polygon, 'coordinates')[0]!.text.split(' ')).toHaveLength(5);
    expect(descendants(p2, 'LineString')).toHaveLength(1);
    expect(descendants(p1, 'value')[0]!.text).toBe('Épicéa\nmulti-ligne');
  });
  it('refuses a name_field that is not in the export', () => {
    expect(() => kmlRenderer.validate!(COLUMNS, parseExportOptions({ name_field: 'nope' }))).toThrow(AgoraError);
  });
});

describe('gpx renderer', () => {
  it('writes waypoints before tracks, attributes in GDAL-style extensions by default', async () => {
    const ctx = context(ROWS, COLUMNS, { name_field: 'name' });
    const root = parseXml((await render(gpxRenderer, ctx)).toString('utf8'));
    expect([root.uri, root.local, root.attrs.version]).toEqual([GPX, 'gpx', '1.1']);
    const kinds = root.children.map((c) => c.local);
    expect(kinds).toEqual(['wpt', 'wpt', 'trk']); // point, polygon (as its representative point), line
    const [w0, w1] = root.children as [typeof root, typeof root];
    expect([w0.attrs.lat, w0.attrs.lon]).toEqual(['48.8584', '2.2945']);
    expect([w1.attrs.lat, w1.attrs.lon]).toEqual(['48.5', '2.5']); // the row's geo_point_2d
    expect(w0.children.map((c) => c.local)).toEqual(['name', 'extensions']);
    const ext = childrenNamed(w0, 'extensions')[0]!;
    expect(ext.children.every((c) => c.uri === 'http://osgeo.org/gdal')).toBe(true);
    expect(Object.fromEntries(ext.children.map((c) => [c.local, c.text]))).toEqual({
      name: 'Tour Eiffel; "la dame de fer"', count: '1', ratio: '45.0', ok: 'true', day: '2019-03-26',
      at: '2021-09-01T01:00:00+00:00', extra: '{"a":[1,2]}',
    });
    const trk = root.children[2]!;
    // The line's row has only nulls besides its geometry: no name, no extensions.
    expect(trk.children.map((c) => c.local)).toEqual(['trkseg']);
    const pts = descendants(trk, 'trkpt').map((p) => [Number(p.attrs.lon), Number(p.attrs.lat)]);
    expect(pts).toEqual([[2.35, 48.85], [2.36, 48.86], [2.37, 48.84]]);
  });
  it('puts attributes in <desc> when use_extension=false, and only the listed ones with description_field_list', async () => {
    const plain = parseXml((await render(gpxRenderer, context(ROWS.slice(0, 1), COLUMNS, { use_extension: 'false' }))).toString('utf8'));
    const w = plain.children[0]!;
    expect(w.children.map((c) => c.local)).toEqual(['desc']);
    expect(w.children[0]!.text.split('\n')[0]).toBe('name: Tour Eiffel; "la dame de fer"');
    const listed = parseXml((await render(gpxRenderer, context(ROWS.slice(0, 1), COLUMNS, { use_extension: 'false', description_field_list: 'count' }))).toString('utf8'));
    expect(listed.children[0]!.children[0]!.text).toBe('count: 1');
  });
});
