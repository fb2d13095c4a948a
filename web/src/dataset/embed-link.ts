// What an embed is made of: its URL (this view, the page's filters and state, the reader's language),
// the sizes offered and the <iframe> snippet. Pure: no React, no DOM.
import { embedHref, type EmbedView } from '../app/routes.ts';

export interface EmbedSize { id: 'small' | 'medium' | 'large' | 'full'; width: string; height: number }

export const EMBED_SIZES: EmbedSize[] = [
  { id: 'small', width: '480', height: 360 }, { id: 'medium', width: '640', height: 480 },
  { id: 'large', width: '800', height: 600 }, { id: 'full', width: '100%', height: 520 },
];

/** The absolute embed URL of `view` with the page's query (its tab dropped, the language set). */
export function embedUrl(origin: string, datasetId: string, view: EmbedView, pageSearch: URLSearchParams, lang: string): string {
  const sp = new URLSearchParams(pageSearch);
  sp.delete('tab');
  sp.set('lang', lang);
  return new URL(embedHref(datasetId, view, sp), origin).toString();
}

export function embedSnippet(src: string, title: string, size: EmbedSize = EMBED_SIZES[3]): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return `<iframe src="${esc(src)}" title="${esc(title)}" width="${size.width}" height="${size.height}" style="border:0" loading="lazy"></iframe>`;
}
