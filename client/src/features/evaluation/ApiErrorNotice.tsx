import { ErrorNotice } from '../../lib/ErrorNotice';
import { type EvalKey, useEvalText } from './messages';

/** The shared ErrorNotice on the evaluation screens, with their own hints per error code. */
export function ApiErrorNotice({
  error,
  hints = {},
}: {
  error: unknown;
  hints?: Partial<Record<string, EvalKey>>;
}) {
  const { et } = useEvalText();
  const code = (error as { code?: string } | null)?.code;
  const hint = code ? hints[code] : undefined;
  return <ErrorNotice error={error} hint={hint ? et(hint) : undefined} testId="eval-error" />;
}
