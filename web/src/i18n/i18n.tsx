// Language state and message lookup: the reader's language drives messages and every Intl format.
// Order of choice: ?lang= in the URL, the saved choice, the browser, the portal's default.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { en, type MessageKey } from './en.ts';
import { fr } from './fr.ts';
import { formatNumber } from '../format/format.ts';

export const LANGUAGES = { en: 'English', fr: 'Français' } as const;
export type Lang = keyof typeof LANGUAGES;
const catalogs: Record<Lang, Record<MessageKey, string>> = { en, fr };

export type Vars = Record<string, string | number>;

export interface I18n {
  lang: Lang;
  setLang: (l: Lang) => void;
  t: (key: MessageKey, vars?: Vars) => string;
  /** Plural message: picks key_one / key_other for `count` and formats it. */
  tp: (key: string, count: number, vars?: Vars) => string;
  n: (value: number, maxFractionDigits?: number) => string;
}

export function isLang(x: unknown): x is Lang { return x === 'en' || x === 'fr'; }

export function initialLang(fallback: string): Lang {
  const fromUrl = new URLSearchParams(window.location.search).get('lang');
  if (isLang(fromUrl)) return fromUrl;
  try { const saved = localStorage.getItem('agora.lang'); if (isLang(saved)) return saved; } catch { /* private mode */ }
  const nav = (navigator.language ?? '').slice(0, 2);
  if (isLang(nav)) return nav;
  return isLang(fallback) ? fallback : 'en';
}

export function translate(lang: Lang, key: string, vars: Vars = {}): string {
  const text = (catalogs[lang] as Record<string, string>)[key] ?? (en as Record<string, string>)[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, k: string) => {
    const v = vars[k];
    if (v === undefined) return `{${k}}`;
    return typeof v === 'number' ? formatNumber(lang, v) : v;
  });
}

const Ctx = createContext<I18n | null>(null);

export function I18nProvider({ initial, children }: { initial: Lang; children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initial);
  useEffect(() => { document.documentElement.lang = lang; }, [lang]);
  const setLang = useCallback((l: Lang) => {
    setLangState(l);
    try { localStorage.setItem('agora.lang', l); } catch { /* private mode */ }
  }, []);
  const value = useMemo<I18n>(() => {
    const plural = new Intl.PluralRules(lang);
    return {
      lang,
      setLang,
      t: (key, vars) => translate(lang, key, vars),
      tp: (key, count, vars = {}) => translate(lang, `${key}_${plural.select(count) === 'one' ? 'one' : 'other'}`, { count, ...vars }),
      n: (value, digits) => formatNumber(lang, value, digits),
    };
  }, [lang, setLang]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(Ctx);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}
