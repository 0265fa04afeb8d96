import { scryptSync } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig, passwordHashCost } from '../../config';
import { hashPassword, verifyPassword } from './password';

describe('password hashing cost', () => {
  const saved = { cost: process.env.PASSWORD_HASH_COST, env: process.env.NODE_ENV };
  afterEach(() => {
    process.env.PASSWORD_HASH_COST = saved.cost;
    process.env.NODE_ENV = saved.env;
  });

  it('defaults to N = 2^15; PASSWORD_HASH_COST lowers it outside production only', () => {
    expect(passwordHashCost({})).toBe(15);
    expect(passwordHashCost({ PASSWORD_HASH_COST: '' })).toBe(15);
    expect(passwordHashCost({ PASSWORD_HASH_COST: '4' })).toBe(4);
    expect(passwordHashCost({ PASSWORD_HASH_COST: '16', NODE_ENV: 'production' })).toBe(16);
    expect(() => passwordHashCost({ PASSWORD_HASH_COST: '4', NODE_ENV: 'production' })).toThrow(
      /PASSWORD_HASH_COST: 4 is below 15, refused in production/,
    );
    for (const bad of ['3', '18', 'x', '1e1', '-5'])
      expect(() => passwordHashCost({ PASSWORD_HASH_COST: bad }), bad).toThrow(/PASSWORD_HASH_COST/);
    expect(() => loadConfig({ NODE_ENV: 'production', PASSWORD_HASH_COST: '10' })).toThrow(
      /Invalid configuration:\n.*PASSWORD_HASH_COST: 10 is below 15/,
    );
    expect(loadConfig({ PASSWORD_HASH_COST: '4' }).production).toBe(false);
  });

  it('hashes at the configured cost and refuses to hash cheaply in production', async () => {
    process.env.PASSWORD_HASH_COST = '5';
    expect((await hashPassword('secret-1')).split('$').slice(0, 4)).toEqual(['scrypt', '32', '8', '1']);
    delete process.env.PASSWORD_HASH_COST;
    expect((await hashPassword('secret-1')).split('$')[1]).toBe(String(2 ** 15));
    process.env.PASSWORD_HASH_COST = '5';
    process.env.NODE_ENV = 'production';
    await expect(hashPassword('secret-1')).rejects.toThrow(/refused in production/);
  });

  it('verifies hashes of any cost by the N stored in them', async () => {
    process.env.PASSWORD_HASH_COST = '4';
    const cheap = await hashPassword('secret-1');
    expect(await verifyPassword('secret-1', cheap)).toBe(true);
    expect(await verifyPassword('secret-2', cheap)).toBe(false);
    // A hash written at the default cost (N = 2^15, the parameters before this setting
    // existed) still verifies while the cost is low.
    const salt = Buffer.from('0123456789abcdef');
    const key = scryptSync('demo1234', salt, 32, { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
    const old = ['scrypt', 2 ** 15, 8, 1, salt.toString('base64url'), key.toString('base64url')].join('$');
    expect(await verifyPassword('demo1234', old)).toBe(true);
    // Parameters out of bounds are not run.
    expect(await verifyPassword('demo1234', old.replace(/^scrypt\$32768/, 'scrypt$1048576'))).toBe(false);
    expect(await verifyPassword('demo1234', 'bcrypt$x')).toBe(false);
  });
});
