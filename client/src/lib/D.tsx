import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n';

const CJK = /[\u3400-\u9fff]/;

/**
 * Text that is data (a name, a title, what someone wrote, an account's username) in the language
 * it was written in. When that is not the UI's language it is marked: Chinese with
 * `lang="zh-CN"`, so a screen reader reads it as Chinese inside the English UI; Latin text in the
 * Chinese UI (usernames, codes) as not to be translated. The browser tests skip such text when
 * they look for words in the wrong language.
 */
export function D({ children }: { children: ReactNode }) {
  const { locale } = useI18n();
  if (children === null || children === undefined || children === '') return null;
  const cjk = CJK.test(typeof children === 'string' ? children : '');
  if (cjk === (locale !== 'en')) return <>{children}</>;
  return cjk ? <span lang="zh-CN">{children}</span> : <span translate="no">{children}</span>;
}

/** The `lang` of a data string where an element cannot hold a <D> (an <option>'s text). */
export const dataLang = (text: string) => (CJK.test(text) ? 'zh-CN' : undefined);
