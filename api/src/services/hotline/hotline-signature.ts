import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ErrorDetail } from '@wangge/shared/errors';
import { AppError } from '../../http/app-error';

/** How far a request's X-Timestamp may be from the server's clock, either way (replays, skew). */
export const SIGNATURE_MAX_AGE_SECONDS = 300;

/**
 * The exchange's signature (docs/channels.md): `sha256=` + hex HMAC-SHA256 under the shared
 * secret of `<X-Timestamp>.<raw body>`, the timestamp in Unix seconds. Both directions use it.
 */
export function signHotlineBody(secret: string, timestamp: number | string, body: string | Buffer): string {
  const mac = createHmac('sha256', secret);
  mac.update(`${timestamp}.`);
  mac.update(body);
  return `sha256=${mac.digest('hex')}`;
}

/**
 * Checks a signed request's headers against its raw body at `now`: a timestamp within
 * SIGNATURE_MAX_AGE_SECONDS and a signature that matches, compared in constant time. Throws
 * SIGNATURE_INVALID (401) listing every problem.
 */
export function verifyHotlineSignature(
  secret: string,
  headers: { timestamp: string | undefined; signature: string | undefined },
  body: Buffer,
  now: Date,
): void {
  const details: ErrorDetail[] = [];
  const { timestamp, signature } = headers;
  if (!timestamp || !/^\d{1,12}$/.test(timestamp))
    details.push({ path: 'headers.x-timestamp', message: 'must be the Unix time in seconds' });
  else {
    const skew = Math.abs(now.getTime() / 1000 - Number(timestamp));
    if (skew > SIGNATURE_MAX_AGE_SECONDS)
      details.push({
        path: 'headers.x-timestamp',
        message: `is ${Math.round(skew)} s away from the server's time (at most ${SIGNATURE_MAX_AGE_SECONDS} s): a replay, or a clock to set right`,
      });
  }
  if (!signature || !/^sha256=[0-9a-f]{64}$/.test(signature))
    details.push({ path: 'headers.x-signature', message: 'must be sha256= and 64 lowercase hex digits' });
  else if (timestamp && /^\d{1,12}$/.test(timestamp)) {
    const expected = Buffer.from(signHotlineBody(secret, timestamp, body));
    if (!timingSafeEqual(expected, Buffer.from(signature)))
      details.push({
        path: 'headers.x-signature',
        message: 'does not match HMAC-SHA256(secret, X-Timestamp + "." + body)',
      });
  }
  if (details.length > 0)
    throw new AppError('SIGNATURE_INVALID', 'The request is not signed by the 12345 platform.', details);
}
