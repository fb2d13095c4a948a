// Converts DuckDB JS values to the plain values every other stage expects:
// BIGINT/HUGEINT become numbers, DECIMAL numbers, DATE/TIMESTAMP stay Date, structs/lists recurse.
import type { Row } from '../backend.ts';

export function plainValue(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (v === null || typeof v !== 'object' || v instanceof Date) return v;
  if (Array.isArray(v)) return v.map(plainValue);
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) out[k] = plainValue(x);
  return out;
}

export function plainRow(r: Record<string, unknown>): Row {
  for (const k in r) {
    const v = r[k];
    if (v !== null && (typeof v === 'bigint' || (typeof v === 'object' && !(v instanceof Date)))) r[k] = plainValue(v);
  }
  return r;
}
