import type { ReactNode } from 'react';

const CJK = /[\u3400-\u9fff]/;

/**
 * Text that is data (a name, a title, what someone wrote, an account's username) in the language
 * it was written in, not the UI's: Chinese is marked `lang="zh-CN"` so a screen reader reads it
 * as Chinese inside the English UI; anything else is marked not to be translated (usernames,
 * codes). The browser tests skip such text when they look for words in the wrong language.
 */
export function D({ children }: { children: ReactNode }) {
  const text = typeof children === 'string' ? children : '';
  if (children === null || children === undefined || children === '') return null;
  return CJK.test(text) ? <span lang="zh-CN">{children}</span> : <span translate="no">{children}</span>;
}

/** The `lang` of a data string where an element cannot hold a <D> (an <option>'s text). */
export const dataLang = (text: string) => (CJK.test(text) ? 'zh-CN' : undefined);
