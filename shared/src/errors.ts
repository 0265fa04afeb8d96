/** Every error code the API may answer with, and its HTTP status. Only these reach clients. */
export const ERROR_CODES = {
  /** The request body, query or headers failed validation; details lists every problem. */
  VALIDATION_FAILED: 400,
  /** A required Idempotency-Key header is missing or malformed. */
  IDEMPOTENCY_KEY_REQUIRED: 400,
  /** No valid bearer token: missing, unknown, expired or revoked. */
  UNAUTHENTICATED: 401,
  /** Wrong username or password. */
  INVALID_CREDENTIALS: 401,
  /** Authenticated, but this role or party may not do this. */
  FORBIDDEN: 403,
  /** Nothing here, or nothing the caller may see (jurisdiction is not revealed). */
  NOT_FOUND: 404,
  /** The case changed since the version the client saw; reload and retry. */
  VERSION_CONFLICT: 409,
  /** The action does not apply to the case in its current state. */
  INVALID_STATE: 409,
  /** The register already holds a person with this ID number (one record per person). */
  PERSON_EXISTS: 409,
  /** The register record changed since the version the client read; reload and retry. */
  RECORD_CHANGED: 409,
  /** The register record is archived: it can no longer be changed or archived again. */
  RECORD_ARCHIVED: 409,
  /** Another city component already has this component code (codes are unique in the city). */
  THING_CODE_TAKEN: 409,
  /** The same Idempotency-Key was used before with a different request body. */
  IDEMPOTENCY_KEY_REUSED: 422,
  /** The request is well-formed but breaks a business rule (deadline passed, limit reached …). */
  RULE_VIOLATION: 422,
  /** The location lies outside every grid cell of the city. */
  LOCATION_OUTSIDE_GRID: 422,
  /** An address alone does not name exactly one known place (details: the candidates); send a location. */
  LOCATION_UNRESOLVED: 422,
  /** The location is in a grid cell outside the caller's jurisdiction. */
  LOCATION_OUTSIDE_JURISDICTION: 422,
  /** The upload is too large. */
  PAYLOAD_TOO_LARGE: 413,
  /** The upload's type is not an accepted image or document type. */
  UNSUPPORTED_MEDIA_TYPE: 415,
  /** Too many attempts (login throttling). */
  RATE_LIMITED: 429,
  /** The citizen's submission was registered or rejected already (another desk was first). */
  SUBMISSION_DECIDED: 409,
  /** A signed channel request (the 12345 platform's) has no valid signature or timestamp. */
  SIGNATURE_INVALID: 401,
  /** The external order id was received before with a different order; the first one stands. */
  ORDER_CONFLICT: 409,
  /** Only a delivery that failed for good can be retried by hand. */
  DELIVERY_NOT_FAILED: 409,
  /** Something unexpected; logged on the server with the request id. */
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/**
 * One validation problem: where (dotted path) and what. `kind` names the rule that failed (a zod
 * issue code such as `too_small.string`, or `required`) and `limit` its bound, so a client can say
 * it in the user's language; `message` stays the server's own words (English) for the log.
 */
export interface ErrorDetail {
  path: string;
  message: string;
  kind?: string;
  limit?: number;
}

/** The failure body of every endpoint and socket ack. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: ErrorDetail[]; requestId?: string };
}
