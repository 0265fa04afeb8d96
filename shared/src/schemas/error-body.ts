import { z } from 'zod';
import { ERROR_CODES, type ErrorCode } from '../errors';

const CODES = Object.keys(ERROR_CODES) as [ErrorCode, ...ErrorCode[]];

/** One validation problem of an error answer (`ErrorDetail` of errors.ts). */
export const ZErrorDetail = z.object({
  path: z.string(),
  message: z.string(),
  kind: z.string().optional(),
  limit: z.number().optional(),
});

/** The failure body of every /api endpoint (`ErrorBody` of errors.ts), as the OpenAPI description states it. */
export const ZErrorBody = z.object({
  error: z.object({
    code: z.enum(CODES),
    message: z.string(),
    details: z.array(ZErrorDetail).optional(),
    requestId: z.string().optional(),
  }),
});

/** Open311's failure body: the GeoReport v2 error list, the HTTP status as `code`. */
export const ZOpen311Errors = z.array(z.object({ code: z.number().int(), description: z.string() }));
