// XLSX read back with exceljs's (non-streaming) reader; Parquet written by DuckDB and read back
// with DuckDB's read_parquet, compared with DuckDB's own answer to the same query.
import { existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sheetBacklog, xlsxRenderer } from '../../src/server/respond/xlsx.ts';
import { PassThrough } from 'node:stream';
import { setImmediate as tick } from 'node:timers/promises';
import { parquetRenderer } from '../../src/server/respond/parquet.ts';
import { DuckDBBackend } from '../../src/storage/duckdb/index.ts';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { COLUMNS, ROWS, context, render } from './fixtures.ts';

describe('xlsx renderer', () => {
  it('writes typed cells under a header row', async () => {
    const bytes = await render(xlsxRenderer, context(ROWS, COLUMNS, { timezone: 'Europe/Paris', use_labels: 'true' }));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe('test-set');
    expect(ws.rowCount).toBe(1 + ROWS.length);
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(COLUMNS.map((c) => c.label));
    const r2 = ws.getRow(2);
    expect(r2.getCell(1).value).toBe('Tour Eiffel; "la dame de fer"');
    expect(r2.getCell(2).value).toBe(1);
    expect(r2.getCell(3).value).toBe(45);
    expect(r2.getCell(4).value).toBe(true);
    expect(r2.getCell(5).value).toEqual(new Date(Date.UTC(2019, 2, 26)));
    expect(r2.getCell(5).numFmt).toBe('yyyy-mm-dd');
    // Paris wall clock of 2021-09-01T01:00Z is 03:00.
    expect(r2.getCell(6).value).toEqual(new Date(Date.UTC(2021, 8, 1, 3, 0, 0)));
    expect(r2.getCell(6).numFmt).toBe('yyyy-mm-dd hh:mm:ss');
    expect(r2.getCell(8).value).toBe('48.8584, 2.2945');
    expect(JSON.parse(String(r2.getCell(9).value))).toEqual({ type: 'Point', coordinates: [2.2945, 48.8584] });
    expect(ws.getRow(3).getCell(1).value).toBe('Épicéa\nmulti-ligne');
    expect(ws.getRow(4).getCell(1).value).toBeNull();
  });
  it('drops characters XML forbids instead of writing a broken file', async () => {
    const bytes = await render(xlsxRenderer, context([{ name: 'a\u0001b' }], [{ name: 'name', type: 'text' }]));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.getRow(2).getCell(1).value).toBe('ab');
  });
});

describe('xlsx pacing signal', () => {
  it('still sees sheet XML waiting in exceljs\'s zip entry (the renderer paces on it)', async () => {
    // Nobody reads the output: the sheet's bytes must pile up where sheetBacklog looks.
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: new PassThrough(), useStyles: true });
    const ws = wb.addWorksheet('x');
    let seen = 0;
    for (let b = 0; b < 20 && seen === 0; b++) {
      for (let i = 0; i < 2000; i++) ws.addRow([`row ${b}-${i} ${'x'.repeat(40)}`, i]).commit();
      await tick();
      seen = sheetBacklog(ws);
    }
    expect(seen).toBeGreaterThan(0);
  });
});

describe('parquet renderer', () => {
  let db: DuckDBBackend;
  const dir = mkdtempSync(join(tmpdir(), 'agora-parquet-test-'));
  beforeAll(async () => { db = new DuckDBBackend({ dataDir: null }); await db.open(); });
  afterAll(async () => { await db.close(); rmSync(dir, { recursive: true, force: true }); });

  for (const compression of ['snappy', 'zstd']) {
    it(`lets the engine write the query result (${compression}) and removes its temp file`, async () => {
      const sql = 'SELECT i AS n, i * 1.5 AS x, \'r\' || i AS label, {lon: 2.0 + i, lat: 48.0} AS geo_point_2d FROM range(1, 2001) t(i) WHERE i % ? = 0 ORDER BY i';
      const columns = [{ name: 'n', type: 'int' as const }, { name: 'x', type: 'double' as const }, { name: 'label', type: 'text' as const }, { name: 'geo_point_2d', type: 'geo_point_2d' as const }];
      const ctx = { ...context([], columns, { parquet_compression: compression }, db), query: { sql, params: [7], columns } };
      const before = readdirSync(tmpdir()).filter((n) => n.startsWith('agora-parquet-')).length;
      const bytes = await render(parquetRenderer, ctx);
      expect(bytes.subarray(0, 4).toString('latin1')).toBe('PAR1');
      const path = join(dir, `out-${compression}.parquet`);
      writeFileSync(path, bytes);
      const back = await db.query('SELECT * FROM read_parquet(?) ORDER BY n', [path]);
      const expected = await db.query(sql, [7]);
      expect(back).toEqual(expected);
      expect(back).toHaveLength(Math.floor(2000 / 7));
      const codecs = await db.query('SELECT DISTINCT compression FROM parquet_metadata(?)', [path]);
      expect(codecs.map((r) => String(r.compression).toLowerCase())).toEqual([compression]);
      expect(readdirSync(tmpdir()).filter((n) => n.startsWith('agora-parquet-') && existsSync(join(tmpdir(), n))).length).toBeLessThanOrEqual(before);
    });
  }

  it('leaves the hidden record id out of the file', async () => {
    const sql = 'SELECT i AS _rid, i * 2 AS n FROM range(1, 4) t(i) ORDER BY i DESC';
    const columns = [{ name: '_rid', type: 'int' as const }, { name: 'n', type: 'int' as const }];
    const ctx = { ...context([], columns, {}, db), query: { sql, params: [], columns } };
    const path = join(dir, 'rid.parquet');
    writeFileSync(path, await render(parquetRenderer, ctx));
    expect(await db.query('SELECT * FROM read_parquet(?)', [path])).toEqual([{ n: 6 }, { n: 4 }, { n: 2 }]);
  });
});
