import { describe, expect, it } from 'vitest';
import { CASE_STATES } from '../domain/constants';
import { publicStatePhrase } from './public-status';

describe('publicStatePhrase', () => {
  it('splits every public state note into a Chinese and an English sentence', () => {
    for (const state of CASE_STATES) {
      const { zh, en } = publicStatePhrase(state);
      expect(zh, state).toMatch(/^[^A-Za-z]+。$/);
      expect(en, state).toMatch(/^[A-Z][^\u4e00-\u9fff]+\.$/);
    }
  });
});
