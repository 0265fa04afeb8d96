import { ERROR_CODES, type ErrorCode, type ErrorDetail } from '@wangge/shared/errors';
import type { z } from 'zod';

/** An error with a known code: answered as `{error:{code, message, details}}` with its status. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetail[],
  ) {
    super(message);
    this.status = ERROR_CODES[code];
  }
}

/** Every zod issue as a path + message pair (all of them, not the first). */
export function detailsFromZod(error: z.ZodError, prefix = ''): ErrorDetail[] {
  return error.issues.map((issue) => ({
    path: [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || '(root)',
    message: issue.message,
    ...issueKind(issue),
  }));
}

/** The failed rule of a zod issue, for clients to phrase (see ErrorDetail). */
function issueKind(issue: z.core.$ZodIssue): Pick<ErrorDetail, 'kind' | 'limit'> {
  if (issue.code === 'invalid_type' && /received undefined/.test(issue.message)) return { kind: 'required' };
  if (issue.code === 'too_small' || issue.code === 'too_big') {
    const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
    return {
      kind: `${issue.code}.${issue.origin}`,
      ...(typeof bound === 'number' || typeof bound === 'bigint' ? { limit: Number(bound) } : {}),
    };
  }
  // A custom refinement's rule is only in its message.
  return issue.code === 'custom' ? {} : { kind: issue.code };
}

/** Parses with a zod schema or throws VALIDATION_FAILED listing every problem. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, prefix = ''): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new AppError('VALIDATION_FAILED', 'The request is invalid.', detailsFromZod(result.error, prefix));
  }
  return result.data;
}

export const notFound = (what = 'Not found.') => new AppError('NOT_FOUND', what);
export const forbidden = (what = 'You may not do this.') => new AppError('FORBIDDEN', what);
