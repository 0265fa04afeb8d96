import { useI18n } from './i18n';

/** The switch to the other UI language, named in that language (every header has one). */
export function LanguageToggle() {
  const { t, locale, setLocale } = useI18n();
  return (
    <button
      type="button"
      className="link"
      onClick={() => setLocale(locale === 'en' ? 'zh-CN' : 'en')}
      lang={locale === 'en' ? 'zh-CN' : 'en'}
    >
      {t('language')}
    </button>
  );
}
