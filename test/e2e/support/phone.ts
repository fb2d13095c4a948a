// What makes a back-office page hard to use on a phone, measured in the page: words split across
// lines (ids, URLs and code may break anywhere), touch targets under 40 px, horizontal scroll.
import type { Page } from 'playwright-core';

export interface PhoneReport { split: string[]; small: string[]; scrollWidth: number; wide: string[] }

export function phoneReport(page: Page): Promise<PhoneReport> {
  return page.evaluate(() => {
    const split: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!el || el.closest('script, style, textarea, select, option, code, .long-url, .audit-detail, .visually-hidden')) continue;
      const box = el.getBoundingClientRect();
      if (box.width <= 2 || getComputedStyle(el).visibility === 'hidden') continue;
      const text = node.textContent ?? '';
      for (const m of text.matchAll(/\S+/g)) {
        const range = document.createRange();
        range.setStart(node, m.index!);
        range.setEnd(node, m.index! + m[0].length);
        const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
        if (lines.size > 1) split.push(`${m[0]} (in <${el.tagName.toLowerCase()} class="${el.className}">)`);
      }
    }
    const small: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('.admin button, .admin select, .admin-nav a, .admin input:not([type=checkbox]):not([type=radio]):not([type=file])')) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.height < 40) small.push(`${el.tagName.toLowerCase()} "${(el.textContent || el.getAttribute('aria-label') || el.id).trim()}" ${Math.round(r.height)}px`);
    }
    // Named in the failure message: positioned elements past the right edge (they escape clipping).
    const wide = [...document.querySelectorAll<HTMLElement>('body *')]
      .filter((el) => el.getBoundingClientRect().right > 391 && getComputedStyle(el).position !== 'static')
      .slice(0, 5).map((el) => `<${el.tagName.toLowerCase()} class="${el.className}">`);
    return { split, small, scrollWidth: document.documentElement.scrollWidth, wide };
  });
}
