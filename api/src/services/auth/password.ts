import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { passwordHashCost } from '../../config';

const scryptAsync = promisify(scrypt) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: { N: number; r: number; p: number; maxmem: number },
) => Promise<Buffer>;

// scrypt with N=2^15 by default: ~50–100 ms per hash on these machines, a deliberate cost per
// guess. PASSWORD_HASH_COST (log2 N) may lower it outside production only (the test suite
// hashes and verifies thousands of times); in production a lower value is refused
// (config.ts), here too, so nothing hashes cheaply there without failing loudly.
const R = 8;
const P = 1;
const KEY_LENGTH = 32;
/** The largest N a stored hash may name (2^17 needs 128 MB with r = 8). */
const MAX_N = 2 ** 17;

/** scrypt's memory bound for N and r, with room to spare (it needs ~128·N·r bytes). */
const maxmemFor = (n: number, r: number) => Math.max(64 * 1024 * 1024, 256 * n * r);

/** Hashes a password as `scrypt$N$r$p$salt$hash` (base64url parts). */
export async function hashPassword(password: string): Promise<string> {
  const N = 2 ** passwordHashCost(process.env);
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, KEY_LENGTH, { N, r: R, p: P, maxmem: maxmemFor(N, R) });
  return ['scrypt', N, R, P, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/**
 * Checks a password against a stored hash in constant time, with the parameters stored in the
 * hash (so hashes made at any cost keep verifying after the cost changes).
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const [N, rr, pp] = [Number(n), Number(r), Number(p)];
  if (!(N > 1 && N <= MAX_N && rr >= 1 && rr <= 32 && pp >= 1 && pp <= 16)) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await scryptAsync(password, Buffer.from(salt, 'base64url'), expected.length, {
    N,
    r: rr,
    p: pp,
    maxmem: maxmemFor(N, rr),
  });
  return timingSafeEqual(key, expected);
}
