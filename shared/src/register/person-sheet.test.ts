import { describe, expect, it } from 'vitest';
import { classesOfText, classesText, columnOfHeader, residenceOfText } from './person-sheet';

describe('the persons sheet', () => {
  it('matches headers in Chinese, English or by key, ignoring a required-mark and case', () => {
    expect(columnOfHeader('公民身份号码')).toBe('idNumber');
    expect(columnOfHeader('* 姓名')).toBe('name');
    expect(columnOfHeader('Grid Cell Code')).toBe('gridCode');
    expect(columnOfHeader('phone')).toBe('phone');
    expect(columnOfHeader('备注')).toBeUndefined();
  });
  it('reads residence kinds and classes by name or code, and lists unknown classes', () => {
    expect(residenceOfText('流动')).toBe('FLOATING');
    expect(residenceOfText('resident')).toBe('RESIDENT');
    expect(residenceOfText('FOREIGN')).toBe('FOREIGN');
    expect(residenceOfText('暂住')).toBeUndefined();
    expect(classesOfText('独居老人、低保；Drug use, 外星人')).toEqual({
      codes: ['CONCERN_ELDERLY_ALONE', 'AID_SUBSISTENCE', 'KEY_DRUG'],
      unknown: ['外星人'],
    });
    expect(classesOfText('  ')).toEqual({ codes: [], unknown: [] });
    expect(classesText(['CONCERN_ELDERLY_ALONE', 'AID_SUBSISTENCE'])).toBe('独居老人、低保');
  });
});
