// Which pages the catalog lists beside the datasets for a search: every word of it in the title or
// the description, accents and case ignored; no search lists them all.
import { expect, it } from 'vitest';
import { matchingPages, summaryOf, type PageItem } from '../../web/src/components/page-items.ts';

const page = (slug: string, title: string, description: string): PageItem => ({ uid: slug, slug, title, description, featured: false, public: true, published_at: null, blocks_count: 0 });
const pages = [page('air', 'Air quality dashboard', 'NO₂ and particles against the EU limits'), page('meteo', 'Météo de Seattle', 'Pluie et **températures**, voir [NOAA](https://www.noaa.gov)')];

it.each([
  ['', ['air', 'meteo']], ['air', ['air']], ['AIR Quality', ['air']], ['meteo', ['meteo']], ['temperatures', ['meteo']],
  ['eu limits', ['air']], ['air meteo', []], ['noaa', ['meteo']], ['https', []],
])('"%s" → %j', (q, expected) => {
  expect(matchingPages(pages, q).map((p) => p.slug)).toEqual(expected);
});

it('summarises Markdown as plain text', () => {
  expect(summaryOf('# Title\n\nSome **bold** and _em_ text, a [link](https://x.test).')).toBe('Title Some bold and em text, a link.');
});
