import { describe, expect, it } from 'vitest';
import { gridWorkerScore, rankRows, unitScore } from './scores';

const none = {
  closeOnTime: null,
  handleOnTime: null,
  satisfaction: null,
  registerOnTime: null,
  checkOnTime: null,
  rework: null,
};

describe('unitScore', () => {
  it('weights the rates out of 100 and counts rework as its complement', () => {
    // 30·0.5 + 25·1 + 15·0.8 + 10·1 + 10·0.5 + 10·(1 − 0.25) = 15 + 25 + 12 + 10 + 5 + 7.5 = 74.5
    expect(
      unitScore({
        closeOnTime: 0.5,
        handleOnTime: 1,
        satisfaction: 0.8,
        registerOnTime: 1,
        checkOnTime: 0.5,
        rework: 0.25,
      }),
    ).toBe(74.5);
  });
  it('leaves out rates with nothing due and scales the rest to 100', () => {
    // only closeOnTime (30) and satisfaction (15): (30·0.6 + 15·1) / 45 = 33 / 45 = 73.33…
    expect(unitScore({ ...none, closeOnTime: 0.6, satisfaction: 1 })).toBe(73.3);
  });
  it('is null when nothing was due at all', () => {
    expect(unitScore(none)).toBeNull();
  });
  it('never goes below zero for rework above 100 %', () => {
    expect(unitScore({ ...none, rework: 1.5 })).toBe(0);
  });
});

describe('gridWorkerScore', () => {
  it('adds cell results (50), duties (30) and personal performance (20) from recorded work', () => {
    const s = gridWorkerScore({
      cell: { closeOnTime: 0.5, satisfaction: 1, registerOnTime: null },
      workingDays: 20,
      patrolDays: 15,
      homeVisits: 10,
      reports: 12,
      checkOnTime: 0.75,
    });
    // cell: 30·0.5 + 10·1 + 10 (nothing due) = 35; duties: 15·15/20 + 15·10/20 = 11.25 + 7.5 = 18.75 → 18.8
    // (items 11.3 + 7.5 rounded each = 18.8); personal: 10 (12 ≥ 8) + 10·0.75 = 17.5
    expect(s.parts.map((p) => [p.key, p.points])).toEqual([
      ['cell', 35],
      ['duties', 18.8],
      ['personal', 17.5],
    ]);
    expect(s.total).toBe(71.3);
  });
  it('gives nothing for duties not done', () => {
    const s = gridWorkerScore({
      cell: { closeOnTime: 1, satisfaction: 1, registerOnTime: 1 },
      workingDays: 21,
      patrolDays: 0,
      homeVisits: 0,
      reports: 0,
      checkOnTime: null,
    });
    expect(s.total).toBe(50 + 0 + 0 + 10);
  });
});

describe('rankRows', () => {
  it('ranks highest first, shares ties, puts unscored rows last', () => {
    const ranked = rankRows([
      { id: 'a', score: 80 },
      { id: 'b', score: null },
      { id: 'c', score: 90 },
      { id: 'd', score: 80 },
    ]);
    expect(ranked.map((r) => [r.id, r.rank])).toEqual([
      ['c', 1],
      ['a', 2],
      ['d', 2],
      ['b', null],
    ]);
  });
});
