// A block's "Embed" action: a dialog with the block's embed URL (/embed/pages/{slug}/blocks/{id},
// the filter picks and language kept) and the <iframe> snippet, each with a copy button.
import { useId, useRef, useState } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { pageEmbedHref } from '../app/routes.ts';
import { embedSnippet } from '../dataset/embed-link.ts';
import { copyFieldText } from '../dataset/copy-text.ts';
import '../styles/embed.css';

export function blockEmbedUrl(origin: string, slug: string, blockId: string, filters: URLSearchParams, lang: string): string {
  const sp = new URLSearchParams(filters);
  sp.set('lang', lang);
  return new URL(pageEmbedHref(slug, blockId, sp), origin).toString();
}

export function BlockEmbed({ slug, blockId, name, filters }: { slug: string; blockId: string; name: string; filters: URLSearchParams }) {
  const { t, lang } = useI18n();
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  const [copied, setCopied] = useState<'url' | 'code' | null>(null);
  const id = useId();
  const url = useRef<HTMLInputElement>(null);
  const code = useRef<HTMLTextAreaElement>(null);
  const src = open ? blockEmbedUrl(window.location.origin, slug, blockId, filters, lang) : '';
  const snippet = open ? embedSnippet(src, name) : '';
  const copy = async (what: 'url' | 'code') => {
    const field = what === 'url' ? url.current : code.current;
    if (field && await copyFieldText(field) === 'copied') setCopied(what);
  };
  return (
    <>
      <button type="button" className="link-button" aria-label={t('page.embedBlock', { name })}
        onClick={() => { setOpen(true); setCopied(null); dialog.current?.showModal(); }}>{t('embed.action')}</button>
      <dialog ref={dialog} className="modal embed-dialog" aria-labelledby={`${id}-title`} onClose={() => setOpen(false)}>
        <div className="drawer-head">
          <h2 id={`${id}-title`}>{t('page.embedTitle', { name })}</h2>
          <button type="button" className="icon-button" aria-label={t('common.close')} onClick={() => dialog.current?.close()}>×</button>
        </div>
        {open && (
          <div className="embed-body">
            <p>{t('page.embedHelp')}</p>
            <label htmlFor={`${id}-url`}>{t('embed.url')}</label>
            <div className="search-row">
              <input id={`${id}-url`} ref={url} readOnly value={src} className="mono embed-url" onFocus={(e) => e.currentTarget.select()} />
              <button type="button" onClick={() => void copy('url')}>{copied === 'url' ? t('common.copied') : t('embed.copyUrl')}</button>
            </div>
            <label htmlFor={`${id}-code`}>{t('embed.code')}</label>
            <textarea id={`${id}-code`} ref={code} readOnly rows={3} value={snippet} className="mono embed-code" onFocus={(e) => e.currentTarget.select()} />
            <div className="button-row">
              <button type="button" onClick={() => void copy('code')}>{copied === 'code' ? t('common.copied') : t('embed.copyCode')}</button>
            </div>
          </div>
        )}
      </dialog>
    </>
  );
}
