// Relevance ranking of catalog search results: the terms of the where clauses' quoted strings, cut
// and stemmed as the query stage matches them, weighted by where they match (title > keyword/theme > description). Stable.
import type { Dataset } from '../../core/types.ts';
import { normaliseText, searchTermMatchers } from '../../query/index.ts';

/** Each where clause's quoted strings, one search text per string. */
export function quotedTexts(where: string[]): string[] {
  const texts: string[] = [];
  for (const w of where) for (const m of w.matchAll(/"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'/g)) texts.push(m[1] ?? m[2] ?? '');
  return texts;
}

export function rankBySearch(ids: string[], where: string[], find: (id: string) => Dataset | undefined): string[] {
  const terms = quotedTexts(where).flatMap((t) => searchTermMatchers(t));
  if (terms.length === 0) return ids;
  const score = (id: string): number => {
    const m = find(id)?.metas.default;
    if (!m) return 0;
    const title = normaliseText(m.title ?? '');
    const tags = normaliseText([...(m.keyword ?? []), ...(m.theme ?? [])].join(' | '));
    const desc = normaliseText(m.description ?? '');
    let s = 0;
    for (const t of terms) s += (t.test(title) ? 4 : 0) + (t.test(tags) ? 2 : 0) + (t.test(desc) ? 1 : 0);
    return s;
  };
  return ids.map((id, i) => ({ id, i, s: score(id) })).sort((a, b) => b.s - a.s || a.i - b.i).map((x) => x.id);
}
