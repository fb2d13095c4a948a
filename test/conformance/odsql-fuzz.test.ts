// Property-based fuzzing of the ODSQL front door (fast-check): 50,000 generated clauses (FUZZ_RUNS), from
// token soup to well-formed expressions over every field type and function, sent as where, select,
// group_by, order_by, refine and facet parameters through the HTTP app. None may answer 5xx.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { CSV, request } from './odsql-fuzz-inputs.ts';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.ts';
import { closePortal, openPortal } from '../../src/server/portal.ts';
import { importDataset } from '../../src/ingest/index.ts';
import type { AppContext } from '../../src/server/context.ts';

// 50,000 keeps CI inside its budget; FUZZ_RUNS=1000000 for a longer hunt.
const RUNS = Number(process.env.FUZZ_RUNS ?? 50_000);

let ctx: AppContext;
let app: FastifyInstance;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'agora-fuzz-'));
  writeFileSync(join(dir, 'trees.csv'), CSV);
  ctx = await openPortal({ inMemory: true, baseUrl: 'http://portal.test' });
  await importDataset(ctx.catalog, { source: join(dir, 'trees.csv'), datasetId: 'trees', mode: 'create' });
  process.env.AGORA_RATE_LIMIT_ANONYMOUS = 'off'; // 50,000 anonymous calls from one client
  app = await buildApp(ctx);
  delete process.env.AGORA_RATE_LIMIT_ANONYMOUS;
});
afterAll(async () => { await app?.close(); if (ctx) await closePortal(ctx); rmSync(dir, { recursive: true, force: true }); });

describe('ODSQL fuzzing', () => {
  it(`answers ${RUNS.toLocaleString('en')} generated clauses without a single 5xx`, async () => {
    const seen = new Map<number, number>();
    await fc.assert(fc.asyncProperty(request, async ([param, text, route]) => {
      const url = `/api/explore/v2.1/catalog/datasets/trees/${route}?limit=5&${param}=${encodeURIComponent(param === 'refine' ? `city:${text}` : text)}`;
      const r = await app.inject({ method: 'GET', url });
      seen.set(r.statusCode, (seen.get(r.statusCode) ?? 0) + 1);
      if (r.statusCode >= 500) throw new Error(`${r.statusCode} for ${param}=${text}: ${r.body.slice(0, 300)}`);
      if (r.statusCode === 400) expect(r.json().error_code).toMatch(/Error$/);
    }), { numRuns: RUNS, seed: 20261206 });
    // The generators reach both sides: well-formed queries that run and malformed ones refused.
    expect(seen.get(200) ?? 0).toBeGreaterThan(RUNS / 10);
    expect(seen.get(400) ?? 0).toBeGreaterThan(RUNS / 10);
    expect([...seen.keys()].filter((s) => s !== 200 && s !== 400)).toEqual([]);
  }, 900_000);
});
