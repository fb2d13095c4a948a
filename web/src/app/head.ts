// Keeps the page's head tags (description, canonical link, Open Graph, schema.org JSON-LD) right
// after client-side navigations, from GET /api/agora/v1/page-head; the first load has them in the HTML.
import { useEffect, useRef } from 'react';
import { buildUrl, getJson } from '../api/client.ts';

export interface PageHead {
  status: number;
  title: string;
  description: string | null;
  canonical: string | null;
  json_ld: Record<string, unknown> | null;
}

function upsert<K extends 'meta' | 'link' | 'script'>(tag: K, selector: string, present: boolean, init: (el: HTMLElementTagNameMap[K]) => void): void {
  const found = document.head.querySelector<HTMLElementTagNameMap[K]>(selector);
  if (!present) { found?.remove(); return; }
  const el = found ?? document.head.appendChild(document.createElement(tag));
  init(el);
}

export function applyHead(head: PageHead): void {
  upsert('meta', 'meta[name="description"]', head.description !== null, (el) => { el.name = 'description'; el.content = head.description ?? ''; });
  upsert('link', 'link[rel="canonical"]', head.canonical !== null, (el) => { el.rel = 'canonical'; el.href = head.canonical ?? ''; });
  upsert('meta', 'meta[property="og:title"]', true, (el) => { el.setAttribute('property', 'og:title'); el.content = head.title; });
  upsert('meta', 'meta[property="og:description"]', head.description !== null, (el) => { el.setAttribute('property', 'og:description'); el.content = head.description ?? ''; });
  upsert('script', 'script[type="application/ld+json"]', head.json_ld !== null, (el) => { el.type = 'application/ld+json'; el.textContent = JSON.stringify(head.json_ld); });
}

/** Call with the current pathname: refreshes the head tags whenever it changes after the first load. */
export function usePageHead(pathname: string): void {
  const first = useRef(pathname);
  useEffect(() => {
    if (pathname === first.current) return;
    first.current = '';
    const ctrl = new AbortController();
    getJson<PageHead>(buildUrl('/api/agora/v1/page-head', [['path', pathname]]), ctrl.signal)
      .then(applyHead, () => { /* head tags are for crawlers and link previews; the page works without them */ });
    return () => ctrl.abort();
  }, [pathname]);
}
