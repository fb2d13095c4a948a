// CSV renderer read back by DuckDB's own CSV reader (an independent parser), checking the ODS
// conventions seen in the real exports: `;`, BOM, "lat, lon" points, doubles like "45.0", ISO offsets.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDBBackend } from '../../src/storage/duckdb/index.ts';
import { csvRenderer } from '../../src/server/respond/csv.ts';
import { COLUMNS, POLYGON_WITH_HOLE, ROWS, context, render } from './fixtures.ts';

let db: DuckDBBackend;
const dir = mkdtempSync(join(tmpdir(), 'agora-csv-test-'));
beforeAll(async () => { db = new DuckDBBackend({ dataDir: null }); await db.open(); });
afterAll(async () => { await db.close(); rmSync(dir, { recursive: true, force: true }); });

async function readBack(bytes: Buffer, delimiter: string): Promise<Record<string, unknown>[]> {
  const path = join(dir, `x${Math.random().toString(36).slice(2)}.csv`);
  writeFileSync(path, bytes);
  return db.query(
    `SELECT * FROM read_csv(?, delim = ?, header = true, all_varchar = true, quote = '"', escape = '"')`,
    [path, delimiter],
  );
}

describe('csv renderer', () => {
  it('writes a BOM, a ; separated header of names and rows DuckDB reads back', async () => {
    const bytes = await render(csvRenderer, context(ROWS, COLUMNS, { timezone: 'Europe/Paris' }));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    expect(text.split('\r\n')[0]).toBe('name;count;ratio;ok;day;at;extra;geo_point_2d;geo_shape');
    const rows = await readBack(bytes, ';');
    expect(rows).toHaveLength(4);
    expect(rows[0]).toMatchObject({
      name: 'Tour Eiffel; "la dame de fer"', count: '1', ratio: '45.0', ok: 'true', day: '2019-03-26',
      at: '2021-09-01T03:00:00+02:00', extra: '{"a":[1,2]}', geo_point_2d: '48.8584, 2.2945',
    });
    expect(JSON.parse(String(rows[0]!.geo_shape))).toEqual({ type: 'Point', coordinates: [2.2945, 48.8584] });
    expect(rows[1]).toMatchObject({ name: 'Épicéa\nmulti-ligne', count: '-12', ratio: '0.125', ok: 'false', at: '2021-01-15T13:30:05+01:00' });
    expect(JSON.parse(String(rows[1]!.geo_shape))).toEqual(POLYGON_WITH_HOLE);
    expect(rows[2]).toMatchObject({ name: null, count: null, ratio: null, geo_point_2d: '48.85, 2.36' });
    expect(rows[3]).toMatchObject({ ratio: '1e-07', geo_point_2d: null, geo_shape: null });
  });

  it('honours delimiter, with_bom=false, use_labels and quote_all', async () => {
    const bytes = await render(csvRenderer, context(ROWS.slice(0, 1), COLUMNS.slice(0, 4),
      { delimiter: ',', with_bom: 'false', use_labels: 'true', quote_all: 'true' }));
    const text = bytes.toString('utf8');
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
    // quote_all quotes strings, not numbers or booleans.
    expect(text).toBe('"Name","Count (n)","Ratio","OK?"\r\n"Tour Eiffel; ""la dame de fer""",1,45.0,true\r\n');
    const rows = await readBack(bytes, ',');
    expect(rows[0]).toEqual({ Name: 'Tour Eiffel; "la dame de fer"', 'Count (n)': '1', Ratio: '45.0', 'OK?': 'true' });
  });

  it('joins multivalued lists with list_separator and quotes only when needed', async () => {
    const columns = [{ name: 'tags', type: 'text' as const }, { name: 'n', type: 'int' as const }];
    const bytes = await render(csvRenderer, context([{ tags: ['a', 'b;c'], n: 2 }, { tags: ['x', 'y'], n: 3 }], columns,
      { list_separator: '|', with_bom: 'false' }));
    expect(bytes.toString('utf8')).toBe('tags;n\r\n"a|b;c";2\r\nx|y;3\r\n');
  });

  it('never shows the hidden record id column', async () => {
    const columns = [{ name: '_rid', type: 'int' as const }, { name: 'n', type: 'int' as const }];
    const bytes = await render(csvRenderer, context([{ _rid: 7, n: 1 }], columns, { with_bom: 'false' }));
    expect(bytes.toString('utf8')).toBe('n\r\n1\r\n');
  });

  it('streams: one chunk per batch after the header', async () => {
    const chunks: unknown[] = [];
    for await (const c of csvRenderer.render(context(ROWS, COLUMNS))) chunks.push(c);
    expect(chunks).toHaveLength(1 + 2);
  });
});
