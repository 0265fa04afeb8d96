import { describe, expect, it } from 'vitest';
import {
  describeIdNumber,
  idCheckDigit,
  idNumberProblems,
  normaliseIdNumber,
  normalisePhone,
} from './id-number';
import { maskIdNumber, maskPhone } from './mask';
import { redactSensitive } from './redact';

const TODAY = '2026-12-06';
const valid = (first17: string) => `${first17}${idCheckDigit(first17)}`;

describe('GB 11643 ID numbers', () => {
  it('computes the MOD 11-2 check digit (the standard’s own example, 11010519491231002X)', () => {
    expect(idCheckDigit('11010519491231002')).toBe('X');
    expect(idNumberProblems('11010519491231002X', TODAY)).toEqual([]);
    expect(idNumberProblems('11010519491231002x', TODAY)).toEqual([]);
    expect(normaliseIdNumber(' 11010519491231002x ')).toBe('11010519491231002X');
  });
  it('names every problem: shape; area, birth date and check digit together', () => {
    expect(idNumberProblems('1234', TODAY)).toHaveLength(1);
    expect(idNumberProblems('11010519491231002A', TODAY)).toHaveLength(1);
    const first17 = '99010519990230000';
    const wrong = idCheckDigit(first17) === '1' ? '2' : '1';
    const problems = idNumberProblems(`${first17}${wrong}`, TODAY);
    expect(problems).toHaveLength(3);
    expect(problems.join(' ')).toMatch(/area code.*birth date.*check digit/);
  });
  it('refuses birth dates before 1900, in the future or not in the calendar', () => {
    expect(idNumberProblems(valid('37150218991231001'), TODAY)).toHaveLength(1);
    expect(idNumberProblems(valid('37150220261207001'), TODAY)).toHaveLength(1);
    expect(idNumberProblems(valid('37150220261206001'), TODAY)).toEqual([]);
    expect(idNumberProblems(valid('37150220000229001'), TODAY)).toEqual([]);
    expect(idNumberProblems(valid('37150219000229001'), TODAY)).toHaveLength(1);
  });
  it('derives birth date and sex (odd sequence: male)', () => {
    expect(describeIdNumber(valid('37150219850612001'))).toEqual({ birthDate: '1985-06-12', sex: 'M' });
    expect(describeIdNumber(valid('37150219850612002'))).toEqual({ birthDate: '1985-06-12', sex: 'F' });
  });
});

describe('masks and redaction', () => {
  it('masks as 371502********1234 and 138****5678', () => {
    expect(maskIdNumber('371502198506121234')).toBe('371502********1234');
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(normalisePhone('+86 138-1234-5678')).toBe('13812345678');
  });
  it('redacts ID- and phone-shaped numbers in log lines, not grid codes, case codes or timestamps', () => {
    const line =
      'GET /x?q=37150219850612123X&p=13812345678 grid 371502001001001 case 3715-20261206-000001 at 1764998400000';
    expect(redactSensitive(line)).toBe(
      'GET /x?q=371502********123X&p=138****5678 grid 371502001001001 case 3715-20261206-000001 at 1764998400000',
    );
  });
});
