// The inside of the embed dialog: which view (table, map, chart) and size, the embed URL and the
// <iframe> snippet with copy buttons, and a live preview iframe of that URL at that size.
import { useRef, useState } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import type { ApiDataset } from '../api/types.ts';
import type { EmbedView } from '../app/routes.ts';
import type { MessageKey } from '../i18n/en.ts';
import { geoFields } from './fields.ts';
import { EMBED_SIZES, embedSnippet, embedUrl, type EmbedSize } from './embed-link.ts';
import { copyFieldText, type CopyResult } from './copy-text.ts';

const VIEW_LABEL: Record<EmbedView, MessageKey> = { table: 'tab.table', map: 'tab.map', analyze: 'embed.chart' };

interface Props { ds: ApiDataset; initialView: EmbedView; pageSearch: URLSearchParams; idSuffix: string }

export function EmbedDialogBody({ ds, initialView, pageSearch, idSuffix }: Props) {
  const { t, lang } = useI18n();
  const views: EmbedView[] = ['table', ...(geoFields(ds).length ? ['map' as const] : []), ...(ds.fields.length ? ['analyze' as const] : [])];
  const [view, setView] = useState<EmbedView>(views.includes(initialView) ? initialView : 'table');
  const [size, setSize] = useState<EmbedSize>(EMBED_SIZES[1]);
  const [copied, setCopied] = useState<{ what: 'url' | 'code'; result: CopyResult } | null>(null);
  const urlField = useRef<HTMLInputElement>(null);
  const codeField = useRef<HTMLTextAreaElement>(null);
  const src = embedUrl(window.location.origin, ds.dataset_id, view, pageSearch, lang);
  const code = embedSnippet(src, `${ds.metas.default.title || ds.dataset_id} – ${t(VIEW_LABEL[view])}`, size);
  const id = (name: string) => `embed-${name}-${idSuffix}`;
  const copy = async (what: 'url' | 'code') => {
    const field = what === 'url' ? urlField.current : codeField.current;
    if (field) setCopied({ what, result: await copyFieldText(field) });
  };
  const copyLabel = (what: 'url' | 'code') => (copied?.what === what && copied.result === 'copied' ? t('common.copied') : t(what === 'url' ? 'embed.copyUrl' : 'embed.copyCode'));
  return (
    <div className="embed-body">
      <p id={id('help')}>{t('embed.help')}</p>
      <div className="embed-options">
        <fieldset>
          <legend>{t('embed.view')}</legend>
          {views.map((v) => (
            <label key={v} className="embed-choice">
              <input type="radio" name={id('view')} value={v} checked={view === v} onChange={() => { setView(v); setCopied(null); }} />
              {t(VIEW_LABEL[v])}
            </label>
          ))}
        </fieldset>
        <div>
          <label htmlFor={id('size')}>{t('embed.size')}</label>
          <select id={id('size')} value={size.id} onChange={(e) => { setSize(EMBED_SIZES.find((s) => s.id === e.target.value)!); setCopied(null); }}>
            {EMBED_SIZES.map((s) => <option key={s.id} value={s.id}>{t(`embed.size.${s.id}` as MessageKey)}</option>)}
          </select>
        </div>
      </div>
      <label htmlFor={id('url')}>{t('embed.url')}</label>
      <div className="search-row">
        <input ref={urlField} id={id('url')} className="mono embed-url" readOnly value={src} onFocus={(e) => e.currentTarget.select()} />
        <button type="button" onClick={() => void copy('url')}>{copyLabel('url')}</button>
      </div>
      <label htmlFor={id('code')}>{t('embed.code')}</label>
      <textarea ref={codeField} id={id('code')} className="mono embed-code" readOnly rows={3} value={code}
        aria-describedby={id('help')} onFocus={(e) => e.currentTarget.select()} />
      <div className="button-row">
        <button type="button" className="primary" onClick={() => void copy('code')}>{copyLabel('code')}</button>
      </div>
      <p role="status" className="help">{copied?.result === 'selected' ? t('embed.copyManual') : ''}</p>
      <h3 className="embed-preview-title">{t('embed.preview')}</h3>
      <div className="embed-preview">
        <iframe src={src} title={t('embed.previewTitle')} width={size.width} height={size.height} style={{ border: 0 }} />
      </div>
    </div>
  );
}
