import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * The register's field cipher: AES-256-GCM for ID numbers and phones at rest, and an
 * HMAC-SHA256 blind index to find them by equality without decrypting anything. Both keys
 * are derived from the one secret (REGISTER_DATA_KEY) with HKDF-SHA256 under different
 * labels, so an index never reveals the encryption key and vice versa.
 */
export interface RegisterCipher {
  /** `v1:` + base64(iv 12 | tag 16 | ciphertext); `field` is bound as associated data. */
  encrypt(field: SensitiveField, plaintext: string): string;
  /** The plaintext; throws when the text was altered or moved to another field. */
  decrypt(field: SensitiveField, stored: string): string;
  /** Hex HMAC-SHA256 of the (already normalised) value under the field's index key. */
  blindIndex(field: SensitiveField, value: string): string;
}

export type SensitiveField = 'idNumber' | 'phone';

const VERSION = 'v1';
const SALT = Buffer.from('wangge.register');

const derive = (secret: Buffer, label: string) => Buffer.from(hkdfSync('sha256', secret, SALT, label, 32));

/** A cipher over a 32-byte (or, in development, any) secret. */
export function createRegisterCipher(secret: Buffer): RegisterCipher {
  const encryptionKey = derive(secret, 'register field encryption v1');
  const indexKeys: Record<SensitiveField, Buffer> = {
    idNumber: derive(secret, 'register blind index idNumber v1'),
    phone: derive(secret, 'register blind index phone v1'),
  };
  return {
    encrypt(field, plaintext) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', encryptionKey, iv);
      cipher.setAAD(Buffer.from(field));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
    },
    decrypt(field, stored) {
      const [version, data] = stored.split(':');
      if (version !== VERSION || !data) throw new Error(`unknown register cipher version ${version}`);
      const raw = Buffer.from(data, 'base64');
      const decipher = createDecipheriv('aes-256-gcm', encryptionKey, raw.subarray(0, 12));
      decipher.setAAD(Buffer.from(field));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
    blindIndex(field, value) {
      return createHmac('sha256', indexKeys[field]).update(value, 'utf8').digest('hex');
    },
  };
}
