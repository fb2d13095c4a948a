// Reading one key of a page body into checked plain data; every refusal names the key's path
// (e.g. `content.blocks[2].dataset`), so the editor can show it next to the field.
import { invalidParameter as invalid } from '../core/errors.ts';
import { isPlainObject } from '../core/types.ts';

export type Obj = Record<string, unknown>;

/** `blocks[2]` + `dataset` → `blocks[2].dataset`; a key of the body itself is named alone. */
export const path = (at: string, key: string): string => (at ? `${at}.${key}` : key);
export { invalid };

export function object(v: unknown, at: string): Obj {
  if (!isPlainObject(v)) throw invalid(at, 'expected an object');
  return v;
}

/** Refuses keys the reader does not know (a typo must not be saved silently). */
export function onlyKeys(o: Obj, keys: readonly string[], at: string): void {
  for (const k of Object.keys(o)) if (!keys.includes(k)) throw invalid(path(at, k), `unknown key; expected one of ${keys.join(', ')}`);
}

export function text(o: Obj, key: string, at: string, opts: { max?: number; empty?: boolean } = {}): string {
  const v = o[key];
  if (typeof v !== 'string') throw invalid(path(at, key), 'expected text');
  if (!opts.empty && !v.trim()) throw invalid(path(at, key), 'must not be empty');
  if (v.length > (opts.max ?? 500)) throw invalid(path(at, key), `at most ${opts.max ?? 500} characters`);
  return v;
}

export function optText(o: Obj, key: string, at: string, max = 500): string | undefined {
  if (o[key] === undefined || o[key] === null || o[key] === '') return undefined;
  return text(o, key, at, { max });
}

export function optInt(o: Obj, key: string, at: string, min: number, max: number): number | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) throw invalid(path(at, key), `expected an integer from ${min} to ${max}`);
  return v;
}

export function optBool(o: Obj, key: string, at: string): boolean | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') throw invalid(path(at, key), 'expected true or false');
  return v;
}

export function oneOf<T extends string>(o: Obj, key: string, at: string, values: readonly T[], dflt?: T): T {
  const v = o[key] ?? dflt;
  if (typeof v !== 'string' || !values.includes(v as T)) throw invalid(path(at, key), `expected one of ${values.join(', ')}`);
  return v as T;
}

export function list(o: Obj, key: string, at: string, max: number): unknown[] {
  const v = o[key] ?? [];
  if (!Array.isArray(v)) throw invalid(path(at, key), 'expected a list');
  if (v.length > max) throw invalid(path(at, key), `at most ${max} items`);
  return v;
}
