// Language picker. Keeps a ?lang= parameter in step when the URL carries one (shared links, embeds).
import { LANGUAGES, isLang, useI18n } from '../i18n/i18n.tsx';
import { usePortal } from '../app/portal.tsx';
import { currentSearch, setSearch } from '../app/router.ts';

export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  const portal = usePortal();
  const offered = portal.languages.filter(isLang);
  const choices = offered.length ? offered : (Object.keys(LANGUAGES) as Array<keyof typeof LANGUAGES>);
  return (
    <label className="lang-switch">
      <span className="visually-hidden">{t('app.language')}</span>
      <select
        value={lang}
        onChange={(e) => {
          const next = e.target.value;
          if (!isLang(next)) return;
          setLang(next);
          const sp = currentSearch();
          if (sp.has('lang')) { sp.set('lang', next); setSearch(sp); }
        }}
      >
        {choices.map((code) => <option key={code} value={code} lang={code}>{LANGUAGES[code]}</option>)}
      </select>
    </label>
  );
}
