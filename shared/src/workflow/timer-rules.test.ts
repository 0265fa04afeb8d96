import { describe, expect, it } from 'vitest';
import { checkTimerAction } from './timer-rules';

describe('timer rules: AUTO_ESCALATE', () => {
  const village = { ownerLevel: 'VILLAGE' as const, ownerUnitCode: '371502001001' };

  it('takes a missed level step one level up, whatever the level', () => {
    for (const state of ['REPORTED', 'REGISTERED', 'ESCALATED'] as const)
      expect(checkTimerAction({ ...village, state }, 'AUTO_ESCALATE')).toEqual({
        ok: true,
        to: 'ESCALATED',
        ownerUnitCode: '371502001000',
        ownerLevel: 'TOWNSHIP',
      });
    expect(
      checkTimerAction(
        { state: 'ESCALATED', ownerLevel: 'COUNTY', ownerUnitCode: '371502000000' },
        'AUTO_ESCALATE',
      ),
    ).toMatchObject({ ok: true, ownerUnitCode: '371500000000', ownerLevel: 'CITY' });
  });

  it('leaves steps that are not the owning level’s, and the city, where they are', () => {
    for (const state of ['DISPATCHED', 'CLAIMED', 'CHECKING', 'CLOSED', 'SUSPENDED'] as const)
      expect(checkTimerAction({ ...village, state }, 'AUTO_ESCALATE').ok).toBe(false);
    expect(
      checkTimerAction(
        { state: 'REGISTERED', ownerLevel: 'CITY', ownerUnitCode: '371500000000' },
        'AUTO_ESCALATE',
      ),
    ).toEqual({ ok: false, message: 'the city is the highest level' });
  });
});
