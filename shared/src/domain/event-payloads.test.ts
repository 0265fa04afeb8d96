import { describe, expect, expectTypeOf, it } from 'vitest';
import { type CaseEventPayloads, payloadOf } from './event-payloads';

describe('event payloads', () => {
  const report = {
    action: 'REPORT',
    payload: { source: 'GRID_WORKER', location: { lon: 115.98, lat: 36.45 }, categoryCode: '0201' },
  };

  it('narrows a received event to its action’s payload, and nothing else', () => {
    const p = payloadOf(report, 'REPORT');
    expect(p?.location).toEqual({ lon: 115.98, lat: 36.45 });
    expectTypeOf(p?.location).toEqualTypeOf<{ lon: number; lat: number } | undefined>();
    expect(payloadOf(report, 'FEEDBACK')).toBeNull();
    expect(payloadOf({ action: 'REGISTER', payload: null }, 'REGISTER')).toBeNull();
  });

  it('types each action’s payload from its input and the workflow’s additions', () => {
    expectTypeOf<CaseEventPayloads['FEEDBACK']['onTime']>().toEqualTypeOf<boolean>();
    expectTypeOf<CaseEventPayloads['DISPATCH']['leadDepartmentId']>().toEqualTypeOf<string>();
    expectTypeOf<CaseEventPayloads['REQUEST_RETURN']>().toHaveProperty('reasonCode');
    expectTypeOf<CaseEventPayloads['RED_CARD']['unitCode']>().toEqualTypeOf<string>();
    // `reason` has a column of its own, `version` is the request's: neither is in a payload.
    expectTypeOf<CaseEventPayloads['REJECT']>().not.toHaveProperty('reason');
    expectTypeOf<CaseEventPayloads['CLAIM']>().not.toHaveProperty('version');
  });
});
