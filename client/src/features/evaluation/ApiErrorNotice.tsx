import { ApiError } from '../../lib/api';
import { type EvalKey, fmt, useEvalText } from './messages';

/**
 * An API failure as a readable message: what went wrong in the user's language (by status and
 * code), each validation detail with its field named, and the server's own words below.
 * `hints` replace the headline for a code in a given place (e.g. RULE_VIOLATION on freezing).
 */
export function ApiErrorNotice({
  error,
  hints = {},
}: {
  error: unknown;
  hints?: Partial<Record<string, EvalKey>>;
}) {
  const { et, maybe } = useEvalText();
  if (!error) return null;
  if (!(error instanceof ApiError))
    return (
      <div className="notice error" role="alert" data-testid="eval-error">
        {String((error as Error)?.message ?? error)}
      </div>
    );
  const hint = hints[error.code] ?? (maybe(`err.${error.code}`) ? (`err.${error.code}` as EvalKey) : null);
  let headline: string;
  if (error.status === 0) headline = et('err.offline');
  else if (error.status === 400) headline = et('err.400');
  else if (error.status === 401) headline = et('err.401');
  else if (error.status === 403) headline = et('err.403');
  else if (error.status === 404) headline = et('err.404');
  else if (error.status === 409) headline = et('err.409');
  else if (error.status === 422) headline = `${et('err.422')}${hint ? et(hint) : ''}`;
  else headline = fmt(et('err.other'), { status: error.status });
  // The server's own words (English) only where no translated explanation fits the place.
  const showServer =
    !hints[error.code] &&
    ![0, 401, 403].includes(error.status) &&
    error.message &&
    error.details.length === 0;
  return (
    <div
      className="notice error"
      role="alert"
      data-testid="eval-error"
      data-status={error.status}
      data-code={error.code}
    >
      <strong>{headline}</strong>
      {error.details.length > 0 && (
        <ul className="eval-details">
          {error.details.map((d) => (
            <li key={`${d.path}:${d.message}`}>
              <span className="eval-field">{maybe(`field.${d.path}`) ?? d.path}</span>
              {': '}
              <span className="muted">{d.message}</span>
            </li>
          ))}
        </ul>
      )}
      {showServer && (
        <div className="muted small">
          {et('serverSays')}
          {error.message}
        </div>
      )}
    </div>
  );
}
