// Defence in depth for dataset descriptions (the server sanitises them already): keeps a small
// set of formatting tags and safe links, drops everything else.
const ALLOWED = new Set(['P', 'BR', 'B', 'STRONG', 'I', 'EM', 'U', 'UL', 'OL', 'LI', 'A', 'H3', 'H4', 'H5', 'H6', 'BLOCKQUOTE', 'CODE', 'PRE', 'TABLE', 'THEAD', 'TBODY', 'TR', 'TH', 'TD', 'SPAN', 'DIV']);

function clean(node: Element, doc: Document): void {
  for (const child of [...node.children]) {
    if (child.tagName === 'H1' || child.tagName === 'H2') {
      // Headings inside a description must not outrank the page's own section headings.
      const h3 = doc.createElement('h3');
      while (child.firstChild) h3.append(child.firstChild);
      child.replaceWith(h3);
      clean(node, doc);
      return;
    }
    if (!ALLOWED.has(child.tagName)) {
      if (['SCRIPT', 'STYLE', 'IFRAME', 'OBJECT', 'EMBED', 'TEMPLATE'].includes(child.tagName)) { child.remove(); continue; }
      const frag = doc.createDocumentFragment();
      while (child.firstChild) frag.append(child.firstChild);
      child.replaceWith(frag);
      clean(node, doc);
      return;
    }
    for (const attr of [...child.attributes]) {
      const keep = child.tagName === 'A' && attr.name === 'href' && /^(https?:|mailto:|\/|#)/i.test(attr.value.trim());
      if (!keep) child.removeAttribute(attr.name);
    }
    if (child.tagName === 'A') { child.setAttribute('rel', 'noopener noreferrer nofollow'); }
    clean(child, doc);
  }
}

export function sanitizeHtml(html: string): string {
  const doc = new DOMParser().parseFromString(`<div>${html}</div>`, 'text/html');
  const root = doc.body.firstElementChild;
  if (!root) return '';
  clean(root, doc);
  return root.innerHTML;
}
