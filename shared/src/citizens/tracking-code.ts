/**
 * Citizens' tracking codes (docs/channels.md, "Citizens"): 12 characters of Crockford's base32
 * (no I, L, O, U: nothing to misread when a code is read out over the phone), 11 random ones —
 * 55 bits, unguessable — and one check character (Luhn mod 32), which catches every single
 * mistyped character and most swaps of neighbours before the server is asked. Shown in groups
 * of four (ABCD-EFGH-JKMN); read case-insensitively, with or without the dashes.
 */
export const TRACKING_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** Random characters in a code (the twelfth is the check). */
export const TRACKING_RANDOM_LENGTH = 11;
export const TRACKING_CODE_LENGTH = TRACKING_RANDOM_LENGTH + 1;

/** The Luhn mod 32 check character of `body` (characters of the alphabet). */
export function trackingCheckChar(body: string): string {
  let sum = 0;
  let factor = 2;
  for (let i = body.length - 1; i >= 0; i--) {
    const value = TRACKING_ALPHABET.indexOf(body[i]!);
    const product = value * factor;
    sum += Math.floor(product / 32) + (product % 32);
    factor = factor === 2 ? 1 : 2;
  }
  return TRACKING_ALPHABET[(32 - (sum % 32)) % 32]!;
}

/**
 * A new code from at least 11 random bytes (the caller draws them with a secure generator;
 * shared/ uses no platform APIs). Each byte gives one character (its low 5 bits: uniform).
 */
export function trackingCodeFrom(random: Uint8Array): string {
  if (random.length < TRACKING_RANDOM_LENGTH) throw new Error('need 11 random bytes');
  let body = '';
  for (let i = 0; i < TRACKING_RANDOM_LENGTH; i++) body += TRACKING_ALPHABET[random[i]! & 31];
  return body + trackingCheckChar(body);
}

/**
 * A typed or linked code in its stored form (12 characters, upper case, no dashes), or null
 * when it cannot be one (wrong length or characters, or a failed check). Crockford's
 * look-alikes are read as meant: I and L as 1, O as 0.
 */
export function normaliseTrackingCode(input: string): string | null {
  const code = input.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
  if (code.length !== TRACKING_CODE_LENGTH) return null;
  if ([...code].some((c) => !TRACKING_ALPHABET.includes(c))) return null;
  const body = code.slice(0, TRACKING_RANDOM_LENGTH);
  return trackingCheckChar(body) === code[TRACKING_RANDOM_LENGTH] ? code : null;
}

/** A stored code as shown: three groups of four (ABCD-EFGH-JKMN). */
export function formatTrackingCode(code: string): string {
  return code.match(/.{1,4}/g)?.join('-') ?? code;
}
