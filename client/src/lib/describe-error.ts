import type { ErrorDetail } from '@wangge/shared/errors';
import { ERROR_TEXT, FIELD_TEXT, INTERNAL_ERROR, OTHER_RULE, pick, RULE_TEXT } from '../i18n/error-messages';
import type { Locale } from '../i18n/messages';
import { ApiError } from './api-error';

export interface DescribedError {
  /** What happened and what to do, in the user's language. */
  headline: string;
  /** One line per validation problem: the field's name and the rule, both in the user's language. */
  details: { field: string; text: string; server: string }[];
  code: string;
  status: number;
  /** The server's own words, for the log (title attribute and console), never the visible text. */
  server: string;
}

const CJK = /[\u4e00-\u9fff]/;

/** Any failure (ApiError, network error, thrown value) as sentences in the chosen language. */
export function describeError(error: unknown, locale: Locale, hint?: string): DescribedError {
  const e =
    error instanceof ApiError
      ? error
      : error instanceof TypeError // fetch() rejecting outside api(): the network
        ? new ApiError(0, 'OFFLINE', error.message)
        : new ApiError(-1, 'INTERNAL', String((error as Error)?.message ?? error));
  const known = ERROR_TEXT[e.code] ?? INTERNAL_ERROR;
  return {
    headline: hint ?? pick(known, locale),
    details: e.details.map((d) => ({
      field: fieldName(d.path, locale),
      text: rule(d, locale),
      server: d.message,
    })),
    code: e.code,
    status: e.status,
    server: [e.message, ...e.details.map((d) => `${d.path}: ${d.message}`)].filter(Boolean).join('; '),
  };
}

/** `location.lon` → 经度, `query.month` → 月份, `coDepartmentIds.0` → 协办部门; unknown paths stay generic. */
export function fieldName(path: string, locale: Locale): string {
  const parts = path.split('.').filter((p) => !/^\d+$/.test(p));
  if (parts[0] === 'query' || parts[0] === 'body') parts.shift();
  for (let i = parts.length; i > 0; i--) {
    const hit = FIELD_TEXT[parts.slice(i - 1, i).join('.')] ?? FIELD_TEXT[parts.slice(0, i).join('.')];
    if (hit) return pick(hit, locale);
  }
  return pick(FIELD_TEXT[path] ?? ['填写内容', 'Entry'], locale);
}

function rule(d: ErrorDetail, locale: Locale): string {
  const known = d.kind ? RULE_TEXT[d.kind] : undefined;
  if (known) return pick(known, locale).replace('{n}', String(d.limit ?? ''));
  return inLocale(d.message, locale) ?? pick(OTHER_RULE, locale);
}

/**
 * A message in the chosen language, or null: bilingual messages ("中文 · English", as the password
 * policy writes them) give the chosen half; a one-language message only in its own language.
 */
export function inLocale(message: string, locale: Locale): string | null {
  const [zh, en] = message.split(' · ');
  if (en && zh && CJK.test(zh)) return locale === 'en' ? en : zh;
  return CJK.test(message) === (locale !== 'en') ? message : null;
}
