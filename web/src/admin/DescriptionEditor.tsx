// The dataset description: written in Markdown (stored as the HTML it renders to, since ODS clients
// read HTML), or the stored HTML edited as it is. An existing description opens in HTML mode, so
// nothing is lost; the server sanitises whatever is saved.
import { useState } from 'react';
import { MarkdownEditor, markdownToHtml } from './MarkdownEditor.tsx';
import { useEditorI18n } from './editor-messages.ts';

export type DescriptionMode = 'markdown' | 'html';

export function DescriptionEditor({ initialHtml, label, onChange }: { initialHtml: string; label: string; onChange: (html: string) => void }) {
  const { t } = useEditorI18n();
  const [mode, setMode] = useState<DescriptionMode>(initialHtml.trim() ? 'html' : 'markdown');
  const [source, setSource] = useState(initialHtml);
  const update = (next: string, m = mode) => { setSource(next); onChange(m === 'html' ? next : markdownToHtml(next)); };
  const switchTo = (m: DescriptionMode) => {
    if (m === mode) return;
    // Markdown → HTML: the HTML it renders to. HTML → Markdown: the same text, since HTML blocks
    // pass through Markdown unchanged.
    const next = m === 'html' ? markdownToHtml(source) : source;
    setMode(m);
    update(next, m);
  };
  return (
    <div className="field">
      <label htmlFor="meta-description">{label}</label>
      <div role="radiogroup" aria-label={t('md.mode')} className="md-mode">
        {(['markdown', 'html'] as const).map((m) => (
          <label key={m}><input type="radio" name="description-mode" value={m} checked={mode === m} onChange={() => switchTo(m)} /> {t(m === 'html' ? 'md.html' : 'md.markdown')}</label>
        ))}
      </div>
      <MarkdownEditor id="meta-description" value={source} html={mode === 'html'} onChange={(v) => update(v)} describedBy="meta-description-help" />
      <p className="help" id="meta-description-help">{mode === 'html' ? t('md.htmlHelp') : `${t('md.help')} ${t('md.toHtml')}`}</p>
    </div>
  );
}
