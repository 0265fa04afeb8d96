import { type ComponentType, lazy, Suspense } from 'react';
import { useI18n } from '../i18n/i18n';

type ScreenProps = { params: string[] };

/**
 * A screen loaded on first use, in a chunk of its own (heavy libraries, e.g. the dashboard's
 * charts, stay out of the other screens' bundles).
 */
export function lazyScreen(
  load: () => Promise<{ default: ComponentType<ScreenProps> }>,
): ComponentType<ScreenProps> {
  const Screen = lazy(load);
  return function LazyScreen(props: ScreenProps) {
    const { t } = useI18n();
    return (
      <Suspense fallback={<p className="center">{t('loading')}</p>}>
        <Screen {...props} />
      </Suspense>
    );
  };
}
