import { createHash, randomBytes } from 'node:crypto';

/** A fresh bearer token (256 random bits). Only its hash is ever stored. */
export function createToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The SHA-256 of a token, as stored in Session.tokenHash. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
