import { useI18n } from '../../i18n/i18n';

/** Shown for a screen not built yet. */
export function Placeholder() {
  const { t } = useI18n();
  return <p className="muted">{t('nothingHere')}</p>;
}
