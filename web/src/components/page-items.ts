// Published pages as the readers' API lists them, their one-line summary and the catalog's match
// of a search against them. Pure: no React.

export interface PageItem { uid: string; slug: string; title: string; description: string; featured: boolean; public: boolean; published_at: string | null; blocks_count: number }

/** A page description (Markdown) as one line of text: emphasis, heading and quote marks dropped. */
export function summaryOf(markdown: string): string {
  return markdown.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/[*_#`>~]/g, '').replace(/\s+/g, ' ').trim();
}

/** Pages whose title or description holds every word of the search (accents and case ignored). */
export function matchingPages(pages: PageItem[], q: string): PageItem[] {
  const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  const words = fold(q).split(/\s+/).filter(Boolean);
  return pages.filter((p) => { const text = fold(`${p.title} ${summaryOf(p.description)}`); return words.every((w) => text.includes(w)); });
}
