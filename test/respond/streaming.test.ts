// The shared contract every streaming renderer runs: output starts before the last batch is read
// (no whole-export buffering), a failing row source fails the render, and stopping early releases
// the row source. Shapefile and Parquet are named skips: their formats need the whole result first
// (headers with counts/widths; the engine writes Parquet), which they spool to temp files instead.
import { describe, expect, it } from 'vitest';
import { getRenderer, rendererFormats } from '../../src/server/respond/index.ts';
import type { Row } from '../../src/storage/backend.ts';
import { COLUMNS, ROWS, context } from './fixtures.ts';

const NEEDS_WHOLE_RESULT: Record<string, string> = {
  shp: 'headers carry record counts, bbox and dbf widths: spooled to temp files, zipped at the end',
  parquet: 'the engine writes the file from the query; the row iterator is not used',
};

function source(batches: number, onPull: (i: number) => void, failAt?: number): AsyncIterable<Row[]> & { closed: boolean } {
  const it = {
    closed: false,
    async *[Symbol.asyncIterator]() {
      try {
        for (let i = 0; i < batches; i++) {
          onPull(i);
          if (i === failAt) throw new Error('store failed');
          yield Array.from({ length: 500 }, (_, k) => ({ ...ROWS[k % 3]!, name: `row ${i}-${k} ${'x'.repeat(40)}` }));
        }
      } finally { it.closed = true; }
    },
  };
  return it;
}

describe.each(rendererFormats().filter((f) => !NEEDS_WHOLE_RESULT[f]))('%s renderer streams', (format) => {
  const renderer = getRenderer(format)!;
  it('emits output before the last batch is read', async () => {
    let pulled = 0;
    const rows = source(40, (i) => { pulled = i + 1; });
    let pulledAtSecondChunk = -1, chunks = 0;
    for await (const chunk of renderer.render({ ...context([], COLUMNS), rows })) {
      if (chunk.length === 0) continue;
      if (++chunks === 2) pulledAtSecondChunk = pulled;
    }
    expect(pulled).toBe(40);
    expect(pulledAtSecondChunk).toBeGreaterThan(0);
    expect(pulledAtSecondChunk).toBeLessThan(40);
  });
  it('fails when the row source fails', async () => {
    const rows = source(5, () => undefined, 3);
    await expect((async () => { for await (const _ of renderer.render({ ...context([], COLUMNS), rows })) void _; })()).rejects.toThrow('store failed');
  });
  it('releases the row source when the consumer stops early', async () => {
    let pulled = 0;
    const rows = source(40, (i) => { pulled = i + 1; });
    // Stop at the first chunk after the source was opened (headers may come before any read).
    for await (const chunk of renderer.render({ ...context([], COLUMNS), rows })) { if (chunk.length && pulled > 0) break; }
    expect(pulled).toBeLessThan(40);
    await new Promise((r) => setTimeout(r, 50));
    expect(rows.closed).toBe(true);
  });
});

describe('formats that need the whole result', () => {
  it.each(Object.keys(NEEDS_WHOLE_RESULT))('%s is registered (named skip of the streaming contract)', (f) => {
    expect(getRenderer(f)).toBeDefined();
  });
});
