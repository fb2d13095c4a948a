// Embed URLs and snippets (web/src/dataset/embed-link.ts): the page's filters and state kept, its tab
// dropped, the language set; the snippet's attributes escaped (no raw quote or < inside a value).
import { describe, expect, it } from 'vitest';
import { EMBED_SIZES, embedSnippet, embedUrl } from '../../web/src/dataset/embed-link.ts';

describe('embed links', () => {
  it('keeps the filters and view state of the page, drops its tab and sets the language', () => {
    const page = new URLSearchParams('tab=map&refine=kind:Oak&refine=district:District 1&where=height > 10&map=12/48.8/2.3');
    const url = new URL(embedUrl('https://data.example.org', 'street trees', 'map', page, 'fr'));
    expect(url.origin + url.pathname).toBe('https://data.example.org/embed/datasets/street%20trees/map');
    expect(url.searchParams.getAll('refine')).toEqual(['kind:Oak', 'district:District 1']);
    expect(url.searchParams.get('where')).toBe('height > 10');
    expect(url.searchParams.get('map')).toBe('12/48.8/2.3');
    expect(url.searchParams.get('lang')).toBe('fr');
    expect(url.searchParams.has('tab')).toBe(false);
    expect(page.get('tab')).toBe('map'); // the page's own query is left alone
  });

  it('writes one iframe whose src, title and size read back unchanged (HTML character references decoded)', () => {
    const src = 'https://data.example.org/embed/datasets/x/table?refine=a:"b"&q=<c>';
    const decode = (v: string) => v.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&amp;/g, '&');
    for (const size of EMBED_SIZES) {
      const html = embedSnippet(src, 'Trees & "parks" <2024>', size);
      expect(html).toMatch(/^<iframe( [a-z]+="[^"<]*")+><\/iframe>$/);
      const attrs = Object.fromEntries([...html.matchAll(/ ([a-z]+)="([^"]*)"/g)].map((m) => [m[1], decode(m[2])]));
      expect(attrs).toMatchObject({ src, title: 'Trees & "parks" <2024>', width: size.width, height: String(size.height) });
    }
  });
});
