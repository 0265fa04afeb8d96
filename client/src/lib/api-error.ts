import type { ErrorDetail } from '@wangge/shared/errors';

/** A failed API call, with the server's code, message and every validation detail. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
  }
}
