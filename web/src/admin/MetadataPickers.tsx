// Pick lists of the dataset editor: themes (the ODS standard list, several at once, plus free
// values) and the licence (common open licences setting both `license` and `license_url`, or Other…).
import { useState } from 'react';
import { useEditorI18n } from './editor-messages.ts';
import { ODS_THEMES, isOdsTheme } from './themes.ts';
import { LICENCES, licenceChoiceOf } from './licences.ts';
import { TagInput } from './TagInput.tsx';

export function ThemePicker({ values, onChange }: { values: string[]; onChange: (next: string[]) => void }) {
  const { t, lang } = useEditorI18n();
  const standard = values.filter(isOdsTheme);
  const other = values.filter((v) => !isOdsTheme(v));
  const toggle = (v: string, on: boolean) => onChange(on ? [...values, v] : values.filter((x) => x !== v));
  return (
    <fieldset className="theme-picker">
      <legend>{t('themes.standard')}</legend>
      <div className="checks checks-column">
        {ODS_THEMES.map((th) => (
          <label key={th.value}>
            <input type="checkbox" checked={standard.includes(th.value)} onChange={(e) => toggle(th.value, e.target.checked)} />
            {lang === 'fr' ? th.fr : th.value}
          </label>
        ))}
      </div>
      <label htmlFor="meta-theme-other">{t('themes.other')}</label>
      {/* ODS theme names hold commas, so a free theme ends with Enter only. */}
      <TagInput id="meta-theme-other" values={other} splitOnComma={false} placeholder={t('themes.otherAdd')}
        onChange={(next) => onChange([...standard, ...next.filter((v) => !isOdsTheme(v) || !standard.includes(v))])} />
    </fieldset>
  );
}

export function LicencePicker({ name, url, onChange }: { name: string; url: string; onChange: (name: string, url: string) => void }) {
  const { t } = useEditorI18n();
  const known = licenceChoiceOf(name, url);
  const [other, setOther] = useState(!known && (name !== '' || url !== ''));
  const selected = other ? 'other' : known ? known.id : '';
  return (
    <div className="licence-picker">
      <div className="field">
        <label htmlFor="meta-license">{t('licence.choose')}</label>
        <select id="meta-license" value={selected} onChange={(e) => {
          const v = e.target.value;
          if (v === 'other') { setOther(true); return; }
          setOther(false);
          const l = LICENCES.find((x) => x.id === v);
          onChange(l?.name ?? '', l?.url ?? '');
        }}>
          <option value="">{t('licence.none')}</option>
          {LICENCES.map((l) => <option key={l.id} value={l.id}>{l.name}</option>)}
          <option value="other">{t('licence.other')}</option>
        </select>
        {known && <p className="help"><a href={known.url} rel="noopener noreferrer" target="_blank" className="long-url">{t('licence.url', { url: known.url })}</a></p>}
      </div>
      {selected === 'other' && (
        <>
          <div className="field">
            <label htmlFor="meta-license-name">{t('licence.otherName')}</label>
            <input id="meta-license-name" value={name} onChange={(e) => onChange(e.target.value, url)} />
          </div>
          <div className="field">
            <label htmlFor="meta-license_url">{t('licence.otherUrl')}</label>
            <input id="meta-license_url" type="url" value={url} onChange={(e) => onChange(name, e.target.value)} />
          </div>
        </>
      )}
    </div>
  );
}
