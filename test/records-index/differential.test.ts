// The records index against the engine: thousands of random records pages (comparisons, ranges, IN,
// IS NULL, NOT, OR, sorts both ways, offsets) on a dataset with nulls, ties, negative numbers, text
// whose UTF-8 order differs from UTF-16's, dates and datetimes. Expected: DuckDB's answer to the same
// compiled SQL (rows in order and the count), for every query the index answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closePortal, openPortal } from '../../src/server/portal.ts';
import { importDataset } from '../../src/ingest/index.ts';
import { buildPlan, compileRecordsPlan, type Plan } from '../../src/plan/index.ts';
import { RecordsIndex } from '../../src/records-index/index.ts';
import type { AppContext } from '../../src/server/context.ts';

const ROWS = 6000;
let ctx: AppContext;
let dir: string;
let index: RecordsIndex;

/** Deterministic pseudo-random numbers (a test that fails must fail again). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}
const TEXTS = ['Paris', 'paris', 'Lyon', 'Évry', 'Zurich', 'a', 'ab', 'abc', '', 'Ω', '\u{1F333} tree', '\uFF21 wide', 'Saint-Étienne', 'Lille'];

function fixtureCsv(): string {
  const r = rng(42);
  const lines = ['n,x,t,d,day,b'];
  for (let i = 0; i < ROWS; i++) {
    const maybe = (v: string) => (r() < 0.08 ? '' : v);
    const n = String(Math.floor(r() * 50) - 10);
    const x = (r() * 200 - 100).toFixed(r() < 0.5 ? 0 : 3);
    const t = TEXTS[Math.floor(r() * TEXTS.length)]!;
    const d = new Date(Date.UTC(2021, 0, 1) + Math.floor(r() * 400) * 3_600_000 * 6).toISOString();
    const day = d.slice(0, 10);
    const b = r() < 0.5 ? 'true' : 'false';
    lines.push([maybe(n), maybe(x), maybe(JSON.stringify(t)), maybe(d), maybe(day), maybe(b)].join(','));
  }
  return lines.join('\n') + '\n';
}

/** A random where clause in ODSQL over the fixture's fields, literals present and absent alike. */
function randomWhere(r: () => number): string {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const op = () => pick(['=', '!=', '<', '<=', '>', '>=']);
  const atom = (): string => {
    switch (pick(['n', 'x', 't', 'd', 'day', 'b', 'null', 'in', 'range', 'period'])) {
      case 'n': return `n ${op()} ${Math.floor(r() * 60) - 15}`;
      case 'x': return `x ${op()} ${(r() * 220 - 110).toFixed(pick([0, 1, 3]))}`;
      case 't': return `t ${op()} ${JSON.stringify(pick([...TEXTS, 'M', 'Paris2', 'zz']))}`;
      case 'd': return `d ${op()} date'${new Date(Date.UTC(2021, 0, 1) + Math.floor(r() * 450) * 3_600_000 * 5).toISOString()}'`;
      case 'day': return `day ${op()} date'2021-${String(1 + Math.floor(r() * 12)).padStart(2, '0')}-${String(1 + Math.floor(r() * 28)).padStart(2, '0')}'`;
      case 'b': return `b = ${pick(['true', 'false'])}`;
      case 'null': return `${pick(['n', 'x', 't', 'd', 'b'])} is ${pick(['', 'not '])}null`;
      case 'in': return `n in (${[0, 1, 2].map(() => Math.floor(r() * 40) - 10).join(', ')})`;
      case 'range': return `x in ${pick(['[', ']'])}${Math.floor(r() * 100) - 60}..${Math.floor(r() * 100)}${pick(['[', ']'])}`;
      default: return `d ${op()} date'2021-${String(1 + Math.floor(r() * 12)).padStart(2, '0')}'`;
    }
  };
  const clause = (depth: number): string => {
    const k = r();
    if (depth > 1 || k < 0.55) return atom();
    if (k < 0.8) return `${clause(depth + 1)} and ${clause(depth + 1)}`;
    if (k < 0.93) return `(${clause(depth + 1)} or ${clause(depth + 1)})`;
    return `not (${clause(depth + 1)})`;
  };
  return clause(0);
}

function randomQuery(r: () => number): { where: string[]; order_by?: string; limit: number; offset: number; refine: string[]; exclude: string[] } {
  const order = ['n', 'x', 't', 'd', 'day', 'b'][Math.floor(r() * 6)]!;
  return {
    where: r() < 0.1 ? [] : r() < 0.2 ? [randomWhere(r), randomWhere(r)] : [randomWhere(r)],
    ...(r() < 0.85 ? { order_by: `${order}${r() < 0.5 ? ' desc' : ''}` } : {}),
    limit: Math.floor(r() * 30),
    offset: r() < 0.7 ? 0 : Math.floor(r() * 200),
    refine: [], exclude: [],
  };
}

async function engineAnswer(plan: Plan): Promise<{ rows: unknown; total: number }> {
  const c = compileRecordsPlan(plan, ctx.dialect);
  const rows = await ctx.backend.query(c.records.sql, c.records.params);
  const [count] = await ctx.backend.query(c.count.sql, c.count.params);
  return { rows, total: Number(Object.values(count!)[0]) };
}

/** Lets the index copy the version and build the orders its queries asked for. */
async function settle(plans: Plan[]): Promise<void> {
  for (let i = 0; i < 4; i++) {
    for (const p of plans) index.answer(p);
    await index.settled();
    await new Promise((res) => setTimeout(res, 30));
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'agora-rindex-'));
  ctx = await openPortal({ inMemory: true, dataDir: dir, port: 0, recordsIndexMb: 0 });
  writeFileSync(join(dir, 'mix.csv'), fixtureCsv());
  await importDataset(ctx.catalog, { source: join(dir, 'mix.csv'), datasetId: 'mix', mode: 'create' });
  index = new RecordsIndex(ctx.backend, ctx.dialect, { maxBytes: 64 * 1024 * 1024 });
});
afterAll(async () => {
  await closePortal(ctx);
  rmSync(dir, { recursive: true, force: true });
});

describe('records index against the engine', () => {
  it('holds the fixture with the types it was written with', () => {
    const types = Object.fromEntries(ctx.catalog.get('mix').fields.map((f) => [f.name, f.type]));
    expect(types).toEqual({ n: 'int', x: 'double', t: 'text', d: 'datetime', day: 'date', b: 'boolean' });
  });

  it.each([
    ['single-column orders', {}],
    ['composite orders (equality then range) from 16 rows', { compositeFrom: 16 }],
  ])('gives the engine\'s rows and total_count for 1,500 random pages, before and after its orders are built: %s', async (_name, options) => {
    index = new RecordsIndex(ctx.backend, ctx.dialect, { maxBytes: 64 * 1024 * 1024, ...options });
    const ds = ctx.catalog.get('mix');
    const r = rng(7);
    const plans = Array.from({ length: 1500 }, () => buildPlan(ds, randomQuery(r), { mode: 'records', access: {} }));
    await settle(plans.slice(0, 1)); // the copy only: first pass without sorted orders
    let answered = 0;
    const check = async (plan: Plan) => {
      const got = index.answer(plan);
      if (!got) return;
      answered++;
      const want = await engineAnswer(plan);
      expect({ rows: got.rows, total: got.total }).toEqual(want);
    };
    for (const p of plans.slice(0, 300)) await check(p);
    await settle(plans);
    for (const p of plans) await check(p);
    // Every clause here is of the kinds the index answers: it must answer them, not pass them on.
    expect(answered).toBe(1800);
  });

  it('passes on what it cannot answer exactly: expressions, text search, group_by, another version', async () => {
    const ds = ctx.catalog.get('mix');
    const plan = (q: Record<string, unknown>) => buildPlan(ds, { where: [], refine: [], exclude: [], ...q }, { mode: 'records', access: {} });
    await settle([plan({})]);
    expect(index.answer(plan({}))).not.toBeNull();
    expect(index.answer(plan({ select: 'n * 2 as m' }))).toBeNull();
    expect(index.answer(plan({ where: ['"paris"'] }))).toBeNull();
    expect(index.answer(plan({ where: ['n > x'] }))).toBeNull();
    expect(index.answer(plan({ order_by: 'n, x' }))).toBeNull();
    expect(index.answer(plan({ group_by: 't' }))).toBeNull();
    expect(index.answer(buildPlan({ ...ds, data_version: ds.data_version + 1 }, { where: [], refine: [], exclude: [] }, { mode: 'records', access: {} }))).toBeNull();
  });
});
