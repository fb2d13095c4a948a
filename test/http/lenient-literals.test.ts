// ODS's lenient literals (issue 16): apps compare a text code with an unquoted number
// (where=stationcode=16107) or a number with a quoted one (where=bikes="12"), and ODS answers both.
// The literal takes the field's type where it converts — an unquoted number as it was written, so
// 016107 keeps its zero — and a clear 400 stays where it does not. Expected rows read off the CSV.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { closePortal, openPortal } from '../../src/server/portal.ts';
import type { AppContext } from '../../src/server/context.ts';
import { importDataset } from '../../src/ingest/index.ts';

const CSV = 'stationcode,name,bikes\n16107,Benjamin Godard,12\n016107,Zero first,3\nA12,Letters,7\n16108,Next door,12\n';
let ctx: AppContext; let app: FastifyInstance; let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'agora-lenient-'));
  writeFileSync(join(dir, 's.csv'), CSV);
  ctx = await openPortal({ inMemory: true, baseUrl: 'http://portal.test' });
  await importDataset(ctx.catalog, { source: join(dir, 's.csv'), datasetId: 'velib', mode: 'create' });
  app = await buildApp(ctx, { web: false });
});
afterAll(async () => { await app?.close(); if (ctx) await closePortal(ctx); rmSync(dir, { recursive: true, force: true }); });

const names = async (where: string) => {
  const res = await app.inject({ url: `/api/explore/v2.1/catalog/datasets/velib/records?where=${encodeURIComponent(where)}&order_by=name&select=name` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().results.map((r: { name: string }) => r.name);
};

describe('lenient literals', () => {
  it('the fixture has a text code and a numeric count', () => {
    const types = Object.fromEntries(ctx.catalog.get('velib').fields.map((f) => [f.name, f.type]));
    expect(types).toMatchObject({ stationcode: 'text', bikes: 'int' });
  });

  it('an unquoted number against a text field is that text, as written', async () => {
    expect(await names('stationcode = 16107')).toEqual(['Benjamin Godard']);
    expect(await names('stationcode = 016107')).toEqual(['Zero first']);
    expect(await names('stationcode in (16107, 16108)')).toEqual(['Benjamin Godard', 'Next door']);
    expect(await names('stationcode != 16107')).toEqual(['Letters', 'Next door', 'Zero first']);
    expect(await names('16108 = stationcode')).toEqual(['Next door']);
  });

  it('a quoted number against a numeric field is that number', async () => {
    expect(await names('bikes = "12"')).toEqual(['Benjamin Godard', 'Next door']);
    expect(await names("bikes > '5'")).toEqual(['Benjamin Godard', 'Letters', 'Next door']);
  });

  it('keeps a clear 400 where the literal does not convert', async () => {
    const res = await app.inject({ url: `/api/explore/v2.1/catalog/datasets/velib/records?where=${encodeURIComponent('bikes = "twelve"')}` });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(/Cannot compare a value of type (integer|int|number).* with a value of type (text|string)/i);
  });
});
