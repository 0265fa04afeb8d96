import { describe, expect, it } from 'vitest';
import { CASE_STATES } from '../domain/constants';
import {
  fixMyStreetStatus,
  isOpen311Service,
  open311Status,
  PUBLIC_STATE_NOTES,
  toW3cShanghai,
} from './services';

describe('Open311 rules', () => {
  it('writes W3C times at +08:00', () => {
    expect(toW3cShanghai(new Date('2026-11-23T02:00:00Z'))).toBe('2026-11-23T10:00:00+08:00');
    expect(toW3cShanghai(new Date('2026-12-31T20:30:05.999Z'))).toBe('2027-01-01T04:30:05+08:00');
  });

  it('closes a request only once nothing more will be done', () => {
    const closed = CASE_STATES.filter((s) => open311Status(s) === 'closed');
    expect(closed).toEqual(['REJECTED', 'CLOSED', 'ARCHIVED', 'MERGED']);
    for (const s of closed)
      expect(['fixed', 'no_further_action', 'duplicate']).toContain(fixMyStreetStatus(s));
    // A merged case is FixMyStreet's duplicate (its request then reads the master through CaseRef).
    expect(fixMyStreetStatus('MERGED')).toBe('duplicate');
  });

  it('has a public note for every state, in Chinese and English, naming nobody', () => {
    for (const s of CASE_STATES) expect(PUBLIC_STATE_NOTES[s]).toMatch(/[\u4e00-\u9fff].*[A-Za-z]/);
  });

  it('offers sub-categories outside disputes and security leads', () => {
    const c = (code: string, parentCode: string | null) => ({ code, name: '', nameEn: '', parentCode });
    expect(isOpen311Service(c('0803', '08'))).toBe(true);
    expect(isOpen311Service(c('08', null))).toBe(false);
    expect(isOpen311Service(c('0501', '05'))).toBe(false);
    expect(isOpen311Service(c('0603', '06'))).toBe(false);
  });
});
