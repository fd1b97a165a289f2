// A small typed translation helper: t('key', { name }) with the key checked against vi.ts.
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import 'dayjs/locale/en';
import { vi, type MessageKey, type Messages } from './vi.ts';
import { en } from './en.ts';

export type Lang = 'vi' | 'en';
export const LANGS: readonly Lang[] = ['vi', 'en'];
const STORAGE_KEY = 'dangvu.lang';
const CATALOGS: Record<Lang, Messages> = { vi, en };

export type Params = Record<string, string | number>;
export type TFunction = (key: MessageKey, params?: Params) => string;

export function translate(lang: Lang, key: MessageKey, params?: Params): string {
  const text = CATALOGS[lang][key] ?? vi[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/** A label for a value of an enumeration (status, kind …), or the raw value when it is unknown. */
export function enumLabel(t: TFunction, prefix: 'status' | 'sex' | 'kind' | 'kindShort' | 'ageBand' | 'theory' | 'role' | 'field' | 'event' | 'action' | 'reason' | 'disciplineForm' | 'ground' | 'purpose' | 'topic' | 'counselOutcome' | 'attritionOutcome' | 'candidateStage' | 'candidateSource' | 'sponsorBody' | 'followUp', value: string | null | undefined): string {
  if (value == null || value === '') return '';
  const key = `${prefix}.${value}`;
  return key in vi ? t(key as MessageKey) : value;
}

export function storedLang(): Lang {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return v === 'en' || v === 'vi' ? v : 'vi';
  } catch {
    return 'vi';
  }
}

interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: TFunction;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => {
    const l = storedLang();
    dayjs.locale(l);
    document.documentElement.lang = l;
    return l;
  });
  const setLang = useCallback((l: Lang) => {
    try { localStorage.setItem(STORAGE_KEY, l); } catch { /* private mode: not kept */ }
    dayjs.locale(l);
    document.documentElement.lang = l;
    setLangState(l);
  }, []);
  const value = useMemo<I18n>(() => ({ lang, setLang, t: (key, params) => translate(lang, key, params) }), [lang, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}

export function useT(): TFunction {
  return useI18n().t;
}
