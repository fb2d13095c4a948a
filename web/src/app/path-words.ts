// The search a 404 page proposes from the unknown address: its last meaningful segments as words
// ("/dataset/us-airports" → "us airports") and the catalog query finding any of them. Pure.
import { fullTextClause } from '../state/odsql.ts';

/** Segments that name a kind of page on other portals, not what the visitor looked for. */
const NOISE = new Set(['dataset', 'datasets', 'explore', 'resource', 'download', 'information', 'table', 'map', 'analyze',
  'export', 'api', 'view', 'page', 'pages', 'index', 'html', 'php', 'aspx', 'fr', 'en', 'data', 'embed']);

export function wordsFromPath(pathname: string): string {
  let decoded = pathname;
  try { decoded = decodeURIComponent(pathname); } catch { /* keep the raw path */ }
  const words = decoded.split(/[/\s_.+-]+/).map((w) => w.toLowerCase()).filter((w) => w && !NOISE.has(w) && !/^\d+$/.test(w) && w.length <= 40);
  return words.slice(-4).join(' ');
}

/** ODSQL for datasets matching any of the words (a stale address rarely matches them all); the
 *  catalog ranks those matching more of them, in the title first, higher. */
export function anyWordWhere(words: string): string {
  return words.split(' ').filter(Boolean).map(fullTextClause).join(' OR ');
}
