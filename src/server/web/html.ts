// The initial HTML of app pages: web/dist/index.html with the page's <title>, description,
// canonical link and (for dataset pages) schema.org JSON-LD injected, so crawlers and link
// previews see them without running JavaScript. Pure string work; every value is escaped.

export interface HeadInfo {
  title: string;
  description?: string;
  canonical?: string;
  jsonLd?: Record<string, unknown>;
  /** Same-origin API URLs the app fetches first on this page: fetched while its JavaScript loads. */
  preload?: string[];
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** JSON safe inside <script>: no "</script>", no HTML comment openers, no JS line separators. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

export function plainSummary(html: string | null | undefined, max = 300): string {
  if (!html) return '';
  const text = html.replace(/<[^>]*>/g, ' ').replace(/&nbsp;/g, ' ').replace(/&amp;/g, '&').replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/\s+/g, ' ').trim();
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

export function injectHead(template: string, head: HeadInfo): string {
  let html = template.replace(/<title>[\s\S]*?<\/title>/, `<title>${escapeHtml(head.title)}</title>`);
  if (head.description !== undefined) {
    html = html.replace(/<meta name="description"[^>]*>/, `<meta name="description" content="${escapeHtml(head.description)}">`);
  }
  const extra: string[] = [];
  if (head.canonical) extra.push(`<link rel="canonical" href="${escapeHtml(head.canonical)}">`);
  extra.push(`<meta property="og:title" content="${escapeHtml(head.title)}">`);
  if (head.description) extra.push(`<meta property="og:description" content="${escapeHtml(head.description)}">`);
  for (const url of head.preload ?? []) extra.push(`<link rel="preload" as="fetch" href="${escapeHtml(url)}" crossorigin="anonymous">`);
  if (head.jsonLd) extra.push(`<script type="application/ld+json">${scriptJson(head.jsonLd)}</script>`);
  return html.replace('<!--agora:head-->', extra.join('\n    '));
}
