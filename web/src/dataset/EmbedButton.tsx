// "Embed" action: a dialog with an <iframe> snippet for /embed/... showing this view with the
// same filters and state (chart, sort, map view) and the reader's language.
import { useRef, useState } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { useDataset } from './context.tsx';
import { embedHref, type EmbedView } from '../app/routes.ts';
import { currentSearch } from '../app/router.ts';

export function embedSnippet(src: string, title: string): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return `<iframe src="${esc(src)}" title="${esc(title)}" width="100%" height="520" style="border:0" loading="lazy"></iframe>`;
}

export function EmbedButton({ view }: { view: EmbedView }) {
  const { t, lang } = useI18n();
  const { ds } = useDataset();
  const dialog = useRef<HTMLDialogElement>(null);
  const [code, setCode] = useState('');
  const [copied, setCopied] = useState(false);
  const open = () => {
    const sp = currentSearch();
    sp.delete('tab');
    sp.set('lang', lang);
    const src = new URL(embedHref(ds.dataset_id, view, sp), window.location.origin).toString();
    setCode(embedSnippet(src, `${ds.metas.default.title || ds.dataset_id} – ${t(`tab.${view}`)}`));
    setCopied(false);
    dialog.current?.showModal();
  };
  const copy = async () => {
    try { await navigator.clipboard.writeText(code); setCopied(true); } catch { setCopied(false); }
  };
  return (
    <>
      <button type="button" onClick={open}>{t('embed.action')}</button>
      <dialog ref={dialog} className="modal" aria-labelledby={`embed-title-${view}`}>
        <div className="drawer-head">
          <h2 id={`embed-title-${view}`}>{t('embed.title')}</h2>
          <button type="button" className="icon-button" aria-label={t('common.close')} onClick={() => dialog.current?.close()}>×</button>
        </div>
        <p id={`embed-help-${view}`}>{t('embed.help')}</p>
        <label htmlFor={`embed-code-${view}`}>{t('embed.code')}</label>
        <textarea id={`embed-code-${view}`} className="mono embed-code" readOnly rows={4} value={code}
          aria-describedby={`embed-help-${view}`} onFocus={(e) => e.currentTarget.select()} />
        <div className="button-row">
          <button type="button" className="primary" onClick={copy}>{copied ? t('common.copied') : t('common.copy')}</button>
        </div>
      </dialog>
    </>
  );
}
