import { describe, expect, it } from 'vitest';
import { createRandom } from '../random';
import {
  formatTrackingCode,
  normaliseTrackingCode,
  TRACKING_ALPHABET,
  trackingCodeFrom,
} from './tracking-code';

const randomCode = (rand: () => number) =>
  trackingCodeFrom(Uint8Array.from({ length: 11 }, () => Math.floor(rand() * 256)));

describe('tracking codes', () => {
  it('are 12 characters that check, read back with dashes, lower case and look-alikes', () => {
    const rand = createRandom(14);
    for (let i = 0; i < 200; i++) {
      const code = randomCode(rand);
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{12}$/);
      expect(normaliseTrackingCode(code)).toBe(code);
      expect(normaliseTrackingCode(formatTrackingCode(code).toLowerCase())).toBe(code);
      expect(normaliseTrackingCode(code.replaceAll('1', 'l').replaceAll('0', 'O'))).toBe(code);
    }
  });

  it('refuse every single mistyped character', () => {
    const rand = createRandom(7);
    for (let n = 0; n < 40; n++) {
      const code = randomCode(rand);
      for (let i = 0; i < code.length; i++)
        for (const c of TRACKING_ALPHABET) {
          if (c === code[i]) continue;
          expect(normaliseTrackingCode(code.slice(0, i) + c + code.slice(i + 1))).toBeNull();
        }
    }
  });

  it('refuse most swaps of neighbours, wrong lengths and foreign characters', () => {
    const rand = createRandom(3);
    let swaps = 0;
    let caught = 0;
    for (let n = 0; n < 200; n++) {
      const code = randomCode(rand);
      for (let i = 0; i + 1 < code.length; i++) {
        if (code[i] === code[i + 1]) continue;
        swaps++;
        const swapped = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
        if (normaliseTrackingCode(swapped) === null) caught++;
      }
    }
    expect(caught / swaps).toBeGreaterThan(0.9);
    expect(normaliseTrackingCode('ABC')).toBeNull();
    expect(normaliseTrackingCode('ABCD-EFGH-JKMU')).toBeNull();
    expect(normaliseTrackingCode('')).toBeNull();
  });
});
