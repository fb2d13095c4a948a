// Shapes facet rows (value, count) into the Explore API body {name, facets:[{name,value,count,state}]}.
// State follows ODS: "refined" for a refined value, "excluded" for an excluded one, else "displayed".
import type { Row } from '../../storage/backend.ts';

export interface FacetValue { name: string; value: string; count: number; state: string; facets?: FacetValue[] }

function unquote(v: string): string {
  const t = v.trim();
  return t.length >= 2 && ((t[0] === '"' && t.endsWith('"')) || (t[0] === "'" && t.endsWith("'"))) ? t.slice(1, -1) : t;
}

function refinedValues(name: string, params: string[]): Set<string> {
  const out = new Set<string>();
  for (const p of params) {
    const i = p.indexOf(':');
    if (i > 0 && p.slice(0, i).trim() === name) out.add(unquote(p.slice(i + 1)));
  }
  return out;
}

function cell(v: unknown): string {
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return v === null || v === undefined ? '' : String(v);
}

export function facetResponse(name: string, _kind: string, rows: Row[], refine: string[], exclude: string[]): { name: string; facets: FacetValue[] } {
  const refined = refinedValues(name, refine);
  const excluded = refinedValues(name, exclude);
  const facets = rows.map((r) => {
    const [v, c] = Object.values(r);
    const value = cell(v);
    const state = refined.has(value) ? 'refined' : excluded.has(value) ? 'excluded' : 'displayed';
    return { name: value, value, count: Number(c), state };
  });
  return { name, facets };
}
