// The zipped ESRI shapefile export (.shp/.shx/.dbf/.prj/.cpg per geometry type). Written by hand:
// @mapbox/shp-write builds every file in memory from a whole FeatureCollection, while the format
// needs file lengths, a bbox and dbf widths in its headers. So records stream to temp files (one
// set per shape type, as a shapefile holds one type), then headers are computed and yazl zips the
// files out, reading them back as streams. Rows without geometry are left out.
import { createInterface } from 'node:readline';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import yazl from 'yazl';
import type { ResultColumn } from '../../core/request.ts';
import { registerRenderer, type RenderContext, type Renderer } from './renderer.ts';
import { exportColumns } from './columns.ts';
import { DbfLayout } from './dbf.ts';
import { geometryColumn, mergeBBox, projectGeometry, projector, rowGeometry, PRJ_WKT, type BBox } from './geo.ts';
import { SHAPE_TYPE, toShapeContents, type ShapeType } from './shp-geometry.ts';
import { SpoolFile } from './spool.ts';
import { withTempDir } from './streams.ts';

const TYPE_SUFFIX: Record<number, string> = { 1: 'point', 3: 'polyline', 5: 'polygon', 8: 'multipoint' };

class ShapeGroup {
  count = 0;
  bbox: BBox | null = null;
  private lengthWords = 50; // the 100-byte header
  private constructor(readonly shapeType: ShapeType, readonly shp: SpoolFile, readonly shx: SpoolFile, readonly dbf: SpoolFile) {}

  static async create(dir: string, shapeType: ShapeType): Promise<ShapeGroup> {
    const f = (ext: string) => SpoolFile.create(join(dir, `${shapeType}.${ext}`));
    return new ShapeGroup(shapeType, await f('shp'), await f('shx'), await f('dbf.jsonl'));
  }

  async add(content: Buffer, bbox: BBox, stagedCells: string): Promise<void> {
    this.count++;
    const header = Buffer.alloc(8);
    header.writeInt32BE(this.count, 0);
    header.writeInt32BE(content.length / 2, 4);
    const index = Buffer.alloc(8);
    index.writeInt32BE(this.lengthWords, 0);
    index.writeInt32BE(content.length / 2, 4);
    this.lengthWords += 4 + content.length / 2;
    this.bbox = mergeBBox(this.bbox, bbox);
    await this.shp.push(Buffer.concat([header, content]));
    await this.shx.push(index);
    await this.dbf.push(stagedCells);
  }

  async close(): Promise<void> { await Promise.all([this.shp.close(), this.shx.close(), this.dbf.close()]); }

  /** The 100-byte main file header; `lengthWords` is the whole file's length in 16-bit words. */
  fileHeader(lengthWords: number): Buffer {
    const h = Buffer.alloc(100);
    h.writeInt32BE(9994, 0);
    h.writeInt32BE(lengthWords, 24);
    h.writeInt32LE(1000, 28);
    h.writeInt32LE(this.shapeType, 32);
    (this.bbox ?? [0, 0, 0, 0]).forEach((v, i) => h.writeDoubleLE(v, 36 + 8 * i));
    return h;
  }

  shpHeader(): Buffer { return this.fileHeader(this.lengthWords); }
  shxHeader(): Buffer { return this.fileHeader(50 + 4 * this.count); }
}

async function* concat(head: Buffer, rest: AsyncIterable<Buffer>, tail?: Buffer): AsyncIterable<Buffer> {
  yield head;
  yield* rest;
  if (tail) yield tail;
}

async function* dbfRecords(layout: DbfLayout, staged: string): AsyncIterable<Buffer> {
  const lines = createInterface({ input: createReadStream(staged, { encoding: 'utf8' }), crlfDelay: Infinity });
  let batch: Buffer[] = [];
  for await (const line of lines) {
    if (!line) continue;
    batch.push(layout.encode(line));
    if (batch.length >= 1024) { yield Buffer.concat(batch); batch = []; }
  }
  if (batch.length) yield Buffer.concat(batch);
}

function safeBaseName(datasetId: string): string {
  return datasetId.replace(/[^A-Za-z0-9_.-]/g, '_') || 'export';
}

function renderShapefile(ctx: RenderContext): AsyncIterable<Buffer> {
  const { options } = ctx;
  const columns = exportColumns(ctx.columns);
  const geo = geometryColumn(columns);
  const attributeColumns: ResultColumn[] = columns.filter((c) => c !== geo);
  const project = projector(options.epsg);
  return withTempDir('shp', async function* (dir) {
    const layout = new DbfLayout(attributeColumns, options.timezone, options.list_separator);
    const groups = new Map<ShapeType, ShapeGroup>();
    for await (const batch of ctx.rows) {
      for (const row of batch) {
        const g = rowGeometry(row, geo);
        if (!g) continue;
        const shapes = toShapeContents(projectGeometry(g, project));
        if (!shapes.length) continue;
        const cells = layout.stage(row);
        for (const s of shapes) {
          let group = groups.get(s.shapeType);
          if (!group) groups.set(s.shapeType, group = await ShapeGroup.create(dir, s.shapeType));
          await group.add(s.content, s.bbox, cells);
        }
      }
    }
    if (groups.size === 0) groups.set(SHAPE_TYPE.Point, await ShapeGroup.create(dir, SHAPE_TYPE.Point));
    for (const g of groups.values()) await g.close();

    const zip = new yazl.ZipFile();
    const base = safeBaseName(ctx.dataset.dataset_id);
    for (const g of groups.values()) {
      const name = groups.size === 1 ? base : `${base}_${TYPE_SUFFIX[g.shapeType]}`;
      const dbfHeader = layout.header(g.count);
      zip.addReadStream(Readable.from(concat(g.shpHeader(), g.shp.read())), `${name}.shp`);
      zip.addReadStream(Readable.from(concat(g.shxHeader(), g.shx.read())), `${name}.shx`);
      zip.addReadStream(Readable.from(concat(dbfHeader, dbfRecords(layout, g.dbf.path), Buffer.from([0x1a]))), `${name}.dbf`);
      zip.addBuffer(Buffer.from(PRJ_WKT[options.epsg ?? 4326] ?? PRJ_WKT[4326]!, 'utf8'), `${name}.prj`);
      zip.addBuffer(Buffer.from('UTF-8', 'utf8'), `${name}.cpg`);
    }
    zip.end();
    yield* zip.outputStream as AsyncIterable<Buffer>;
  });
}

export const shapefileRenderer: Renderer = {
  format: 'shp',
  contentType: 'application/zip',
  extension: 'zip',
  needsGeo: true,
  render: renderShapefile,
};

registerRenderer(shapefileRenderer);
