// /admin/branding (admins): the public site's name, logo, colours, home page text (Markdown) and
// footer links, saved through the branding routes; refused values are shown next to their field.
import { useEffect, useState, type FormEvent } from 'react';
import { deleteLogo, getBranding, putBranding, uploadLogo, type BrandingBody, type BrandingSettings } from './branding-api.ts';
import { useEditorI18n } from './editor-messages.ts';
import { useAdminI18n } from './messages.ts';
import { FormError, Outcome, useLoad, useOutcome } from './ui.tsx';
import { MarkdownEditor } from './MarkdownEditor.tsx';
import { AdminError } from './session.ts';
import { usePortalRefresh } from '../app/portal.tsx';
import { Loading } from '../components/States.tsx';

function FieldError({ detail, field }: { detail: Record<string, string[]> | null; field: string }) {
  const messages = detail?.[field];
  return messages ? <p className="field-error" id={`brand-${field}-error`}>{messages.join(' ')}</p> : null;
}

function LogoForm({ body, onSaved }: { body: BrandingBody; onSaved: (b: BrandingBody) => void }) {
  const { t } = useEditorI18n();
  const outcome = useOutcome();
  const [detail, setDetail] = useState<Record<string, string[]> | null>(null);
  const run = (action: () => Promise<BrandingBody>) => outcome.run(async () => {
    setDetail(null);
    try { onSaved(await action()); } catch (e) { if (e instanceof AdminError) setDetail(e.detail); throw e; }
    return t('brand.logoUploaded');
  });
  return (
    <fieldset>
      <legend>{t('brand.logo')}</legend>
      {body.effective.logo ? <img src={body.effective.logo} alt="" className="brand-logo-preview" /> : <p className="muted">{t('brand.logoNone')}</p>}
      <div className="field">
        <label htmlFor="brand-logo">{t('brand.logo')}</label>
        <input id="brand-logo" type="file" accept="image/png,image/jpeg,image/gif,image/webp,image/svg+xml" aria-describedby="brand-logo-help"
          onChange={(e) => { const f = e.target.files?.[0]; if (f) void run(() => uploadLogo(f)); e.target.value = ''; }} />
        <p className="help" id="brand-logo-help">{t('brand.logoHelp')}</p>
        <FieldError detail={detail} field="logo" />
      </div>
      {body.has_logo && <button type="button" className="danger" onClick={() => void run(deleteLogo)}>{t('brand.logoRemove')}</button>}
      <Outcome message={outcome.message} error={outcome.error} />
    </fieldset>
  );
}

function SettingsForm({ body, onSaved }: { body: BrandingBody; onSaved: (b: BrandingBody) => void }) {
  const { t } = useEditorI18n();
  const admin = useAdminI18n();
  const outcome = useOutcome();
  const [s, setS] = useState<BrandingSettings>({ name: body.name, primary_color: body.primary_color, accent_color: body.accent_color, home_text: body.home_text, footer_links: body.footer_links });
  const [detail, setDetail] = useState<Record<string, string[]> | null>(null);
  const [busy, setBusy] = useState(false);
  const text = (k: 'name' | 'primary_color' | 'accent_color', v: string) => setS((x) => ({ ...x, [k]: v.trim() ? v : null }));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setDetail(null);
    await outcome.run(async () => {
      try { onSaved(await putBranding(s)); } catch (err) { if (err instanceof AdminError) setDetail(err.detail); throw err; }
      return admin.t('common.saved');
    });
    setBusy(false);
  };
  const input = (k: 'name' | 'primary_color' | 'accent_color', label: string, placeholder: string, help?: string) => (
    <div className="field">
      <label htmlFor={`brand-${k}`}>{label}</label>
      <input id={`brand-${k}`} value={s[k] ?? ''} placeholder={placeholder} onChange={(e) => text(k, e.target.value)}
        aria-invalid={detail?.[k] ? true : undefined} aria-describedby={[help ? `brand-${k}-help` : '', detail?.[k] ? `brand-${k}-error` : ''].join(' ').trim() || undefined} />
      {help && <p className="help" id={`brand-${k}-help`}>{help}</p>}
      <FieldError detail={detail} field={k} />
    </div>
  );
  const links = s.footer_links;
  const setLink = (i: number, patch: Partial<{ label: string; url: string }>) => setS((x) => ({ ...x, footer_links: x.footer_links.map((l, j) => (j === i ? { ...l, ...patch } : l)) }));
  return (
    <form className="admin-form" onSubmit={submit} aria-labelledby="brand-settings">
      <h2 id="brand-settings" className="visually-hidden">{t('brand.title')}</h2>
      {input('name', t('brand.name'), body.default_name)}
      <div className="colour-row">
        {input('primary_color', t('brand.primary'), body.effective.colors.primary, t('brand.colorHelp'))}
        {input('accent_color', t('brand.accent'), body.effective.colors.accent, t('brand.colorHelp'))}
      </div>
      <div className="field">
        <label htmlFor="brand-home">{t('brand.home')}</label>
        <MarkdownEditor id="brand-home" value={s.home_text ?? ''} onChange={(v) => setS((x) => ({ ...x, home_text: v.trim() ? v : null }))} />
        <FieldError detail={detail} field="home_text" />
      </div>
      <fieldset>
        <legend>{t('brand.footer')}</legend>
        <FieldError detail={detail} field="footer_links" />
        {links.map((l, i) => (
          <div className="footer-link-row" key={i}>
            <div className="field">
              <label htmlFor={`brand-link-label-${i}`}>{t('brand.linkLabel')}</label>
              <input id={`brand-link-label-${i}`} value={l.label} onChange={(e) => setLink(i, { label: e.target.value })} />
              <FieldError detail={detail} field={`footer_links[${i}].label`} />
            </div>
            <div className="field">
              <label htmlFor={`brand-link-url-${i}`}>{t('brand.linkUrl')}</label>
              <input id={`brand-link-url-${i}`} type="url" value={l.url} onChange={(e) => setLink(i, { url: e.target.value })} />
              <FieldError detail={detail} field={`footer_links[${i}].url`} />
            </div>
            <button type="button" className="danger" onClick={() => setS((x) => ({ ...x, footer_links: x.footer_links.filter((_, j) => j !== i) }))}>{t('brand.linkRemove', { n: i + 1 })}</button>
          </div>
        ))}
        <button type="button" onClick={() => setS((x) => ({ ...x, footer_links: [...x.footer_links, { label: '', url: 'https://' }] }))}>{t('brand.linkAdd')}</button>
      </fieldset>
      <button type="submit" className="primary" disabled={busy}>{t('brand.save')}</button>
      <Outcome message={outcome.message} error={outcome.error} />
    </form>
  );
}

export function BrandingPage() {
  const { t } = useEditorI18n();
  const refreshPortal = usePortalRefresh();
  const loaded = useLoad(getBranding, []);
  const [body, setBody] = useState<BrandingBody | null>(null);
  useEffect(() => { if (loaded.data) setBody(loaded.data); }, [loaded.data]);
  const saved = (b: BrandingBody) => { setBody(b); void refreshPortal(); };
  return (
    <section>
      <h1>{t('brand.title')}</h1>
      <p>{t('brand.intro')}</p>
      <FormError error={loaded.error} />
      {!body && !loaded.error && <Loading />}
      {body && <LogoForm body={body} onSaved={saved} />}
      {body && <SettingsForm body={body} onSaved={saved} />}
    </section>
  );
}
