import { useEffect } from 'react';
import { useI18n } from '../i18n/i18n';
import { describeError } from './describe-error';

/**
 * Every failure a person can see, the same way on every screen: a sentence in their language saying
 * what happened and what to do, each validation problem with its field's name. The server's words
 * go to the console and the title attribute (for support), not into the text.
 */
export function ErrorNotice({
  error,
  hint,
  testId = 'error',
  children,
}: {
  error: unknown;
  /** Replaces the headline where the place knows better (e.g. why a ranking cannot be frozen). */
  hint?: string;
  testId?: string;
  children?: React.ReactNode;
}) {
  const { locale } = useI18n();
  const d = error ? describeError(error, locale, hint) : null;
  useEffect(() => {
    if (d) console.info(`[${d.status} ${d.code}] ${d.server}`);
  }, [d?.server, d?.status, d?.code]);
  if (!d) return null;
  return (
    <div
      className="notice error"
      role="alert"
      data-testid={testId}
      data-status={d.status}
      data-code={d.code}
      title={d.server}
    >
      <strong>{d.headline}</strong>
      {d.details.length > 0 && (
        <ul className="error-details">
          {d.details.map((x) => (
            <li key={`${x.field}:${x.server}`} title={x.server}>
              <span className="error-field">{x.field}</span>
              {locale === 'en' ? ': ' : '：'}
              {x.text}
            </li>
          ))}
        </ul>
      )}
      {children}
    </div>
  );
}
