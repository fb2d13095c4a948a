// The configured basemap is used only when it answers with a MapLibre style (version 8) in time;
// otherwise the offline world basemap, and a plain background only when the outlines cannot load.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { feature } from 'topojson-client';
import { PLAIN_STYLE, resolveStyle } from '../../web/src/dataset/map/basemap.ts';
import { OFFLINE_ATTRIBUTION, offlineStyle } from '../../web/src/dataset/map/offline-style.ts';
import { loadConfig } from '../../src/core/config.ts';

const world = JSON.parse(readFileSync('node_modules/world-atlas/countries-50m.json', 'utf8')) as Topology;
const loadWorld = async () => world;

let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/style.json') { res.writeHead(200, { 'content-type': 'application/json' }); res.end(JSON.stringify({ version: 8, sources: {}, layers: [] })); return; }
    if (req.url === '/not-a-style.json') { res.writeHead(200, { 'content-type': 'application/json' }); res.end('{"hello":"world"}'); return; }
    if (req.url === '/slow.json') return; // never answers
    res.writeHead(404); res.end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(async () => { server.closeAllConnections(); await new Promise((r) => server.close(r)); });

describe('basemap style', () => {
  it('uses the configured style when it answers with a MapLibre style', async () => {
    expect(await resolveStyle(`${base}/style.json`, loadWorld)).toEqual({ style: `${base}/style.json`, kind: 'configured' });
  });
  it('falls back to the offline basemap when none is configured, missing, not a style, or too slow', async () => {
    for (const url of [null, `${base}/missing.json`, `${base}/not-a-style.json`, `${base}/slow.json`]) {
      const got = await resolveStyle(url, loadWorld, 200);
      expect(got.kind).toBe('offline');
      expect(typeof got.style).toBe('object');
    }
  });
  it('draws a plain background only when the world outlines cannot be loaded', async () => {
    expect(await resolveStyle(null, async () => { throw new Error('offline'); })).toEqual({ style: PLAIN_STYLE, kind: 'plain' });
  });
  it('builds the offline style from world-atlas: water, land of every Natural Earth land polygon, coastlines, borders, attribution', () => {
    const style = offlineStyle(world);
    expect(style.layers.map((l) => l.id)).toEqual(['water', 'land', 'coastline', 'borders']);
    const src = style.sources.world as { type: string; attribution: string; data: { features: Array<{ properties: { kind: string }; geometry: { type: string; coordinates: unknown[] } }> } };
    expect(src.attribution).toBe(OFFLINE_ATTRIBUTION);
    expect(src.attribution).toContain('Natural Earth');
    const kinds = src.data.features.map((f) => f.properties.kind);
    // The topology's own land object: one feature per geometry, read here without topojson-client.
    const landObj = (world.objects.land as { geometries: unknown[] }).geometries;
    expect(kinds.filter((k) => k === 'land')).toHaveLength(landObj.length);
    const coast = src.data.features.find((f) => f.properties.kind === 'coastline')!;
    const border = src.data.features.find((f) => f.properties.kind === 'border')!;
    expect(coast.geometry.type).toBe('MultiLineString');
    expect(border.geometry.type).toBe('MultiLineString');
    // Every border arc is shared by two countries: no arc of the coast-only set appears more than once.
    expect(border.geometry.coordinates.length).toBeGreaterThan(100);
    expect(() => offlineStyle({ type: 'Topology', objects: {}, arcs: [] } as unknown as Topology)).toThrow(/countries.*land/);
  });
  it('draws no edge across the whole world: no step of more than 180° of longitude in land, coastlines or borders (but along a pole, off the map)', () => {
    type Geo = { type: string; coordinates: number[][][] | number[][][][] };
    const linesOf = (g: Geo) => (g.type === 'MultiPolygon' ? (g.coordinates as number[][][][]).flat() : g.type === 'Polygon' || g.type === 'MultiLineString' ? g.coordinates as number[][][] : []);
    const polar = (a: number[], b: number[]) => Math.abs(a[1]) > 85.06 && Math.abs(b[1]) > 85.06; // beyond Web Mercator's edge
    const widest = (ls: number[][][]) => ls.reduce((m, l) => l.reduce((w, p, i) => (i && !polar(p, l[i - 1]) ? Math.max(w, Math.abs(p[0] - l[i - 1][0])) : w), m), 0);
    const src = offlineStyle(world).sources.world as { data: { features: Array<{ geometry: Geo }> } };
    expect(widest(src.data.features.flatMap((f) => linesOf(f.geometry)))).toBeLessThanOrEqual(180);
    // world-atlas itself has such steps: Russia, Fiji and Antarctica cross 180°.
    const land = feature(world, (world.objects as Record<string, GeometryCollection>).land) as unknown as { features: Array<{ geometry: Geo }> };
    expect(widest(land.features.flatMap((f) => linesOf(f.geometry)))).toBeGreaterThan(300);
  });
  it('AGORA_BASEMAP names the style, AGORA_BASEMAP_STYLE stays an alias', () => {
    const keep = { a: process.env.AGORA_BASEMAP, b: process.env.AGORA_BASEMAP_STYLE };
    try {
      delete process.env.AGORA_BASEMAP; process.env.AGORA_BASEMAP_STYLE = 'https://tiles.example/old.json';
      expect(loadConfig().basemapStyle).toBe('https://tiles.example/old.json');
      process.env.AGORA_BASEMAP = 'https://tiles.example/new.json';
      expect(loadConfig().basemapStyle).toBe('https://tiles.example/new.json');
    } finally {
      if (keep.a === undefined) delete process.env.AGORA_BASEMAP; else process.env.AGORA_BASEMAP = keep.a;
      if (keep.b === undefined) delete process.env.AGORA_BASEMAP_STYLE; else process.env.AGORA_BASEMAP_STYLE = keep.b;
    }
  });
});
