import { ErrorNotice } from '../../lib/ErrorNotice';

/** An API error on the admin forms: the shared notice, every validation problem by field name. */
export function FormErrors({ error }: { error: unknown }) {
  return <ErrorNotice error={error} testId="form-error" />;
}
