import { maskPhone } from '@wangge/shared/register/mask';
import type { RegisterCipher } from './register-cipher';

/** A phone as the register stores it: encrypted, blind-indexed, masked; never in clear. */
export interface ProtectedPhone {
  cipher: string;
  index: string;
  masked: string;
}

/**
 * Protects a (normalised) phone for storage, as a person's phone is stored: used for
 * organisations' contact phones and the 1+N team's phones too, so one blind index finds them all.
 */
export function protectPhone(cipher: RegisterCipher, phone: string): ProtectedPhone {
  return {
    cipher: cipher.encrypt('phone', phone),
    index: cipher.blindIndex('phone', phone),
    masked: maskPhone(phone),
  };
}
