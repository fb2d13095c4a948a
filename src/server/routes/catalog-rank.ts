// Relevance ranking of catalog search results: the terms of the where clauses' quoted strings and
// search() calls, weighted by where they match (title > keyword/theme > description). Stable.
import type { Dataset } from '../../core/types.ts';

function fold(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

export function searchTerms(where: string[]): string[] {
  const terms: string[] = [];
  for (const w of where) for (const m of w.matchAll(/"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'/g)) {
    for (const t of fold(m[1] ?? m[2] ?? '').replace(/\*/g, '').split(/\s+/)) if (t.length > 1) terms.push(t);
  }
  return terms;
}

export function rankBySearch(ids: string[], where: string[], find: (id: string) => Dataset | undefined): string[] {
  const terms = searchTerms(where);
  if (terms.length === 0) return ids;
  const score = (id: string): number => {
    const m = find(id)?.metas.default;
    if (!m) return 0;
    const title = fold(m.title ?? '');
    const tags = fold([...(m.keyword ?? []), ...(m.theme ?? [])].join(' '));
    const desc = fold(m.description ?? '');
    let s = 0;
    for (const t of terms) s += (title.includes(t) ? 4 : 0) + (tags.includes(t) ? 2 : 0) + (desc.includes(t) ? 1 : 0);
    return s;
  };
  return ids.map((id, i) => ({ id, i, s: score(id) })).sort((a, b) => b.s - a.s || a.i - b.i).map((x) => x.id);
}
