// Text block: the block's Markdown, rendered by marked (as the back office's editor previews it)
// and passed through the dataset page's sanitiser, so no raw HTML reaches the page.
import { useMemo } from 'react';
import { marked } from 'marked';
import { sanitizeHtml } from '../../dataset/info/sanitize.ts';
import type { TextBlock } from '../../api/page-model.ts';
import type { BlockProps } from '../registry.ts';

export function markdownHtml(source: string): string {
  return source.trim() ? sanitizeHtml(marked.parse(source, { async: false, gfm: true })) : '';
}

export function TextBlockView({ block }: BlockProps<TextBlock>) {
  const html = useMemo(() => markdownHtml(block.markdown ?? ''), [block.markdown]);
  return <div className="block-text prose" dangerouslySetInnerHTML={{ __html: html }} />;
}
