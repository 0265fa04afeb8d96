import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config';
import { createRegisterCipher } from './register-cipher';

describe('register cipher', () => {
  const cipher = createRegisterCipher(randomBytes(32));
  it('round-trips, with a fresh IV each time', () => {
    const a = cipher.encrypt('idNumber', '11010519491231002X');
    const b = cipher.encrypt('idNumber', '11010519491231002X');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^v1:/);
    expect(cipher.decrypt('idNumber', a)).toBe('11010519491231002X');
  });
  it('refuses altered text, a value moved to another field, and another key', () => {
    const stored = cipher.encrypt('phone', '13812345678');
    const raw = Buffer.from(stored.slice(3), 'base64');
    raw[raw.length - 1]! ^= 1;
    expect(() => cipher.decrypt('phone', `v1:${raw.toString('base64')}`)).toThrow();
    expect(() => cipher.decrypt('idNumber', stored)).toThrow();
    expect(() => createRegisterCipher(randomBytes(32)).decrypt('phone', stored)).toThrow();
  });
  it('indexes deterministically per key and field, never as the plain hash', () => {
    const index = cipher.blindIndex('idNumber', '11010519491231002X');
    expect(index).toMatch(/^[0-9a-f]{64}$/);
    expect(cipher.blindIndex('idNumber', '11010519491231002X')).toBe(index);
    expect(cipher.blindIndex('phone', '11010519491231002X')).not.toBe(index);
    expect(createRegisterCipher(randomBytes(32)).blindIndex('idNumber', '11010519491231002X')).not.toBe(
      index,
    );
  });
});

describe('REGISTER_DATA_KEY', () => {
  it('is required in production (the server refuses to start), and must be 32 bytes of base64', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/REGISTER_DATA_KEY: required in production/);
    expect(() => loadConfig({ REGISTER_DATA_KEY: Buffer.alloc(16).toString('base64') })).toThrow(
      /REGISTER_DATA_KEY/,
    );
    const key = randomBytes(32).toString('base64');
    const production = loadConfig({ NODE_ENV: 'production', REGISTER_DATA_KEY: key });
    expect(production.registerKey).toEqual({ secret: Buffer.from(key, 'base64'), development: false });
    expect(loadConfig({}).registerKey.development).toBe(true);
  });
});
