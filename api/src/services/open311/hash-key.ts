import { createHash } from 'node:crypto';

/** The stored form of an Open311 api_key: its SHA-256 (the key has 192 random bits, no salt needed). */
export const hashOpen311Key = (key: string) => createHash('sha256').update(key, 'utf8').digest('hex');
