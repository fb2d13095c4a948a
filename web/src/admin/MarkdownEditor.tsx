// A Markdown text area with a small toolbar (bold, italic, link, list) and a live preview rendered
// by marked and shown through the public page's sanitiser. The caller decides what is stored.
import { useId, useRef, type ReactNode } from 'react';
import { marked } from 'marked';
import { sanitizeHtml } from '../dataset/info/sanitize.ts';
import { useEditorI18n } from './editor-messages.ts';

export function markdownToHtml(source: string): string {
  return source.trim() ? marked.parse(source, { async: false, gfm: true }) : '';
}

type Edit = (text: string, start: number, end: number) => { text: string; start: number; end: number };

const wrap = (mark: string): Edit => (text, start, end) => {
  const inner = text.slice(start, end) || 'text';
  return { text: text.slice(0, start) + mark + inner + mark + text.slice(end), start: start + mark.length, end: start + mark.length + inner.length };
};
const link = (url: string): Edit => (text, start, end) => {
  const label = text.slice(start, end) || url;
  const md = `[${label}](${url})`;
  return { text: text.slice(0, start) + md + text.slice(end), start: start + 1, end: start + 1 + label.length };
};
const list: Edit = (text, start, end) => {
  const from = text.lastIndexOf('\n', start - 1) + 1;
  const lines = text.slice(from, end).split('\n').map((l) => (l.startsWith('- ') ? l : `- ${l}`)).join('\n');
  return { text: text.slice(0, from) + lines + text.slice(end), start: from, end: from + lines.length };
};

export function MarkdownEditor({ id, value, onChange, html = false, describedBy, toolbar = true }: {
  id: string; value: string; onChange: (next: string) => void;
  /** The text is HTML (edited as it is); the preview shows it directly. */
  html?: boolean; describedBy?: string; toolbar?: boolean;
}) {
  const { t } = useEditorI18n();
  const area = useRef<HTMLTextAreaElement>(null);
  const previewId = useId();
  const apply = (edit: Edit) => {
    const el = area.current;
    if (!el) return;
    const next = edit(value, el.selectionStart, el.selectionEnd);
    onChange(next.text);
    requestAnimationFrame(() => { el.focus(); el.setSelectionRange(next.start, next.end); });
  };
  const askLink = () => {
    const url = window.prompt(t('md.linkPrompt'), 'https://');
    if (url && /^(https?:|mailto:)/i.test(url.trim())) apply(link(url.trim()));
  };
  const rendered = sanitizeHtml(html ? value : markdownToHtml(value));
  const button = (label: string, onClick: () => void, content: ReactNode) => (
    <button type="button" aria-label={label} title={label} onClick={onClick}>{content}</button>
  );
  return (
    <div className="md-editor">
      {toolbar && !html && (
        <div role="toolbar" aria-label={t('md.toolbar')} aria-controls={id} className="md-toolbar">
          {button(t('md.bold'), () => apply(wrap('**')), <b>B</b>)}
          {button(t('md.italic'), () => apply(wrap('*')), <i>I</i>)}
          {button(t('md.link'), askLink, <span aria-hidden="true">🔗</span>)}
          {button(t('md.list'), () => apply(list), <span aria-hidden="true">•—</span>)}
        </div>
      )}
      <div className="md-panes">
        <textarea id={id} ref={area} value={value} spellCheck aria-describedby={describedBy} onChange={(e) => onChange(e.target.value)} />
        <section className="md-preview" aria-labelledby={previewId}>
          <h3 id={previewId} className="md-preview-title">{t('md.preview')}</h3>
          {rendered ? <div className="description" data-testid={`${id}-preview`} dangerouslySetInnerHTML={{ __html: rendered }} />
            : <p className="muted">{t('md.previewEmpty')}</p>}
        </section>
      </div>
    </div>
  );
}
