import { describe, expect, it } from 'vitest';
import {
  codeOfText,
  nameOfCode,
  RECORD_SHEETS,
  recordColumnOfHeader,
  recordInputOfCells,
} from './record-sheets';

describe('record sheets', () => {
  it('matches headers by Chinese or English name or key, a star ignored', () => {
    expect(recordColumnOfHeader('things', '*部件编码')).toBe('code');
    expect(recordColumnOfHeader('things', ' component  CODE ')).toBe('code');
    expect(recordColumnOfHeader('organisations', 'contactPhone')).toBe('contactPhone');
    expect(recordColumnOfHeader('places', '部件编码')).toBeUndefined();
  });

  it('reads kinds by name or code and the position as one location, listing what it cannot read', () => {
    const ok = recordInputOfCells('things', 4, {
      gridCode: '371502001001001',
      classCode: '消火栓',
      state: 'damaged',
      lon: '115.98',
      lat: '36.45',
    });
    expect(ok).toEqual({
      input: {
        gridCode: '371502001001001',
        classCode: '0117',
        state: 'DAMAGED',
        location: { lon: 115.98, lat: 36.45 },
      },
      problems: [],
    });
    const bad = recordInputOfCells('places', 7, { kind: '城堡', lat: 'north' });
    expect(bad.problems.map((p) => p.path)).toEqual(['rows.7.kind', 'rows.7.lat']);
    expect(bad.input).toEqual({ location: { lon: undefined, lat: Number.NaN } });
  });

  it('names codes in Chinese for the export, every kind column with a table', () => {
    const kind = RECORD_SHEETS.organisations.columns.find((c) => c.key === 'kind')!;
    expect(nameOfCode(kind, 'PARTY_BRANCH')).toBe('网格党支部');
    expect(codeOfText(kind.codes!, 'Party branch')).toBe('PARTY_BRANCH');
    for (const sheet of Object.values(RECORD_SHEETS))
      for (const c of sheet.columns.filter((x) => x.codes)) expect(c.codes!.length).toBeGreaterThan(1);
  });
});
