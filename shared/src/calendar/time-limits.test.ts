import { describe, expect, it } from 'vitest';
import {
  DEFAULT_STAGE_LIMITS,
  limitFor,
  MAX_EXTENSION_WORKING_DAYS,
  parseStageLimits,
  type StageLimits,
} from './time-limits';

describe('DEFAULT_STAGE_LIMITS', () => {
  it('matches the domain brief §4', () => {
    expect(DEFAULT_STAGE_LIMITS).toEqual({
      REGISTER: { amount: 30, unit: 'MINUTES', urgent: { amount: 10, unit: 'MINUTES' } },
      VERIFY: { amount: 1, unit: 'HOURS', rural: { amount: 2, unit: 'HOURS' } },
      DISPATCH: { amount: 30, unit: 'MINUTES' },
      CLAIM: { amount: 1, unit: 'WORKING_DAYS' },
      RETURN: { amount: 2, unit: 'WORKING_DAYS' },
      HANDLE: { amount: 5, unit: 'WORKING_DAYS' },
      CHECK: { amount: 1, unit: 'HOURS', rural: { amount: 2, unit: 'HOURS' } },
      CALLBACK: { amount: 1, unit: 'WORKING_DAYS' },
      REPORT_IN: { amount: 60, unit: 'MINUTES', urgent: { amount: 30, unit: 'MINUTES' } },
    });
    expect(MAX_EXTENSION_WORKING_DAYS).toBe(10);
  });

  it('cannot be mutated', () => {
    expect(Object.isFrozen(DEFAULT_STAGE_LIMITS)).toBe(true);
    expect(Object.isFrozen(DEFAULT_STAGE_LIMITS.REGISTER)).toBe(true);
  });
});

describe('limitFor', () => {
  const both: StageLimits = {
    ...DEFAULT_STAGE_LIMITS,
    HANDLE: {
      amount: 5,
      unit: 'WORKING_DAYS',
      urgent: { amount: 4, unit: 'HOURS' },
      rural: { amount: 7, unit: 'WORKING_DAYS' },
    },
  };

  it.each([
    { stage: 'REGISTER', flags: {}, expected: '30 MINUTES' },
    { stage: 'REGISTER', flags: { urgent: true }, expected: '10 MINUTES' },
    { stage: 'REGISTER', flags: { rural: true }, expected: '30 MINUTES' }, // no rural variant
    { stage: 'VERIFY', flags: {}, expected: '1 HOURS' },
    { stage: 'VERIFY', flags: { rural: true }, expected: '2 HOURS' },
    { stage: 'VERIFY', flags: { urgent: true, rural: true }, expected: '2 HOURS' }, // no urgent variant
    { stage: 'CHECK', flags: { rural: false }, expected: '1 HOURS' },
    { stage: 'CHECK', flags: { rural: true }, expected: '2 HOURS' },
    { stage: 'HANDLE', flags: { urgent: true }, expected: '5 WORKING_DAYS' },
    { stage: 'RETURN', flags: {}, expected: '2 WORKING_DAYS' },
  ] as const)('defaults: $stage $flags → $expected', ({ stage, flags, expected }) => {
    const limit = limitFor(DEFAULT_STAGE_LIMITS, stage, flags);
    expect(`${limit.amount} ${limit.unit}`).toBe(expected);
    expect(Object.keys(limit).sort()).toEqual(['amount', 'unit']);
  });

  it.each([
    { flags: {}, expected: '5 WORKING_DAYS' },
    { flags: { rural: true }, expected: '7 WORKING_DAYS' },
    { flags: { urgent: true }, expected: '4 HOURS' },
    { flags: { urgent: true, rural: true }, expected: '4 HOURS' }, // urgency wins
  ])('both variants: HANDLE $flags → $expected', ({ flags, expected }) => {
    const limit = limitFor(both, 'HANDLE', flags);
    expect(`${limit.amount} ${limit.unit}`).toBe(expected);
  });
});

describe('parseStageLimits', () => {
  it.each([null, undefined, {}])('%j means the defaults', (value) => {
    expect(parseStageLimits(value)).toEqual({ ok: true, limits: DEFAULT_STAGE_LIMITS });
  });

  it('merges a partial override over the defaults', () => {
    const result = parseStageLimits({
      HANDLE: { amount: 3, unit: 'WORKING_DAYS', urgent: { amount: 4, unit: 'HOURS' } },
      VERIFY: { rural: null },
      REGISTER: { urgent: { amount: 5, unit: 'MINUTES' } },
    });
    expect(result).toEqual({
      ok: true,
      limits: {
        ...DEFAULT_STAGE_LIMITS,
        HANDLE: { amount: 3, unit: 'WORKING_DAYS', urgent: { amount: 4, unit: 'HOURS' } },
        VERIFY: { amount: 1, unit: 'HOURS' },
        REGISTER: { amount: 30, unit: 'MINUTES', urgent: { amount: 5, unit: 'MINUTES' } },
      },
    });
    // The defaults themselves are untouched.
    expect(DEFAULT_STAGE_LIMITS.VERIFY.rural).toEqual({ amount: 2, unit: 'HOURS' });
  });

  it.each([
    { value: [], problem: 'stage limits: must be an object keyed by stage (got an array)' },
    {
      value: '{"HANDLE":1}',
      problem: 'stage limits: must be an object keyed by stage (got "{\\"HANDLE\\":1}")',
    },
    { value: 5, problem: 'stage limits: must be an object keyed by stage (got 5)' },
  ])('rejects a non-object: $value', ({ value, problem }) => {
    expect(parseStageLimits(value)).toEqual({ ok: false, problems: [problem] });
  });

  it('lists every problem, not just the first', () => {
    const result = parseStageLimits({
      HANDEL: { amount: 5, unit: 'WORKING_DAYS' },
      REGISTER: { amount: -1, unit: 'SECONDS' },
      VERIFY: { amount: 1.5, unit: 'HOURS', colour: 'red' },
      DISPATCH: { amount: 10 },
      CLAIM: 1,
      RETURN: { amount: 300, unit: 'WORKING_DAYS' },
      HANDLE: { urgent: { amount: 4 }, rural: 'yes' },
      CHECK: { rural: { amount: 2, unit: 'HOURS', note: 'x' } },
      CALLBACK: null,
    });
    expect(result).toEqual({
      ok: false,
      problems: [
        'HANDEL: unknown stage (expected one of REGISTER, VERIFY, DISPATCH, CLAIM, RETURN, HANDLE, CHECK, CALLBACK, REPORT_IN)',
        'REGISTER.unit: must be one of MINUTES, HOURS, WORKING_DAYS (got "SECONDS")',
        'REGISTER.amount: must be a non-negative integer (got -1)',
        'VERIFY.colour: unknown key (expected amount, unit, urgent, rural)',
        'VERIFY.amount: must be a non-negative integer (got 1.5)',
        'DISPATCH: amount and unit must be given together',
        'CLAIM: must be an object with amount, unit, urgent or rural (got 1)',
        'RETURN.amount: must be at most 250 WORKING_DAYS (got 300)',
        'HANDLE.urgent.unit: must be one of MINUTES, HOURS, WORKING_DAYS (got undefined)',
        'HANDLE.rural: must be { amount, unit } or null (got "yes")',
        'CHECK.rural.note: unknown key (expected amount, unit)',
        'CALLBACK: must be an object with amount, unit, urgent or rural (got null)',
      ],
    });
  });
});
