import { createContext, type ReactNode, useContext, useEffect, useMemo, useState } from 'react';
import { type Locale, MESSAGES, type MessageKey } from './messages';
import { ACTION_LABELS, STATE_LABELS } from './workflow-labels';

interface I18n {
  locale: Locale;
  setLocale(l: Locale): void;
  /** A UI string in the current language. */
  t(key: MessageKey): string;
  state(state: string): string;
  action(action: string): string;
}

const I18nContext = createContext<I18n | null>(null);

/** Chinese unless the user chose English (remembered). */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() =>
    localStorage.getItem('wangge.locale') === 'en' ? 'en' : 'zh-CN',
  );
  const value = useMemo<I18n>(
    () => ({
      locale,
      setLocale(l) {
        localStorage.setItem('wangge.locale', l);
        setLocaleState(l);
      },
      t: (key) => MESSAGES[locale][key] ?? key,
      state: (s) => STATE_LABELS[s]?.[locale === 'en' ? 1 : 0] ?? s,
      action: (a) => ACTION_LABELS[a]?.[locale === 'en' ? 1 : 0] ?? a,
    }),
    [locale],
  );
  // The page's language and title follow the choice, also after a reload (index.html says zh-CN).
  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = MESSAGES[locale].appName;
  }, [locale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/**
 * A feature's own strings, Chinese and English, as `text(key, values?)` in the chosen language,
 * `{name}` placeholders filled. Stable per locale, so it can sit in effect dependencies.
 */
export function useTable<K extends string>(zh: Record<K, string>, en: Record<K, string>) {
  const i18n = useI18n();
  const text = useMemo(() => {
    const table = i18n.locale === 'en' ? en : zh;
    return (key: K, values: Record<string, string | number> = {}) =>
      table[key].replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ''));
  }, [i18n.locale, zh, en]);
  return { ...i18n, text };
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}
