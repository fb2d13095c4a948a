// KML, GPX and zipped-shapefile sources, from fixtures written by hand after the format specs (the
// .kml and .gpx text; make-shapefiles.py packs the shapefile bytes with struct): the names, values
// and coordinates expected are the ones written into those files.
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure, fixture, importFile, openStore, records, type Store } from './helpers.ts';

let store: Store;
let tmp: string;
beforeAll(async () => { store = await openStore(); tmp = mkdtempSync(join(tmpdir(), 'agora-geo-readers-')); });
afterAll(async () => { await store.close(); rmSync(tmp, { recursive: true, force: true }); });

const shapes = (rows: Array<Record<string, unknown>>) => rows.map((r) => JSON.parse(String(r.geo_shape)) as { type: string; coordinates: unknown });

describe('KML', () => {
  it('reads placemarks: name, description, ExtendedData, and each geometry', async () => {
    const s = await importFile(store, fixture('places.kml'), 'kml-places');
    expect(s.rowsLoaded).toBe(3);
    const rows = await records(store, 'kml-places');
    expect(rows.map((r) => [r.name, r.floors])).toEqual([['Town hall', 4], ['River walk', 0], ['Park', 1]]);
    expect(rows[0].description).toBe('Open Monday to Friday');
    const g = shapes(rows);
    expect(g.map((x) => x.type)).toEqual(['Point', 'LineString', 'Polygon']);
    expect(g[1].coordinates).toEqual([[2.3, 48.85], [2.32, 48.86], [2.35, 48.855]]);
  });
  it('refuses a file that is not KML, or not well-formed, naming it', async () => {
    // A misnamed GPX file is read as GPX (the content decides); asked for as KML, it is refused.
    const gpxNamedKml = join(tmp, 'walk.kml');
    copyFileSync(fixture('walk.gpx'), gpxNamedKml);
    expect((await importFile(store, gpxNamedKml, 'misnamed')).rowsLoaded).toBe(3);
    expect((await failure(importFile(store, gpxNamedKml, 'x', { format: 'kml' }))).message).toBe('walk.kml is not a KML file: its root element is <gpx>, not <kml>.');
    const broken = join(tmp, 'broken.kml');
    writeFileSync(broken, '<kml><Document><Placemark></Document></kml>');
    expect(await failure(importFile(store, broken, 'x'))).toMatchObject({ code: 'INGEST_FORMAT', message: expect.stringMatching(/^broken\.kml is not well-formed XML/) });
  });
});

describe('GPX', () => {
  it('reads waypoints and tracks, with their type', async () => {
    await importFile(store, fixture('walk.gpx'), 'gpx-walk');
    const rows = await records(store, 'gpx-walk');
    const byName = new Map(rows.map((r, i) => [r.name, { type: r.gpx_type, shape: shapes(rows)[i] }]));
    expect([...byName.keys()].sort()).toEqual(['Morning walk', 'Museum', 'Tower']);
    expect(byName.get('Tower')).toEqual({ type: 'wpt', shape: { type: 'Point', coordinates: [2.2945, 48.8584, 35] } });
    expect(byName.get('Morning walk')?.type).toBe('trk');
    expect(byName.get('Morning walk')?.shape.coordinates).toEqual([[2.2945, 48.8584, 35], [2.31, 48.86, 36], [2.3376, 48.8606, 40]]);
  });
});

describe('zipped shapefiles', () => {
  it('reads the points and their attributes (detected from the zip, whatever its name)', async () => {
    const noExt = join(tmp, 'download');
    copyFileSync(fixture('stops.shp.zip'), noExt);
    for (const [src, id] of [[fixture('stops.shp.zip'), 'shp-stops'], [noExt, 'shp-noext']] as const) {
      const s = await importFile(store, src, id);
      expect(s.rowsLoaded).toBe(3);
      const rows = await records(store, id);
      expect(rows.map((r) => [r.name, r.pop])).toEqual([['Paris', 2102650], ['Lyon', 522250], ['Marseille', 873076]]);
      expect(s.fields.find((f) => f.name === 'geo_point_2d' || f.name === 'geo_shape')?.type).toBe('geo_point_2d');
    }
  });
  it('refuses projected coordinates, and a zip without a layer, saying what to do', async () => {
    expect((await failure(importFile(store, fixture('stops-lambert93.zip'), 'y'))).message)
      .toBe('stops-lambert93.zip: its coordinates are projected (RGF_1993_Lambert_93); export it in WGS 84 longitude/latitude (EPSG:4326).');
    const { zipSync } = await import('fflate');
    const empty = join(tmp, 'notes.zip');
    writeFileSync(empty, zipSync({ 'readme.txt': new TextEncoder().encode('no layer here') }));
    expect((await failure(importFile(store, empty, 'y'))).message).toBe('notes.zip: the zip holds no .shp file.');
    expect(store.catalog.find('y')).toBeUndefined();
  });
});
