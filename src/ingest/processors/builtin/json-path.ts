// A JSON value read from a field (parsed when it is text) and a dotted path into it ("a.b.0.c"),
// for the JSON processors. A text that is not JSON fails the record, naming the field.
import { StepFailure, type Value } from '../types.ts';

export function jsonOf(v: Value | undefined, field: string): Value {
  if (typeof v !== 'string') return v ?? null;
  try {
    return JSON.parse(v) as Value;
  } catch (e) {
    throw new StepFailure(field, `${JSON.stringify(v.length > 60 ? v.slice(0, 60) + '…' : v)} is not JSON (${(e as Error).message})`);
  }
}

export function atPath(v: Value, path: string): Value {
  let cur: Value = v;
  for (const key of path.split('.').filter(Boolean)) {
    if (Array.isArray(cur) && /^\d+$/.test(key)) cur = cur[Number(key)] ?? null;
    else if (cur && typeof cur === 'object' && !Array.isArray(cur)) cur = cur[key] ?? null;
    else return null;
  }
  return cur;
}
